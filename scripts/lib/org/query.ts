import { setTimeout as sleep } from 'node:timers/promises';
import { parseCsvText } from '../csv.ts';
import { OrgApiError, type OrgApi } from './api.ts';
import { countRecords } from './snapshot.ts';
import { selectSoql } from './soql.ts';

export type RawRecord = Record<string, unknown>;

type QueryPage = { totalSize: number; done: boolean; nextRecordsUrl?: string; records: RawRecord[] };
type QueryJob = { id: string; state: string; errorMessage?: string; numberRecordsProcessed?: number };

export type PollOptions = {
    /** Give up waiting after this long; the job keeps its id so the admin can look it up. */
    timeoutMs: number;
    initialIntervalMs: number;
    maxIntervalMs: number;
    /** Stop waiting at once when the run is stopped (SIGINT / SIGTERM). */
    signal?: AbortSignal;
};

export const DEFAULT_POLL: PollOptions = {
    timeoutMs: 30 * 60_000,
    initialIntervalMs: 250,
    maxIntervalMs: 5_000
};

function withoutAttributes(record: RawRecord): RawRecord {
    const { attributes: _attributes, ...fields } = record;
    return fields;
}

/** REST query, page by page through nextRecordsUrl (2,000 records a page). */
export async function* queryRest(api: OrgApi, soql: string): AsyncGenerator<RawRecord> {
    let page = await api.json<QueryPage>(
        'query',
        { method: 'GET', url: `/query?q=${encodeURIComponent(soql)}` },
        true
    );
    for (;;) {
        for (const record of page.records) {
            yield withoutAttributes(record);
        }
        if (page.done || !page.nextRecordsUrl) {
            return;
        }
        page = await api.json<QueryPage>('queryMore', { method: 'GET', url: page.nextRecordsUrl }, true);
    }
}

/** Polls a Bulk API 2.0 job until it reaches an end state, with growing intervals and a deadline. */
export async function waitForJob<T extends { state: string }>(
    poll: () => Promise<T>,
    endStates: readonly string[],
    options: PollOptions,
    describe: string
): Promise<T> {
    const deadline = Date.now() + options.timeoutMs;
    let interval = options.initialIntervalMs;
    for (;;) {
        const job = await poll();
        if (endStates.includes(job.state)) {
            return job;
        }
        if (Date.now() + interval > deadline) {
            throw new OrgApiError(
                `${describe} is still ${job.state} after ${options.timeoutMs / 1000} s; it goes on in the org (Setup → Bulk Data Load Jobs), and the next run writes only what it did not`,
                'POLL_TIMEOUT'
            );
        }
        // A stop signal ends the wait at once, with the signal's own reason ("stopped by SIGTERM").
        await sleep(interval, undefined, { signal: options.signal }).catch((error: unknown) => {
            options.signal?.throwIfAborted();
            throw error;
        });
        interval = Math.min(options.maxIntervalMs, Math.round(interval * 1.5));
    }
}

/**
 * Bulk API 2.0 query: create the job, wait for it, then fetch the results page by page with the locator. Yields
 * each page's CSV text; only one page is in memory at a time. The job is deleted once its last page is read, or
 * when the read stops: its result files hold every installer's data, and would otherwise stay in the org for
 * days (Setup → Bulk Data Load Jobs).
 */
async function* bulkQueryPages(
    api: OrgApi,
    soql: string,
    options: { poll: PollOptions; maxRecordsPerPage?: number }
): AsyncGenerator<{ csv: string; source: string }> {
    const job = await api.json<QueryJob>(
        'bulkQueryCreate',
        { method: 'POST', url: '/jobs/query', body: JSON.stringify({ operation: 'query', query: soql }) },
        true
    );
    let ended = false;
    let read = false;
    try {
        const done = await waitForJob(
            () => api.json<QueryJob>('bulkQueryPoll', { method: 'GET', url: `/jobs/query/${job.id}` }, true),
            ['JobComplete', 'Failed', 'Aborted'],
            options.poll,
            `Bulk query job ${job.id}`
        );
        ended = true;
        if (done.state !== 'JobComplete') {
            throw new OrgApiError(
                `Bulk query job ${job.id} ended ${done.state}: ${done.errorMessage ?? ''}`,
                'BULK_QUERY_FAILED'
            );
        }
        let locator: string | undefined;
        // A page is 10–25 MB of text: the last one is let go before the next one is fetched, not kept beside it.
        let page: { body: string; headers: Record<string, string> } | undefined;
        do {
            const params = new URLSearchParams();
            if (options.maxRecordsPerPage) params.set('maxRecords', String(options.maxRecordsPerPage));
            if (locator) params.set('locator', locator);
            const query = params.size > 0 ? `?${params.toString()}` : '';
            page = undefined;
            page = await api.text(
                'bulkQueryResults',
                {
                    method: 'GET',
                    url: `/jobs/query/${job.id}/results${query}`,
                    headers: { Accept: 'text/csv' }
                },
                true
            );
            locator = page.headers['sforce-locator'];
            yield { csv: page.body, source: `bulk query ${job.id}` };
        } while (locator && locator !== 'null');
        read = true;
    } finally {
        await deleteQueryJob(api, job.id, ended).catch((error: unknown) => {
            // After a complete read a job left behind is the run's failure; after another one, that one is.
            if (read) throw error;
        });
    }
}

/** Deletes a query job (only an ended one can be: one still running is aborted first). */
async function deleteQueryJob(api: OrgApi, id: string, ended: boolean): Promise<void> {
    const url = `/jobs/query/${id}`;
    if (!ended) {
        await api.json(
            'jobAbort',
            { method: 'PATCH', url, body: JSON.stringify({ state: 'Aborted' }) },
            true
        );
    }
    await api.json('bulkQueryDelete', { method: 'DELETE', url }, true);
}

/**
 * Reads every record of an object: REST for small orgs, Bulk API 2.0 above the threshold, decided by COUNT()
 * (or by the count the change check just took).
 */
export async function* readObject(
    api: OrgApi,
    object: string,
    fields: readonly string[],
    options: { bulkFromRecords: number; poll: PollOptions; maxRecordsPerPage?: number; counted?: number }
): AsyncGenerator<RawRecord> {
    const total = options.counted ?? (await countRecords(api, object));
    if (total === 0) return;
    yield* readSoql(api, selectSoql(object, fields), total >= options.bulkFromRecords ? options : undefined);
}

/**
 * The records of a query: with `bulk`, one Bulk API 2.0 query job read page by page (values as CSV text);
 * without, REST with nextRecordsUrl paging (values as JSON).
 */
export async function* readSoql(
    api: OrgApi,
    soql: string,
    bulk?: { poll: PollOptions; maxRecordsPerPage?: number }
): AsyncGenerator<RawRecord> {
    if (!bulk) {
        yield* queryRest(api, soql);
        return;
    }
    // Nothing of a page stays referenced here while the next one is fetched.
    const pages = bulkQueryPages(api, soql, bulk);
    let page: IteratorResult<{ csv: string; source: string }> | undefined;
    let records: Generator<RawRecord> | undefined;
    try {
        while (!(page = await pages.next()).done) {
            records = parseCsvText(page.value.csv, { source: page.value.source });
            page = undefined;
            for (const record of records) yield record;
            records = undefined;
        }
    } finally {
        // A read that stops early (an error, a stop signal) still deletes its job.
        await pages.return(undefined);
    }
}
