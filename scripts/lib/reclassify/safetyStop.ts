import type { Plan } from './classifyStage.ts';
import { READ_OBJECTS, type ObjectCounts } from '../objects.ts';
import type { SafetyStopReport } from './report.ts';

/** The default share: a run may clear the classification of at most 10% of the classified brand details. */
export const DEFAULT_MASS_CHANGE_SHARE = 0.1;

export type SafetyStopResult = Pick<
    SafetyStopReport,
    'classified' | 'clears' | 'shrunk' | 'stopped' | 'reason'
>;

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/**
 * The check before any write. A shrunken input (a header-only export, a query that misses records, a field a
 * permission change hides) does not look like bad records: it looks like installers without potential, and
 * the rules would clear their type and segment. So a run that would clear the type or segment of more than
 * `limit` of the brand details that carry one, or that read more than `limit` fewer records of an object than
 * the last complete run of this org did, writes nothing, unless `allowed` (--allow-mass-change).
 */
export function safetyStop(
    plan: Pick<Plan, 'classified' | 'clears'>,
    read: ObjectCounts,
    lastComplete: ObjectCounts | undefined,
    options: { limit: number; allowed: boolean }
): SafetyStopResult {
    const { limit } = options;
    const reasons: string[] = [];
    if (plan.clears > limit * plan.classified) {
        reasons.push(
            `it would clear the Type klant or segment of ${plan.clears} of the ${plan.classified} classified brand details (${percent(plan.clears / plan.classified)}, more than ${percent(limit)})`
        );
    }
    const shrunk = READ_OBJECTS.flatMap((object) => {
        const before = lastComplete?.[object];
        const now = read[object];
        return before !== undefined && now < before * (1 - limit) ? [{ object, before, now }] : [];
    });
    for (const { object, before, now } of shrunk) {
        reasons.push(
            `${object}: ${before} records at the last complete run, ${now} now (${percent((before - now) / before)} fewer, more than ${percent(limit)})`
        );
    }
    return {
        classified: plan.classified,
        clears: plan.clears,
        shrunk,
        stopped: reasons.length > 0 && !options.allowed,
        reason: reasons.length > 0 ? reasons.join('; ') : null
    };
}
