import os from 'node:os';
import type { RequestKind, StandinStats } from '../scripts/dev/standin/stats.ts';
import { round, type ChildUsage } from './child.ts';

/** The request kinds of the issue, from the stand-in's finer ones. */
export const REQUEST_GROUPS = {
    /** REST query pages: the first page (COUNT() included) and every nextRecordsUrl page. */
    query: ['query', 'queryMore'],
    /** Bulk API 2.0 job lifecycle: create, close, abort, delete (query and ingest). */
    bulkJob: [
        'bulkQueryCreate',
        'bulkQueryAbort',
        'bulkQueryDelete',
        'ingestCreate',
        'ingestClose',
        'ingestDelete'
    ],
    /** Job status requests while a Bulk job runs. */
    poll: ['bulkQueryPoll', 'ingestPoll'],
    /** Bulk query result pages (50,000 records each) and ingest result files. */
    resultPage: ['bulkQueryResults', 'ingestResults'],
    /** sObject Collections requests (200 records) and Bulk ingest uploads (one CSV of up to 100 MB). */
    write: ['compositeWrite', 'ingestUpload'],
    /** Who the session is, versions, /limits, OAuth, the User record, anything else. */
    other: ['resources', 'versions', 'limits', 'auth', 'userinfo', 'sobjectRow', 'other']
} as const satisfies Record<string, readonly RequestKind[]>;

export type RequestGroup = keyof typeof REQUEST_GROUPS;

/** One measured run of the command or the baseline. */
export type Measurement = {
    exitCode: number | null;
    wallSeconds: number;
    cpuSeconds: number;
    userCpuSeconds: number;
    systemCpuSeconds: number;
    peakRssMb: number;
    requests: number;
    requestsWithoutPolls: number;
    requestsByGroup: Record<RequestGroup, number>;
    requestsByKind: Partial<Record<RequestKind, number>>;
    bytesUp: number;
    bytesDown: number;
    recordsWritten: Record<string, number>;
    recordsWrittenTotal: number;
};

export function measurement(usage: ChildUsage, stats: StandinStats): Measurement {
    const byGroup = Object.fromEntries(
        Object.entries(REQUEST_GROUPS).map(([group, kinds]) => [
            group,
            kinds.reduce((sum, kind) => sum + (stats.requests[kind] ?? 0), 0)
        ])
    ) as Record<RequestGroup, number>;
    const byKind = Object.fromEntries(
        Object.entries(stats.requests).filter(([, count]) => count > 0)
    ) as Partial<Record<RequestKind, number>>;
    const written = Object.fromEntries(Object.entries(stats.recordsWritten).filter(([, count]) => count > 0));
    return {
        exitCode: usage.exitCode,
        wallSeconds: usage.wallSeconds,
        cpuSeconds: usage.cpuSeconds,
        userCpuSeconds: usage.userCpuSeconds,
        systemCpuSeconds: usage.systemCpuSeconds,
        peakRssMb: usage.peakRssMb,
        requests: stats.totalRequests,
        requestsWithoutPolls: stats.totalRequests - byGroup.poll,
        requestsByGroup: byGroup,
        requestsByKind: byKind,
        bytesUp: stats.bytesReceived,
        bytesDown: stats.bytesSent,
        recordsWritten: written,
        recordsWrittenTotal: Object.values(written).reduce((sum, count) => sum + count, 0)
    };
}

/** The figures of several runs of one phase: the minimum of each noisy figure, the counts of the last run. */
export type PhaseSummary = Measurement & {
    runs: number;
    /** Every run's noisy figures, to show the spread. */
    each: Pick<Measurement, 'wallSeconds' | 'cpuSeconds' | 'peakRssMb'>[];
    /** Counts that differed between runs (should be none: the stand-in is deterministic). */
    unstableCounts: string[];
};

export function summarize(runs: Measurement[]): PhaseSummary {
    const last = runs.at(-1);
    if (!last) throw new Error('no runs to summarize');
    const min = (pick: (run: Measurement) => number) => Math.min(...runs.map(pick));
    const unstable = (['requests', 'requestsWithoutPolls', 'recordsWrittenTotal', 'bytesUp'] as const).filter(
        (key) => runs.some((run) => run[key] !== last[key])
    );
    return {
        ...last,
        exitCode: runs.find((run) => run.exitCode !== 0)?.exitCode ?? last.exitCode,
        wallSeconds: min((run) => run.wallSeconds),
        cpuSeconds: min((run) => run.cpuSeconds),
        userCpuSeconds: min((run) => run.userCpuSeconds),
        systemCpuSeconds: min((run) => run.systemCpuSeconds),
        peakRssMb: min((run) => run.peakRssMb),
        runs: runs.length,
        each: runs.map(({ wallSeconds, cpuSeconds, peakRssMb }) => ({ wallSeconds, cpuSeconds, peakRssMb })),
        unstableCounts: unstable
    };
}

/** Baseline figure divided by the phase's: how many times cheaper the command is (per run, then the best run). */
export function ratios(phase: Measurement[], baseline: Measurement[]) {
    const each = (pick: (run: Measurement) => number) =>
        phase.map((run, index) => {
            const base = baseline[index];
            return base && pick(run) > 0 ? round(pick(base) / pick(run), 2) : null;
        });
    const best = (values: (number | null)[]) => {
        const known = values.filter((value): value is number => value !== null);
        return known.length > 0 ? Math.max(...known) : null;
    };
    const worst = (values: (number | null)[]) => {
        const known = values.filter((value): value is number => value !== null);
        return known.length > 0 ? Math.min(...known) : null;
    };
    const requests = each((run) => run.requests);
    const requestsWithoutPolls = each((run) => run.requestsWithoutPolls);
    const wall = each((run) => run.wallSeconds);
    const cpu = each((run) => run.cpuSeconds);
    const rss = each((run) => run.peakRssMb);
    const bytes = each((run) => run.bytesUp + run.bytesDown);
    // Counts are deterministic; for the timings the least favourable run is reported.
    return {
        requests: worst(requests),
        requestsWithoutPolls: worst(requestsWithoutPolls),
        wall: worst(wall),
        cpu: worst(cpu),
        peakRss: worst(rss),
        bytes: worst(bytes),
        bestWall: best(wall),
        bestCpu: best(cpu),
        perRun: { wall, cpu, peakRss: rss }
    };
}

export function machine() {
    const cpus = os.cpus();
    return {
        cpuModel: cpus[0]?.model.trim() ?? 'unknown',
        cores: os.availableParallelism(),
        memoryGb: round(os.totalmem() / 1024 ** 3, 1),
        node: process.version,
        platform: `${os.platform()} ${os.release()} ${os.arch()}`
    };
}
