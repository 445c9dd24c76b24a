import CONFIG_URL from '@salesforce/resourceUrl/segmentationConfig';
import { LABELS, formatLabel } from 'c/segmentationLabels';

/**
 * Loads the segmentation config (static resource `segmentationConfig`) for the panels.
 *
 * The full zod schema lives in the TypeScript scripts and cannot run in an LWC, so this checks what the rules
 * module reads: the version and every key with the right kind of value. A config that fails is refused with
 * every fault listed, and the panel shows that instead of computing with half a config.
 */

const SUPPORTED_VERSION = 1;

const isText = (value) => typeof value === 'string' && value.trim().length > 0;
const isNumber = (value) => typeof value === 'number' && Number.isFinite(value);
const isPercent = (value) => isNumber(value) && value > 0 && value < 100;
const isTextList = (value) => Array.isArray(value) && value.length > 0 && value.every(isText);
const isRecord = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNonEmptyRecord = (value) => isRecord(value) && Object.keys(value).length > 0;
const isSegmentList = (value) =>
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((segment) => isRecord(segment) && isText(segment.name) && isNumber(segment.minUnits));
const isValueTypes = (value) =>
    isNonEmptyRecord(value) &&
    Object.values(value).every(
        (type) => isRecord(type) && isText(type.strategy) && isNumber(type.visitEveryDays)
    );

/** Every key the rules module and the panels read, with the check its value must pass. */
const CHECKS = [
    ['productGroups', isTextList],
    ['boilerProductGroup', isText],
    ['vgBrands', isTextList],
    ['competitorBrands', isTextList],
    ['potentialSources.sales', isText],
    ['potentialSources.estimate', isText],
    ['potentialSourceLabels.entered', isText],
    ['potentialSourceLabels.estimated', isText],
    ['customerTypes.winBack', isText],
    ['customerTypes.get', isText],
    ['customerTypes.grow', isText],
    ['customerTypes.keep', isText],
    ['customerTypes.growFromPercent', isPercent],
    ['customerTypes.keepFromPercent', isPercent],
    ['segments', isSegmentList],
    ['valueBands.midFromRevenue', isNumber],
    ['valueBands.highAboveRevenue', isNumber],
    ['potentialBands', isNonEmptyRecord],
    ['valueTypeMatrix', isNonEmptyRecord],
    ['valueTypes', isValueTypes]
];

function valueAt(object, path) {
    return path.split('.').reduce((value, key) => (isRecord(value) ? value[key] : undefined), object);
}

/**
 * The faults of a parsed config, as readable sentences; empty when the panels can use it.
 * @param {unknown} raw
 * @returns {string[]}
 */
export function configProblems(raw) {
    if (!isRecord(raw)) {
        return [formatLabel(LABELS.configKey, 'version')];
    }
    if (raw.version !== SUPPORTED_VERSION) {
        // Another version may mean other keys: checking them would only add noise.
        return [formatLabel(LABELS.configVersion, String(raw.version ?? '—'))];
    }
    return CHECKS.filter(([path, check]) => !check(valueAt(raw, path))).map(([path]) =>
        formatLabel(LABELS.configKey, path)
    );
}

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
    let raw;
    try {
        raw = await response.json();
    } catch {
        throw configError([LABELS.configNotJson]);
    }
    const problems = configProblems(raw);
    if (problems.length > 0) {
        throw configError(problems);
    }
    return raw;
}

/** One request per page, shared by every panel on it. */
let pending;

/**
 * The checked config, fetched once per page. A failed load is not remembered, so that the next panel (or a
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
