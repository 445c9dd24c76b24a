import type { ServerResponse } from 'node:http';
import { Sessions, type StandinUser } from './auth.ts';
import type { WriteContext, WriteRequest, WriteResult } from './dml.ts';
import { FaultInjector, type FaultRule, type RequestFacts } from './faults.ts';
import { sequentialId } from './ids.ts';
import type { OrgSchema } from './schema.ts';
import { StatsCollector } from './stats.ts';
import { Store } from './store.ts';

/** How long Bulk jobs take: a job answers InProgress to `polls` status requests and for `ms` milliseconds. */
export type JobDelay = { polls: number; ms: number };

export type OrgSettings = {
    /** The org's id (18 characters): in identity URLs, userinfo and the prefix of its session ids. */
    orgId: string;
    /** The newest API version the org serves; it serves every version from OLDEST_API_VERSION up to it. */
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
    loadedAt?: Date;
};

/** API versions 21.0 through 30.0 were retired in Summer '25: an org serves 31.0 and later. */
export const OLDEST_API_VERSION = 31;

/** One API request as the handlers see it: path relative to /services/data/vXX.X, body already read. */
export type ApiCall = {
    method: string;
    path: string;
    /** The version prefix the client asked for, e.g. /services/data/v65.0 (URLs in answers use it). */
    apiPath: string;
    /** The session's user (absent only for requests that need no session). */
    user?: StandinUser;
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
        this.store = new Store(schema, settings.now, settings.loadedAt);
        this.stats = new StatsCollector([...schema.objects.keys()]);
        this.sessions = new Sessions(settings.orgId, accessToken, settings);
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

    /** The versions the org serves, oldest first ("31.0" … settings.apiVersion). */
    servedVersions(): string[] {
        const newest = Math.floor(Number(this.settings.apiVersion));
        return Array.from(
            { length: newest - OLDEST_API_VERSION + 1 },
            (_, i) => `${OLDEST_API_VERSION + i}.0`
        );
    }

    writeContext(facts: RequestFacts, allOrNone: boolean, user: StandinUser): WriteContext {
        return {
            store: this.store,
            now: this.now(),
            userId: user.id,
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
