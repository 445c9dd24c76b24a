import CONFIG_URL from '@salesforce/resourceUrl/segmentationConfig';
import { LABELS, formatLabel } from 'c/segmentationLabels';

/**
 * Loads the segmentation config (static resource `segmentationConfig`) for the panels.
 *
 * The config is validated once, by the zod schema of the scripts (scripts/lib/config.ts): a test holds the
 * shipped resource to it (test/lib/config.test.ts) and the nightly run refuses a config that fails it. The panels
 * only say clearly when the resource cannot be loaded at all.
 */

/** An AggregateError lists every fault; c-error-panel shows them one per line. */
function configError(problems) {
    return new AggregateError(
        problems.map((problem) => new Error(problem)),
        LABELS.configError
    );
}

async function fetchConfig() {
    let response;
    try {
        response = await fetch(CONFIG_URL, { credentials: 'same-origin' });
    } catch (networkError) {
        throw configError([networkError?.message ?? String(networkError)]);
    }
    if (!response.ok) {
        throw configError([formatLabel(LABELS.configHttp, response.status)]);
    }
    try {
        return await response.json();
    } catch {
        throw configError([LABELS.configNotJson]);
    }
}

/** One request per page, shared by every panel on it. */
let pending;

/**
 * The config, fetched once per page. A failed load is not remembered, so that the next panel (or a
 * reload of this one) tries again instead of repeating a network hiccup.
 * @returns {Promise<import('../segmentRules/segmentRules.js').SegmentationConfig>}
 */
export function loadSegmentationConfig() {
    if (!pending) {
        pending = fetchConfig().catch((error) => {
            pending = undefined;
            throw error;
        });
    }
    return pending;
}
