import type { ServerResponse } from 'node:http';
import { Sessions } from './auth.ts';
import type { WriteContext, WriteRequest, WriteResult } from './dml.ts';
import { FaultInjector, type FaultRule, type RequestFacts } from './faults.ts';
import { sequentialId } from './ids.ts';
import type { OrgSchema } from './schema.ts';
import { StatsCollector } from './stats.ts';
import { Store } from './store.ts';

/** How long Bulk jobs take: a job answers InProgress to `polls` status requests and for `ms` milliseconds. */
export type JobDelay = { polls: number; ms: number };

export type OrgSettings = {
    apiVersion: string;
    clientId: string;
    clientSecret: string;
    refreshToken: string;
    restPageSize: number;
    bulkPageSize: number;
    dailyApiLimit: { max: number; used: number };
    jobDelay: JobDelay;
    maxUploadBytes: number;
    now: () => Date;
};

/** One API request as the handlers see it: path relative to /services/data/vXX.X, body already read. */
export type ApiCall = {
    method: string;
    path: string;
    url: URL;
    body: Buffer;
    headers: Record<string, string | string[] | undefined>;
    facts: RequestFacts;
    res: ServerResponse;
    /** The body parsed as JSON (once), for handlers and fault matching alike. */
    json: () => unknown;
};

/** The org's state behind the HTTP surface: data, sessions, limits, jobs' sequence, faults and stats. */
export class Org {
    readonly apiPath: string;
    readonly store: Store;
    readonly faults = new FaultInjector();
    readonly stats: StatsCollector;
    readonly sessions: Sessions;
    readonly apiUsage: { used: number; max: number };
    /** Bulk API 2.0 query jobs created today (DailyBulkV2QueryJobs). */
    bulkQueryJobsCreated = 0;
    instanceUrl = '';
    private sequence = 0;

    constructor(
        readonly schema: OrgSchema,
        readonly settings: OrgSettings,
        accessToken: string | undefined,
        faults: FaultRule[]
    ) {
        this.apiPath = `/services/data/v${settings.apiVersion}`;
        this.store = new Store(schema, settings.now);
        this.stats = new StatsCollector([...schema.objects.keys()]);
        this.sessions = new Sessions(accessToken, settings);
        this.apiUsage = { ...settings.dailyApiLimit };
        this.faults.set(faults);
    }

    /** Ids for jobs (750…) and query cursors (01g…), unique across the stand-in's life. */
    nextId(keyPrefix: string): string {
        this.sequence += 1;
        return sequentialId(keyPrefix, this.sequence);
    }

    now(): Date {
        return this.settings.now();
    }

    /** The date formulas such as TODAY() evaluate to (UTC). */
    today(): string {
        return this.now().toISOString().slice(0, 10);
    }

    writeContext(facts: RequestFacts, allOrNone: boolean): WriteContext {
        return {
            store: this.store,
            now: this.now(),
            allOrNone,
            isLocked: (recordId) => this.faults.isLocked(recordId, facts)
        };
    }

    countWrites(requests: readonly WriteRequest[], results: readonly WriteResult[]): void {
        results.forEach((result, index) => {
            if (result.errors.length === 0) {
                const request = requests[index]!;
                this.stats.countWrite(
                    request.object.name,
                    request.operation === 'create' || result.created === true
                );
            }
        });
    }
}
