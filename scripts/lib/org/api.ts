import type { Connection } from 'jsforce';
import HttpApiModule from 'jsforce/lib/http-api.js';
import { setTimeout as sleep } from 'node:timers/promises';

/** Kinds of API request, counted separately in the report (status polls are not the expensive part). */
export type RequestKind =
    | 'limits'
    | 'count'
    | 'query'
    | 'queryMore'
    | 'bulkQueryCreate'
    | 'bulkQueryPoll'
    | 'bulkQueryResults'
    | 'ingestCreate'
    | 'ingestUpload'
    | 'ingestClose'
    | 'ingestPoll'
    | 'ingestResults'
    | 'compositeWrite'
    | 'jobAbort';

export type RequestCounts = Partial<Record<RequestKind, number>>;

/** An API problem the run cannot continue past, with a stable code for the report and exit status. */
export class OrgApiError extends Error {
    override readonly name = 'OrgApiError';
    constructor(
        message: string,
        readonly code: string,
        readonly status?: number
    ) {
        super(message);
    }
}

export type HttpRequest = {
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
    url: string;
    body?: string | Buffer;
    headers?: Record<string, string>;
};
type HttpResponse = { statusCode: number; headers: Record<string, string> };
type HttpApiLike = {
    on(event: 'response', listener: (response: HttpResponse) => void): void;
    request(request: HttpRequest): Promise<unknown>;
};
/**
 * jsforce retries GET/PUT/DELETE itself (5 times, backing off from 500 ms). Retrying is decided here instead,
 * once, where every attempt is counted against the daily allowance and a PUT upload is never repeated blindly.
 */
const NO_JSFORCE_RETRY = { retry: { maxRetries: 0 } };
const HttpApi = (HttpApiModule as unknown as { default?: unknown }).default ?? HttpApiModule;

/** Failures that say nothing was done and that the same request may succeed later. */
const TRANSIENT_CODES = new Set([
    'ECONNRESET',
    'ETIMEDOUT',
    'EPIPE',
    'ECONNREFUSED',
    'UND_ERR_SOCKET',
    'SERVER_UNAVAILABLE'
]);

function errorCodeOf(error: unknown): string {
    const candidate = error as {
        errorCode?: unknown;
        code?: unknown;
        name?: unknown;
        cause?: { code?: unknown };
    };
    return String(
        candidate.errorCode ?? candidate.code ?? candidate.cause?.code ?? candidate.name ?? 'UNKNOWN'
    );
}

/** The request may not have reached the org, or the org could not answer: nothing says it failed for good. */
export function isTransient(error: unknown): boolean {
    const code = errorCodeOf(error);
    return (
        TRANSIENT_CODES.has(code) ||
        /^ERROR_HTTP_5\d\d$/.test(code) ||
        /ECONNRESET|socket hang up/i.test(String(error))
    );
}

export type OrgApiOptions = {
    /** Stop before sending request number maxRequests + 1 (the admin's cap on the daily allowance). */
    maxRequests?: number;
    /** Tries of an idempotent request on transient failures. */
    retries?: number;
    retryDelayMs?: number;
    signal?: AbortSignal;
};

/**
 * Every request of the command goes through here: counted by kind, capped, retried with backoff when it is
 * safe to repeat (reads and polls), and never retried when it writes (the caller checks what landed).
 */
export class OrgApi {
    readonly counts: RequestCounts = {};
    private sent = 0;

    constructor(
        readonly conn: Connection,
        private readonly options: OrgApiOptions = {}
    ) {}

    get requestsSent(): number {
        return this.sent;
    }

    get apiVersion(): string {
        return this.conn.version;
    }

    private count(kind: RequestKind): void {
        const cap = this.options.maxRequests;
        if (cap !== undefined && this.sent >= cap) {
            throw new OrgApiError(
                `the cap of ${cap} API requests (--max-api-requests) is reached`,
                'MAX_API_REQUESTS'
            );
        }
        this.sent++;
        this.counts[kind] = (this.counts[kind] ?? 0) + 1;
    }

    private async attempt<T>(kind: RequestKind, idempotent: boolean, send: () => Promise<T>): Promise<T> {
        const retries = idempotent ? (this.options.retries ?? 4) : 0;
        for (let attempt = 0; ; attempt++) {
            // Aborting an open job is how a stopped run cleans up, so it is sent even after the stop signal.
            if (kind !== 'jobAbort') this.options.signal?.throwIfAborted();
            this.count(kind);
            try {
                return await send();
            } catch (error) {
                const code = errorCodeOf(error);
                if (code === 'REQUEST_LIMIT_EXCEEDED') {
                    throw new OrgApiError(
                        `the org refuses more API requests: ${(error as Error).message}`,
                        code,
                        403
                    );
                }
                if (attempt >= retries || !isTransient(error)) {
                    throw error;
                }
                await sleep((this.options.retryDelayMs ?? 500) * 2 ** attempt);
            }
        }
    }

    /** A JSON request (path relative to /services/data/vXX.X or absolute from /services/). */
    json<T>(kind: RequestKind, request: HttpRequest, idempotent: boolean): Promise<T> {
        return this.attempt(
            kind,
            idempotent,
            () =>
                this.conn.request<T>(
                    { ...request, headers: { 'Content-Type': 'application/json', ...request.headers } },
                    { responseType: 'application/json', ...NO_JSFORCE_RETRY } as object
                ) as Promise<T>
        );
    }

    /** A request whose body is text (CSV), returned unparsed with the response headers. */
    text(
        kind: RequestKind,
        request: HttpRequest,
        idempotent: boolean
    ): Promise<{ body: string; headers: Record<string, string> }> {
        return this.attempt(kind, idempotent, async () => {
            const api = new (HttpApi as new (conn: Connection, options: object) => HttpApiLike)(this.conn, {
                responseType: 'text/plain',
                ...NO_JSFORCE_RETRY
            });
            let headers: Record<string, string> = {};
            api.on('response', (response) => {
                headers = response.headers;
            });
            const url = request.url.startsWith('/services/')
                ? this.conn.instanceUrl + request.url
                : `${this.conn.instanceUrl}/services/data/v${this.conn.version}${request.url}`;
            const body = await api.request({ ...request, url });
            return { body: typeof body === 'string' ? body : '', headers };
        });
    }
}
