import type { SegmentationConfig } from '../../../force-app/main/default/lwc/segmentRules/segmentRules.js';
import { estimatePotentials } from './estimate/index.ts';
import type { InstallerTable } from './installers.ts';
import { NO_ESTIMATE, type EstimateSummary } from './report.ts';

/** Same data, same estimate: the cross-validation folds are seeded, so a rerun reports the same quality. */
const FOLD_SEED = 20_251_125;

export type EstimateChoice = { estimate: boolean; reestimate: boolean; force: boolean };

/**
 * The estimate step of the night: learn from the installers sales filled in, and give the installers the
 * estimator picks (see roleOf in estimate/index.ts) their estimated potential in the table. The rows to write
 * follow from the table (forEachEstimateRow).
 */
export function estimateInstallers(
    table: InstallerTable,
    config: SegmentationConfig,
    choice: EstimateChoice
): EstimateSummary {
    if (!choice.estimate) return { status: 'skipped', reason: NO_ESTIMATE };
    const outcome = estimatePotentials(table, {
        config,
        reestimate: choice.reestimate,
        force: choice.force,
        seed: FOLD_SEED
    });
    if (outcome.refused) {
        return {
            status: 'refused',
            reason: `${outcome.refused} (use --force-estimate to write estimates anyway, or --no-estimate)`,
            trainingInstallers: outcome.trainingCount
        };
    }
    if (!outcome.quality) {
        return { status: 'skipped', reason: outcome.warning ?? 'nothing to learn from' };
    }
    return {
        status: 'done',
        estimatedInstallers: outcome.estimatedCount,
        trainingInstallers: outcome.trainingCount,
        rowsToUpsert: outcome.rowCount,
        quality: outcome.quality
    };
}
