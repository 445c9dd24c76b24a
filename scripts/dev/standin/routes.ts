import { IngestApi } from './bulk-ingest.ts';
import { BulkQueryApi } from './bulk-query.ts';
import { COLUMN_DELIMITERS, parseCsvRows } from './csv.ts';
import { ApiError } from './http.ts';
import { normalizeId } from './ids.ts';
import type { ApiCall, Org } from './org.ts';
import { RestApi } from './rest.ts';
import type { RequestKind } from './stats.ts';

/** A resource under /services/data/vXX.X and the kind of request it counts as. */
export type Route = {
    method: string;
    pattern: RegExp;
    kind: RequestKind;
    handle: (call: ApiCall, match: RegExpExecArray) => void | Promise<void>;
};

export function routes(org: Org): { rest: RestApi; table: Route[] } {
    const rest = new RestApi(org);
    const bulkQuery = new BulkQueryApi(org);
    const ingest = new IngestApi(org);
    const table: Route[] = [
        { method: 'GET', pattern: /^\/?$/, kind: 'resources', handle: (call) => rest.resources(call) },
        {
            method: 'GET',
            pattern: /^\/sobjects\/User\/(\w+)\/?$/i,
            kind: 'sobjectRow',
            handle: (call, m) => rest.user(call, m[1]!)
        },
        { method: 'GET', pattern: /^\/limits\/?$/, kind: 'limits', handle: (call) => rest.limits(call) },
        { method: 'GET', pattern: /^\/query\/?$/, kind: 'query', handle: (call) => rest.query(call) },
        {
            method: 'GET',
            pattern: /^\/query\/([^/]+)$/,
            kind: 'queryMore',
            handle: (call, m) => rest.queryMore(call, m[1]!)
        },
        {
            method: 'POST',
            pattern: /^\/composite\/sobjects\/?$/,
            kind: 'compositeWrite',
            handle: (call) => rest.collection(call, 'create')
        },
        {
            method: 'PATCH',
            pattern: /^\/composite\/sobjects\/?$/,
            kind: 'compositeWrite',
            handle: (call) => rest.collection(call, 'update')
        },
        {
            method: 'PATCH',
            pattern: /^\/composite\/sobjects\/(\w+)\/(\w+)\/?$/,
            kind: 'compositeWrite',
            handle: (call, m) => rest.collection(call, 'upsert', m[1], m[2])
        },
        {
            method: 'POST',
            pattern: /^\/jobs\/query\/?$/,
            kind: 'bulkQueryCreate',
            handle: (call) => bulkQuery.create(call)
        },
        {
            method: 'GET',
            pattern: /^\/jobs\/query\/(\w+)\/?$/,
            kind: 'bulkQueryPoll',
            handle: (call, m) => bulkQuery.poll(call, m[1]!)
        },
        {
            method: 'GET',
            pattern: /^\/jobs\/query\/(\w+)\/results\/?$/,
            kind: 'bulkQueryResults',
            handle: (call, m) => bulkQuery.results(call, m[1]!)
        },
        {
            method: 'PATCH',
            pattern: /^\/jobs\/query\/(\w+)\/?$/,
            kind: 'bulkQueryAbort',
            handle: (call, m) => bulkQuery.update(call, m[1]!)
        },
        {
            method: 'DELETE',
            pattern: /^\/jobs\/query\/(\w+)\/?$/,
            kind: 'bulkQueryDelete',
            handle: (call, m) => bulkQuery.delete(call, m[1]!)
        },
        {
            method: 'POST',
            pattern: /^\/jobs\/ingest\/?$/,
            kind: 'ingestCreate',
            handle: (call) => ingest.create(call)
        },
        {
            method: 'PUT',
            pattern: /^\/jobs\/ingest\/(\w+)\/batches\/?$/,
            kind: 'ingestUpload',
            handle: (call, m) => ingest.upload(call, m[1]!)
        },
        {
            method: 'PATCH',
            pattern: /^\/jobs\/ingest\/(\w+)\/?$/,
            kind: 'ingestClose',
            handle: (call, m) => ingest.update(call, m[1]!)
        },
        {
            method: 'GET',
            pattern: /^\/jobs\/ingest\/(\w+)\/?$/,
            kind: 'ingestPoll',
            handle: (call, m) => ingest.poll(call, m[1]!)
        },
        {
            method: 'GET',
            pattern: /^\/jobs\/ingest\/(\w+)\/(successfulResults|failedResults|unprocessedrecords)\/?$/,
            kind: 'ingestResults',
            handle: (call, m) =>
                ingest.results(
                    call,
                    m[1]!,
                    m[2] as 'successfulResults' | 'failedResults' | 'unprocessedrecords'
                )
        },
        {
            method: 'DELETE',
            pattern: /^\/jobs\/ingest\/(\w+)\/?$/,
            kind: 'ingestDelete',
            handle: (call, m) => ingest.delete(call, m[1]!)
        }
    ];
    return { rest, table };
}

/** Finds the route; a path served under another method is a 405, an unknown path a 404, both as the org words them. */
export function route(
    table: Route[],
    method: string,
    path: string
): { route: Route; match: RegExpExecArray } {
    const candidates = table.filter((r) => r.pattern.test(path));
    for (const candidate of candidates) {
        if (candidate.method === method) return { route: candidate, match: candidate.pattern.exec(path)! };
    }
    const refuse = (error: ApiError): Route => ({
        method,
        pattern: /.*/,
        kind: 'other',
        handle: () => Promise.reject(error)
    });
    const error =
        candidates.length > 0
            ? new ApiError(
                  405,
                  'METHOD_NOT_ALLOWED',
                  `HTTP Method '${method}' not allowed. Allowed are ${candidates.map((c) => c.method).join(',')}`
              )
            : new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    return { route: refuse(error), match: /.*/.exec(path)! };
}

/** Record Ids a request writes (composite body, comma-delimited upload), for fault rules that match on records. */
export function writtenIds(call: ApiCall, kind: RequestKind): Set<string> {
    const ids = new Set<string>();
    const add = (value: unknown) => {
        const id = typeof value === 'string' ? normalizeId(value) : undefined;
        if (id) ids.add(id);
    };
    try {
        if (kind === 'compositeWrite') {
            const records = (call.json() as { records?: Record<string, unknown>[] } | null)?.records ?? [];
            for (const record of records) add(record.Id ?? record.id);
        } else if (kind === 'ingestUpload') {
            const [header = [], ...rows] = parseCsvRows(call.body.toString('utf8'), COLUMN_DELIMITERS.COMMA);
            const column = header.findIndex((name) => name.trim().toLowerCase() === 'id');
            if (column >= 0) for (const row of rows) add(row[column]);
        }
    } catch {
        // An unreadable body writes no records; the handler reports what is wrong with it.
    }
    return ids;
}
