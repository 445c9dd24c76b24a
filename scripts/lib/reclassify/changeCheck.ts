import type { ObjectCounts } from '../objects.ts';
import type { Snapshot } from '../org/snapshot.ts';
import type { RunReport } from './report.ts';
import {
    decide,
    forgetState,
    FULL_RUN_EVERY_DAYS,
    readState,
    stateAfter,
    usableState,
    writeLastComplete,
    writeState,
    type RunState
} from './runState.ts';
import type { OrgSource } from './sources.ts';

/** Where one org's kept state lives, and what, besides its records, decides a run (see runState.ts). */
export type KeptState = {
    stateFile: string;
    lastCompleteFile: string;
    fingerprint: string;
    /** The run's clock (--now): the age of the kept state; and its day, for the visits due (--create-tasks). */
    now: Date;
    today: string;
    /** --full: read everything whatever the counts say. */
    full: boolean;
};

export type ChangeCheck =
    | { kind: 'unchanged'; reason: string; state: RunState }
    | { kind: 'full'; reason: string; start: Snapshot };

/**
 * Before a night against an org: a few COUNT() queries against what the last complete run left. When nothing
 * changed since, the night reads and writes nothing; otherwise it reads in full, and says why.
 */
export async function checkForChanges(org: OrgSource, kept: KeptState): Promise<ChangeCheck> {
    const usable = usableState(await readState(kept.stateFile), kept.fingerprint, kept.now, kept.full);
    if ('reason' in usable) return { kind: 'full', reason: usable.reason, start: await org.snapshot() };
    const { state } = usable;
    if (state.nextVisitDue !== null && kept.today >= state.nextVisitDue) {
        const reason = `a visit is due since ${state.nextVisitDue}: its follow-up task is made tonight`;
        return { kind: 'full', reason, start: await org.snapshot() };
    }
    const start = await org.snapshot(state);
    const decision = decide(state, start);
    if (decision.kind === 'full') return { kind: 'full', reason: decision.reason, start };
    const fullBy = new Date(Date.parse(state.fullRunAt) + FULL_RUN_EVERY_DAYS * 86_400_000);
    const reason = `nothing changed in the org since the complete run of ${state.fullRunAt} (same record counts, no record changed but the ones that run wrote); the next complete run is due by ${fullBy.toISOString()} or with --full`;
    return { kind: 'unchanged', reason, state };
}

/** What a night that read in full leaves for the state: its snapshots before and after, and what it read. */
export type ReadNight = { start: Snapshot; end?: Snapshot; read: ObjectCounts };

/**
 * After a night: a night found unchanged leaves the kept state as it is. Any other night leaves the state for
 * the next night's change check when it ended ok and none otherwise (`night` is undefined when it stopped
 * before the end of its writes), and the record counts it read for the safety stop when it was not stopped.
 */
export async function keepState(
    kept: KeptState,
    night: ReadNight | 'unchanged' | undefined,
    report: RunReport
): Promise<void> {
    if (night === 'unchanged') return;
    const { status } = report.outcome;
    const next =
        status === 'ok' && night?.end
            ? stateAfter(report, kept.fingerprint, night.start, night.end, report.records.potentialsNew)
            : undefined;
    if (next) await writeState(kept.stateFile, next);
    else await forgetState(kept.stateFile);
    if (night && (status === 'ok' || status === 'partial')) {
        await writeLastComplete(kept.lastCompleteFile, report.startedAt, night.read);
    }
}
