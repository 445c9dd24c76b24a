/**
 * What the client did: requests by kind, bytes, records written. Tests and the benchmark read it to check
 * that the command used the API sparingly (one bulk job instead of thousands of REST calls, no rewrites).
 */

export const REQUEST_KINDS = [
    'auth',
    'userinfo',
    'versions',
    'resources',
    'sobjectRow',
    'limits',
    'query',
    'queryMore',
    'compositeWrite',
    'bulkQueryCreate',
    'bulkQueryPoll',
    'bulkQueryResults',
    'bulkQueryAbort',
    'bulkQueryDelete',
    'ingestCreate',
    'ingestUpload',
    'ingestClose',
    'ingestPoll',
    'ingestResults',
    'ingestDelete',
    'other'
] as const;

export type RequestKind = (typeof REQUEST_KINDS)[number];

export type StandinStats = {
    /** Every request received per kind, served or refused (faults, 401, 403); admin requests are not counted. */
    requests: Record<RequestKind, number>;
    /** Sum of `requests`. */
    totalRequests: number;
    /** Request and response body bytes of the counted requests. */
    bytesReceived: number;
    bytesSent: number;
    /** Records created or updated per object (successful writes only; rolled-back ones don't count). */
    recordsWritten: Record<string, number>;
    /** Of those, the records created. */
    recordsCreated: Record<string, number>;
    /** The org's daily API request allocation as Sforce-Limit-Info reports it. */
    apiUsage: { used: number; max: number };
};

export class StatsCollector {
    private requests = emptyCounts();
    private bytesReceived = 0;
    private bytesSent = 0;
    private recordsWritten: Record<string, number>;
    private recordsCreated: Record<string, number>;
    /** Data requests received since start or reset: fault rules' requestNumber counts these. */
    dataRequests = 0;

    constructor(private readonly objectNames: readonly string[]) {
        this.recordsWritten = zeroPerObject(objectNames);
        this.recordsCreated = zeroPerObject(objectNames);
    }

    countRequest(kind: RequestKind): void {
        this.requests[kind] += 1;
    }

    countBytes(received: number, sent: number): void {
        this.bytesReceived += received;
        this.bytesSent += sent;
    }

    countWrite(objectName: string, created: boolean): void {
        this.recordsWritten[objectName] = (this.recordsWritten[objectName] ?? 0) + 1;
        if (created) this.recordsCreated[objectName] = (this.recordsCreated[objectName] ?? 0) + 1;
    }

    snapshot(apiUsage: { used: number; max: number }): StandinStats {
        return {
            requests: { ...this.requests },
            totalRequests: Object.values(this.requests).reduce((sum, n) => sum + n, 0),
            bytesReceived: this.bytesReceived,
            bytesSent: this.bytesSent,
            recordsWritten: { ...this.recordsWritten },
            recordsCreated: { ...this.recordsCreated },
            apiUsage: { ...apiUsage }
        };
    }

    reset(): void {
        this.requests = emptyCounts();
        this.bytesReceived = 0;
        this.bytesSent = 0;
        this.recordsWritten = zeroPerObject(this.objectNames);
        this.recordsCreated = zeroPerObject(this.objectNames);
        this.dataRequests = 0;
    }
}

function emptyCounts(): Record<RequestKind, number> {
    return Object.fromEntries(REQUEST_KINDS.map((kind) => [kind, 0])) as Record<RequestKind, number>;
}

function zeroPerObject(objectNames: readonly string[]): Record<string, number> {
    return Object.fromEntries(objectNames.map((name) => [name, 0]));
}
