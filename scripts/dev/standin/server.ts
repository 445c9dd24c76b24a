import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_VERSION, METADATA_DIR } from '../../lib/paths.ts';
import { handleAdmin } from './admin.ts';
import { newOrgId, type StandinUser } from './auth.ts';
import type { FaultRule } from './faults.ts';
import { ApiError, countSentBytes, discardResponse, parseJsonBody, readBody, sendJson } from './http.ts';
import { normalizeId } from './ids.ts';
import { Org, type ApiCall } from './org.ts';
import type { RestApi } from './rest.ts';
import { route, routes, writtenIds, type Route } from './routes.ts';
import { readOrgSchema } from './schema.ts';
import type { RequestKind, StandinStats } from './stats.ts';
import type { Store } from './store.ts';

export type StandinOptions = {
    /** Port on 127.0.0.1; 0 (default) picks a free one. */
    port?: number;
    /** The newest API version served under /services/data/vXX.X (and every one from 31.0 up to it); default the project's (sfdx-project.json). */
    apiVersion?: string;
    /** The org's id (15 or 18 characters), e.g. kept across runs of the demo; default a new random one. */
    orgId?: string;
    /** The session valid from the start; default a generated one (see Standin.accessToken). */
    accessToken?: string;
    /** OAuth client (client credentials and refresh token flows) and the refresh token it accepts. */
    clientId?: string;
    clientSecret?: string;
    refreshToken?: string;
    /** Records per REST query page (default 2000, the org's maximum). */
    restPageSize?: number;
    /** Records per Bulk query results page at most (default 50000); a client's maxRecords can lower it. */
    bulkPageSize?: number;
    /** The org's daily API request allocation: max (default 100000) and already used (default 0). */
    dailyApiLimit?: { max?: number; used?: number };
    /** Bulk jobs answer InProgress to `polls` status requests (default 1) and for `ms` after closing (default 0). */
    jobDelay?: { polls?: number; ms?: number };
    /** Fault rules active from the start (see faults.ts). */
    faults?: FaultRule[];
    /** Upload size limit of an ingest batch (default 100 MB, the Bulk API 2.0 limit for raw CSV). */
    maxUploadBytes?: number;
    /** Metadata root to read the schema from (default force-app/main/default). */
    metadataDir?: string;
    /** Clock for system dates, job timing and TODAY() in formulas (default the real clock). */
    now?: () => Date;
    /**
     * When loaded records without system dates were last changed (default: when loaded). An org's records were
     * not all changed a moment before a run: a demo or benchmark that loads and then runs says so here.
     */
    loadedAt?: Date;
};

export type Standin = {
    readonly instanceUrl: string;
    /** The session issued last: the initial token, or the one the token endpoint handed out since. */
    readonly accessToken: string;
    readonly port: number;
    readonly apiVersion: string;
    readonly orgId: string;
    readonly clientId: string;
    readonly clientSecret: string;
    readonly refreshToken: string;
    readonly store: Store;
    stats(): StandinStats;
    /** Zeroes the stats and the request numbering of fault rules (API usage is the org's and stays). */
    resetStats(): void;
    /** A new valid session for one of the org's users (STANDIN_USERS), e.g. to edit records as sales. */
    sessionFor(user: StandinUser): string;
    /** Replaces the fault rules (validated; throws listing every problem). */
    setFaults(rules: FaultRule[]): void;
    close(): Promise<void>;
};

const MAINTENANCE_PAGE =
    '<!DOCTYPE html><html><head><title>Salesforce - Maintenance</title></head><body><h1>Down for Maintenance</h1>' +
    '<p>This instance is undergoing maintenance. Please try again later.</p></body></html>';

const VERSION_PREFIX = /^\/services\/data\/v(\d+\.\d+)(\/.*)?$/;

/** The query string as text, for fault rules that match a piece of it (the raw string if it does not decode). */
function decodedQuery(url: URL): string {
    const raw = url.search.slice(1);
    try {
        return decodeURIComponent(raw.replace(/\+/g, ' '));
    } catch {
        return raw;
    }
}

/** The version prefix of a data path ("/services/data/v65.0"), or '' for another path. */
function versionPath(pathname: string): string {
    const version = VERSION_PREFIX.exec(pathname);
    return version ? `/services/data/v${version[1]}` : '';
}

class Dispatcher {
    private readonly rest: RestApi;
    private readonly table: Route[];

    constructor(private readonly org: Org) {
        ({ rest: this.rest, table: this.table } = routes(org));
    }

