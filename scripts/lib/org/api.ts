import type { Connection } from 'jsforce';
import HttpApiModule from 'jsforce/lib/http-api.js';
import { setTimeout as sleep } from 'node:timers/promises';

/** Kinds of API request, counted separately in the report (status polls are not the expensive part). */
export type RequestKind =
    | 'identity'
    | 'versions'
    | 'count'
    | 'query'
    | 'queryMore'
    | 'bulkQueryCreate'
    | 'bulkQueryPoll'
    | 'bulkQueryResults'
    | 'bulkQueryDelete'
    | 'ingestCreate'
    | 'ingestUpload'
    | 'ingestClose'
    | 'ingestPoll'
    | 'ingestResults'
    | 'compositeWrite'
    | 'jobAbort';

export type RequestCounts = Partial<Record<RequestKind, number>>;

/**
 * An API problem the run cannot continue past. `code` is Salesforce's errorCode when the org gave one
 * (INVALID_SESSION_ID, REQUEST_LIMIT_EXCEEDED, …), else ERROR_HTTP_<status>, a network code, or ours.
 */
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
type HttpResponse = { statusCode: number; headers: Record<string, string>; body?: unknown };
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

/** A path for messages: no host, no query string (which may be long SOQL). */
function pathOf(url: string): string {
    return url.replace(/^https?:\/\/[^/]+/, '').replace(/\?.*$/, '');
}

/**
 * What an error answer says, in the org's own words, whatever the request expected to read: the REST and
 * Bulk API 2.0 body `[{"errorCode", "message"}]`, the OAuth body `{"error", "error_description"}`, or a page
 * of text or HTML (a maintenance page, the identity service's `Bad_OAuth_Token`).
 */
export function errorOfAnswer(status: number, body: string, request: HttpRequest): OrgApiError {
    let parsed: unknown;
    try {
        parsed = JSON.parse(body);
    } catch {
        parsed = undefined;
    }
    const first = (Array.isArray(parsed) ? parsed[0] : parsed) as Record<string, unknown> | undefined;
    if (typeof first?.errorCode === 'string') {
        return new OrgApiError(String(first.message ?? first.errorCode), first.errorCode, status);
    }
    if (typeof first?.error === 'string') {
        return new OrgApiError(String(first.error_description ?? first.error), first.error, status);
    }
    const text = body
        .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    const said = text ? `: ${text.length > 160 ? `${text.slice(0, 160)}…` : text}` : '';
    return new OrgApiError(
        `the org answered HTTP ${status} to ${request.method} ${pathOf(request.url)}${said}`,
        `ERROR_HTTP_${status}`,
        status
    );
}

/** Any failure of a request as an OrgApiError, keeping its code (a network code stays transient). */
function asOrgApiError(error: unknown, request: HttpRequest, instanceUrl: string): unknown {
    if (error instanceof OrgApiError || !(error instanceof Error)) return error;
    const code = errorCodeOf(error);
    const cause = (error.cause as Error | undefined)?.message;
    return new OrgApiError(
        `${request.method} ${pathOf(request.url)} at ${instanceUrl} failed: ${cause ?? error.message} (${code})`,
        code
    );
}

/** A session: what every request carries, and where it is sent. */
export type Session = { accessToken: string; instanceUrl: string };

/** How a session that the org refuses (401) is replaced: a new login from the same source. */
export type SessionRenewal = {
    login: () => Promise<Session>;
    /** Where the session comes from, for the message when it cannot be renewed. */
    source: string;
};

export type OrgApiOptions = {
    /** Stop before sending request number maxRequests + 1 (the admin's cap on the daily allowance). */
    maxRequests?: number;
    /** Tries of an idempotent request on transient failures. */
    retries?: number;
    retryDelayMs?: number;
    signal?: AbortSignal;
    /** Absent for a bare access token, which cannot be renewed. */
    renewal?: SessionRenewal;
};

/** Who a session is: the org (its run lock and kept state) and the user (the writes it made itself). */
export type OrgIdentity = { orgId: string; userId: string };

/** The org's daily API request allocation as the last answer's `Sforce-Limit-Info` header gave it. */
export type DailyUsage = { used: number; max: number };

/** Requests sent even after the stop signal: they clean up what the run opened in the org. */
const CLEAN_UP: ReadonlySet<RequestKind> = new Set(['jobAbort', 'bulkQueryDelete']);

/**
 * Every request of the command goes through here: counted by kind, capped, retried with backoff when it is
 * safe to repeat (reads and polls), never retried when it writes (the caller checks what landed), a refused
 * session renewed at most once between two successful requests, and every error answer read as the org
 * worded it.
 */
