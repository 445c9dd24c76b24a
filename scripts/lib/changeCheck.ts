import type { OrgApi } from './org/api.ts';
import { takeSnapshot } from './org/snapshot.ts';
import { reportUnchanged, type RunOptions } from './pipeline.ts';
import type { RunReport } from './report.ts';
import {
    decide,
    FULL_RUN_EVERY_DAYS,
    forgetState,
    readState,
    stateAfter,
    usableState,
    writeState,
    type RunState,
    type Snapshot
} from './runState.ts';

export type ChangeCheck = {
    api: OrgApi;
    stateFile: string;
    fingerprint: string;
    /** The run's clock (--now): the age of the kept state. */
    now: Date;
    /** --full: read everything whatever the counts say. */
    full: boolean;
};

type ReportOptions = Parameters<typeof reportUnchanged>[0];

/**
 * A nightly run against an org: first a few COUNT() queries against what the last complete run left (see
 * runState.ts); when nothing changed since, a report saying so and no reads or writes; otherwise the full run,
 * which leaves a new state when it ends ok and none when it does not.
 */
export async function runUnlessUnchanged(
    check: ChangeCheck,
    options: ReportOptions,
    run: (
        extra: Pick<RunOptions, 'readInFullBecause' | 'afterWrites'>,
        counted: Snapshot['totals']
    ) => Promise<RunReport>
): Promise<RunReport> {
    const usable = usableState(await readState(check.stateFile), check.fingerprint, check.now, check.full);
    const kept = 'state' in usable ? usable.state : undefined;
    const start = await takeSnapshot(check.api, kept);
    let readInFullBecause = 'reason' in usable ? usable.reason : '';
    if (kept) {
        const decision = decide(kept, start);
        if (decision.kind === 'unchanged') {
            return reportUnchanged(options, kept, unchangedReason(kept));
        }
        readInFullBecause = decision.reason;
    }
    let next: RunState | undefined;
    const report = await run(
        {
            readInFullBecause,
            afterWrites: async (written) => {
                const end = await takeSnapshot(check.api);
                next = stateAfter(written, check.fingerprint, start, end, written.records.potentialsNew);
            }
        },
        start.totals
    );
    if (report.outcome.status === 'ok' && next) {
        await writeState(check.stateFile, next);
    } else {
        await forgetState(check.stateFile);
    }
    return report;
}

function unchangedReason(state: RunState): string {
    const fullBy = new Date(Date.parse(state.fullRunAt) + FULL_RUN_EVERY_DAYS * 86_400_000);
    return `nothing changed in the org since the complete run of ${state.fullRunAt} (same record counts, no record changed but the ones that run wrote); the next complete run is due by ${fullBy.toISOString()} or with --full`;
}
