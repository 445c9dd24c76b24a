import type { SegmentationConfig } from '../../force-app/main/default/lwc/segmentRules/segmentRules.js';
import { estimatePotentials } from './estimate/index.ts';
import type { EstimateStage } from './pipeline.ts';

/** Same data, same estimate: the cross-validation folds are seeded, so a rerun reports the same quality. */
const FOLD_SEED = 20_251_125;

/** The estimate step of the pipeline: learn from the installers sales filled in, estimate the others. */
export function estimateStage(
    config: SegmentationConfig,
    options: { reestimate: boolean; force: boolean }
): EstimateStage {
    return (table) => {
        const outcome = estimatePotentials(table, {
            config,
            reestimate: options.reestimate,
            force: options.force,
            seed: FOLD_SEED
        });
        if (outcome.refused) {
            return {
                summary: {
                    status: 'refused',
                    reason: `${outcome.refused} (use --force-estimate to write estimates anyway, or --no-estimate)`,
                    trainingInstallers: outcome.trainingCount
                },
                rows: []
            };
        }
        if (!outcome.quality) {
            return {
                summary: { status: 'skipped', reason: outcome.warning ?? 'nothing to learn from' },
                rows: outcome.rows
            };
        }
        return {
            summary: {
                status: 'done',
                estimatedInstallers: outcome.estimatedCount,
                trainingInstallers: outcome.trainingCount,
                rowsToUpsert: outcome.rows.count,
                quality: outcome.quality
            },
            rows: outcome.rows
        };
    };
}