    async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        // The sf CLI keeps an instance URL ending in "/" and joins "/services/…" to it: "//services/…".
        const url = new URL((req.url ?? '/').replace(/^\/{2,}/, '/'), this.org.instanceUrl);
        if (url.pathname.startsWith('/__standin/')) return handleAdmin(this.org, req, res, url);
        countSentBytes(res, (bytes) => this.org.stats.countBytes(0, bytes));
        // Like the org's, the Date of every answer is the clock that stamps SystemModstamp.
        res.setHeader('Date', this.org.now().toUTCString());
        const method = req.method ?? 'GET';
        try {
            if (url.pathname === '/services/oauth2/token') return await this.token(req, res, url, method);
            if (url.pathname === '/services/oauth2/userinfo') return this.userinfo(req, res);
            if (url.pathname === '/services/data' || url.pathname === '/services/data/') {
                this.org.stats.countRequest('versions');
                return this.rest.versions(this.call(req, res, url, Buffer.alloc(0), 'versions', undefined));
            }
            await this.api(req, res, url, method);
        } catch (error) {
            this.fail(res, error);
        }
    }

    private call(
        req: IncomingMessage,
        res: ServerResponse,
        url: URL,
        body: Buffer,
        kind: RequestKind,
        requestNumber: number | undefined
    ): ApiCall {
        let parsed: { value: unknown } | undefined;
        let ids: Set<string> | undefined;
        const call: ApiCall = {
            method: req.method ?? 'GET',
            path: url.pathname,
            apiPath: versionPath(url.pathname),
            url,
            body,
            headers: req.headers,
            res,
            json: () => (parsed ??= { value: body.length === 0 ? null : parseJsonBody(body) }).value,
            facts: {
                requestNumber,
                method: req.method ?? 'GET',
                path: url.pathname,
                query: decodedQuery(url),
                recordIds: () => (ids ??= writtenIds(call, kind))
            }
        };
        return call;
    }

    private setLimitHeader(res: ServerResponse): void {
        const { used, max } = this.org.apiUsage;
        if (!res.headersSent) res.setHeader('Sforce-Limit-Info', `api-usage=${used}/${max}`);
    }

    private async token(req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void> {
        this.org.stats.countRequest('auth');
        const body = await readBody(req, 1024 * 1024);
        this.org.stats.countBytes(body.length, 0);
        const call = this.call(req, res, url, body, 'auth', undefined);
        const fault = this.requestFault(call, req, res);
        if (fault === 'answered') return;
        await this.serve(fault, req, res, () => {
            if (method !== 'POST') {
                throw new ApiError(
                    405,
                    'METHOD_NOT_ALLOWED',
                    `HTTP Method '${method}' not allowed. Allowed are POST`
                );
            }
            const { sessions, instanceUrl } = this.org;
            const answer = sessions.token(
                body.toString('utf8'),
                req.headers.authorization,
                instanceUrl,
                this.org.now()
            );
            sendJson(res, answer.status, answer.body);
        });
    }

    /** The identity service's userinfo: not an API request, so not counted against the allocation. */
    private userinfo(req: IncomingMessage, res: ServerResponse): void {
        this.org.stats.countRequest('userinfo');
        const answer = this.org.sessions.userinfo(req.headers.authorization, this.org.instanceUrl);
        if (typeof answer.body === 'string') {
            res.writeHead(answer.status, { 'Content-Type': 'text/plain;charset=UTF-8' });
            res.end(answer.body);
        } else {
            sendJson(res, answer.status, answer.body);
        }
    }

    /** Runs a handler; under the fault loseResponse its answer is swallowed and the socket destroyed instead. */
    private async serve(
        fault: 'loseResponse' | 'serve',
        req: IncomingMessage,
        res: ServerResponse,
        handle: () => void | Promise<void>
    ): Promise<void> {
        if (fault === 'serve') return handle();
        discardResponse(res);
        try {
            await handle();
        } finally {
            req.socket.destroy();
        }
    }

    private async api(req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void> {
        const version = VERSION_PREFIX.exec(url.pathname);
        const relative =
            version && this.org.servedVersions().includes(version[1]!) ? (version[2] ?? '') : undefined;
        const found =
            relative === undefined
                ? route([], method, url.pathname) // another API version, or no /services/data path at all: 404
                : route(this.table, method, relative);
        const { stats } = this.org;
        stats.countRequest(found.route.kind);
        stats.dataRequests += 1;
        this.setLimitHeader(res);
        const body = await readBody(req, this.org.settings.maxUploadBytes);
        stats.countBytes(body.length, 0);
        const call = this.call(req, res, url, body, found.route.kind, stats.dataRequests);
        const fault = this.requestFault(call, req, res);
        if (fault === 'answered') return;
        call.user = this.org.sessions.userOf(req.headers.authorization);
        if (!call.user) {
            throw new ApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
        }
        const usage = this.org.apiUsage;
        if (usage.used >= usage.max) {
            throw new ApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
        }
        usage.used += 1;
        this.setLimitHeader(res);
        await this.serve(fault, req, res, () => found.route.handle(call, found.match));
    }

    /**
     * Acts on a request fault before the request is served: 'answered' when the fault has answered it (or
     * destroyed its socket), 'loseResponse' when it is to be served without an answer, else 'serve'.
     */
    private requestFault(
        call: ApiCall,
        req: IncomingMessage,
        res: ServerResponse
    ): 'answered' | 'loseResponse' | 'serve' {
        switch (this.org.faults.requestFault(call.facts)) {
            case 'reset':
                req.socket.destroy();
                return 'answered';
            case 'unavailable':
                res.writeHead(503, {
                    'Content-Type': 'text/html;charset=UTF-8',
                    'Content-Length': Buffer.byteLength(MAINTENANCE_PAGE)
                });
                res.end(MAINTENANCE_PAGE);
                return 'answered';
            case 'requestLimit':
                throw new ApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
            case 'expireSession':
                this.org.sessions.expireAll();
                return 'serve';
            case 'loseResponse':
                return 'loseResponse';
            default:
                return 'serve';
        }
    }

    private fail(res: ServerResponse, error: unknown): void {
        if (res.headersSent) {
            res.destroy();
            return;
        }
        this.setLimitHeader(res);
        if (error instanceof ApiError) {
            sendJson(res, error.status, error.body());
            return;
        }
        console.error('standin: unexpected error', error);
        sendJson(res, 500, [
            { message: String((error as Error).message ?? error), errorCode: 'UNKNOWN_EXCEPTION' }
        ]);
    }
}

/** Starts the stand-in on 127.0.0.1 and resolves once it listens. */
export async function startStandin(options: StandinOptions = {}): Promise<Standin> {
    const now = options.now ?? (() => new Date());
    const orgId = normalizeId(options.orgId ?? newOrgId());
    if (!orgId?.startsWith('00D')) throw new Error(`orgId ${options.orgId} is not an org id (00D…)`);
    const org = new Org(
        readOrgSchema(options.metadataDir ?? METADATA_DIR),
        {
            orgId,
            apiVersion: options.apiVersion ?? API_VERSION,
            clientId: options.clientId ?? 'standin-client-id',
            clientSecret: options.clientSecret ?? 'standin-client-secret',
            refreshToken: options.refreshToken ?? 'standin-refresh-token',
            restPageSize: options.restPageSize ?? 2000,
            bulkPageSize: options.bulkPageSize ?? 50_000,
            dailyApiLimit: {
                max: options.dailyApiLimit?.max ?? 100_000,
                used: options.dailyApiLimit?.used ?? 0
            },
            jobDelay: { polls: options.jobDelay?.polls ?? 1, ms: options.jobDelay?.ms ?? 0 },
            maxUploadBytes: options.maxUploadBytes ?? 100 * 1024 * 1024,
            now,
            loadedAt: options.loadedAt
        },
        options.accessToken,
        options.faults ?? []
    );
    const dispatcher = new Dispatcher(org);
    const server = createServer((req, res) => {
        dispatcher.handle(req, res).catch((error: unknown) => {
            console.error('standin: request failed', error);
            res.destroy();
        });
    });
    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    org.instanceUrl = `http://127.0.0.1:${port}`;
    const { settings } = org;
    return {
        instanceUrl: org.instanceUrl,
        get accessToken() {
            return org.sessions.latest;
        },
        port,
        apiVersion: settings.apiVersion,
        orgId: settings.orgId,
        clientId: settings.clientId,
        clientSecret: settings.clientSecret,
        refreshToken: settings.refreshToken,
        store: org.store,
        stats: () => org.stats.snapshot(org.apiUsage),
        resetStats: () => org.stats.reset(),
        sessionFor: (user) => org.sessions.issue(user),
        setFaults: (rules) => org.faults.set(rules),
        close: () =>
            new Promise<void>((resolve, reject) => {
                server.close((error) => (error ? reject(error) : resolve()));
                server.closeAllConnections();
            })
    };
}