export class OrgApi {
    readonly counts: RequestCounts = {};
    /** Who the session is, once openOrg has asked (connect.ts). */
    identity: OrgIdentity | undefined;
    private sent = 0;
    private renewedSinceSuccess: boolean;
    private usage: DailyUsage | undefined;

    constructor(
        readonly conn: Connection,
        private readonly options: OrgApiOptions = {}
    ) {
        this.renewedSinceSuccess = options.renewal !== undefined;
    }

    get requestsSent(): number {
        return this.sent;
    }

    /** From the `Sforce-Limit-Info: api-usage=used/max` header every REST and Bulk API answer carries. */
    get dailyUsage(): DailyUsage | undefined {
        return this.usage;
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
        for (let attempt = 0; ;) {
            if (!CLEAN_UP.has(kind)) this.options.signal?.throwIfAborted();
            this.count(kind);
            try {
                const result = await send();
                this.renewedSinceSuccess = false;
                return result;
            } catch (error) {
                // A 401 means the org did not act on the request: after a new session it is sent again.
                if ((error as OrgApiError).code === 'INVALID_SESSION_ID' && (await this.renew(error)))
                    continue;
                if ((error as OrgApiError).code === 'REQUEST_LIMIT_EXCEEDED') {
                    throw new OrgApiError(
                        `the org refuses more API requests: ${(error as Error).message}`,
                        'REQUEST_LIMIT_EXCEEDED',
                        403
                    );
                }
                if (attempt >= retries || !isTransient(error)) throw error;
                await sleep((this.options.retryDelayMs ?? 500) * 2 ** attempt++);
            }
        }
    }

    /**
     * Replaces a session the org refused, once: a second refusal before any request succeeded again (a login
     * that hands back a dead session) stops the run instead of asking again and again. The first session counts
     * as just renewed: it was fetched from the same source a moment ago.
     */
    private async renew(refused: unknown): Promise<boolean> {
        const renewal = this.options.renewal;
        if (!renewal) return false;
        const why = `the org refused the session from ${renewal.source} (${(refused as Error).message})`;
        if (this.renewedSinceSuccess) {
            throw new OrgApiError(
                `${why}, fetched anew since the last request that succeeded`,
                'SESSION_NOT_RENEWED'
            );
        }
        this.renewedSinceSuccess = true;
        const session = await renewal.login();
        if (session.accessToken === this.conn.accessToken) {
            throw new OrgApiError(`${why}, and it has no other one`, 'SESSION_NOT_RENEWED');
        }
        this.conn.accessToken = session.accessToken;
        return true;
    }

    /** One HTTP request through jsforce; an error answer becomes an OrgApiError with the org's errorCode. */
    private async send(
        request: HttpRequest,
        responseType: string
    ): Promise<{ body: unknown; headers: Record<string, string> }> {
        const { instanceUrl, version } = this.conn;
        const url = request.url.startsWith('/services/')
            ? instanceUrl + request.url
            : `${instanceUrl}/services/data/v${version}${request.url}`;
        const api = new (HttpApi as new (conn: Connection, options: object) => HttpApiLike)(this.conn, {
            responseType,
            ...NO_JSFORCE_RETRY
        });
        let answer: HttpResponse | undefined;
        api.on('response', (response) => {
            answer = response;
            const usage = /api-usage=(\d+)\/(\d+)/.exec(response.headers['sforce-limit-info'] ?? '');
            if (usage) this.usage = { used: Number(usage[1]), max: Number(usage[2]) };
        });
        try {
            const body = await api.request({ ...request, url });
            return { body, headers: answer?.headers ?? {} };
        } catch (error) {
            if (answer && answer.statusCode >= 400) {
                throw errorOfAnswer(answer.statusCode, String(answer.body ?? ''), { ...request, url });
            }
            throw asOrgApiError(error, { ...request, url }, instanceUrl);
        }
    }

    /** A JSON request (path relative to /services/data/vXX.X or absolute from /services/). */
    async json<T>(kind: RequestKind, request: HttpRequest, idempotent: boolean): Promise<T> {
        const headers = { 'Content-Type': 'application/json', ...request.headers };
        return this.attempt(
            kind,
            idempotent,
            async () => (await this.send({ ...request, headers }, 'application/json')).body as T
        );
    }

    /** A request whose body is text (CSV), returned unparsed with the response headers. */
    text(
        kind: RequestKind,
        request: HttpRequest,
        idempotent: boolean
    ): Promise<{ body: string; headers: Record<string, string> }> {
        return this.attempt(kind, idempotent, async () => {
            const { body, headers } = await this.send(request, 'text/plain');
            return { body: typeof body === 'string' ? body : '', headers };
        });
    }
}
