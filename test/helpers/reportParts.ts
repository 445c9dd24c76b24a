import type { SafetyStopReport } from '../../scripts/lib/reclassify/report.ts';

/** The safety stop of a report whose night neither stopped nor was let through: for report fixtures. */
export const NO_SAFETY_STOP: SafetyStopReport = {
    limit: 0.1,
    allowed: false,
    classified: 2000,
    clears: 0,
    shrunk: [],
    stopped: false,
    reason: null
};
