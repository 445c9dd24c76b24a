import { createReadStream } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseCsv, type CsvRow } from '../csv.ts';
import type { CellType } from '../picklists.ts';
import { isTransient, OrgApiError, type HttpRequest, type OrgApi } from './api.ts';
import { queryRest, waitForJob, type PollOptions } from './query.ts';
import { soqlString } from './soql.ts';

/** One prepared Data Loader file to send: one of its columns identifies each row (Id, or an external id). */
export type WriteJob = {
    object: string;
    operation: 'insert' | 'update' | 'upsert';
    /** The column that identifies each row: Id for update, the external id field for upsert and insert. */
    keyField: string;
    file: string;
    rows: number;
    /** The JSON type of each column (from the data model), for sObject Collections. */
    types: Readonly<Record<string, CellType>>;
};

export type WriteFailure = { key: string; reason: string };

export type WriteOutcome = {
    written: number;
    failed: number;
    /** Ingest jobs used, with their end state, for the report (and to look them up in Setup). */
    jobs: { id: string; state: string }[];
    /** Why the file was not sent to its end (the session, the API limit, a failed job, a stop): the rest never ran. */
    stoppedBy?: Error;
};

export type WriteOptions = {
    /** Up to this many rows go through sObject Collections; above it, Bulk API 2.0 ingest. */
    bulkFromRows: number;
    poll: PollOptions;
    /** Bulk API 2.0 takes at most 100 MB of CSV per job; we cut well below it. */
    maxJobBytes: number;
    onFailure: (failure: WriteFailure) => Promise<void>;
    onProgress?: (written: number, failed: number) => void;
    signal?: AbortSignal;
};

const COLLECTION_SIZE = 200;
const LOCK_RETRY_BATCH = 20;
const LOCK_RETRY_DELAY_MS = 2_000;
/** Salesforce's "leave as is" is an empty cell; "clear" is #N/A. Both apply to REST as omitted / null. */
const CLEAR = '#N/A';

type CollectionResult = {
    id?: string;
    success: boolean;
    created?: boolean;
    errors: { statusCode: string; message: string; fields?: string[] }[];
};
type IngestJob = {
    id: string;
    state: string;
    numberRecordsProcessed?: number;
    numberRecordsFailed?: number;
    errorMessage?: string;
};

function jsonValue(type: CellType | undefined, cell: string): unknown {
    if (cell === CLEAR) return null;
    if (type === 'number') return Number(cell);
    if (type === 'boolean') return cell === 'true';
    return cell;
}

function toSObject(job: WriteJob, row: CsvRow): Record<string, unknown> {
    const record: Record<string, unknown> = { attributes: { type: job.object } };
    for (const [field, cell] of Object.entries(row)) {
        if (cell !== '') record[field] = jsonValue(job.types[field], cell);
    }
    return record;
}

function describeErrors(errors: CollectionResult['errors']): string {
    return errors
        .map(
            (error) =>
                `${error.statusCode}: ${error.message}${error.fields?.length ? ` [${error.fields.join(', ')}]` : ''}`
        )
        .join('; ');
}

async function* batches<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
    let batch: T[] = [];
    for await (const item of items) {
        batch.push(item);
        if (batch.length === size) {
            yield batch;
            batch = [];
        }
    }
    if (batch.length > 0) yield batch;
}

function sameValue(stored: unknown, cell: string): boolean {
    const wanted = cell === CLEAR ? null : cell;
    if (stored === null || stored === undefined || stored === '') return wanted === null;
    if (wanted === null) return false;
    if (typeof stored === 'number') return Number(wanted) === stored;
    if (typeof stored === 'boolean') return String(stored) === wanted;
    const storedText = String(stored);
    return (
        storedText === wanted ||
        (/T\d\d:/.test(wanted) && Date.parse(storedText.replace(/\+0000$/, 'Z')) === Date.parse(wanted))
    );
}

/**
 * After a write whose answer was lost (connection reset, 5xx), reads the rows back: the ones that already carry
 * their values landed and must not be sent again.
 */
async function alreadyWritten(api: OrgApi, job: WriteJob, rows: CsvRow[]): Promise<Set<string>> {
    const columns = Object.keys(rows[0] ?? {});
    const keys = rows.map((row) => soqlString(row[job.keyField] ?? '')).join(', ');
    const stored = new Map<string, Record<string, unknown>>();
    for await (const record of queryRest(
        api,
        `SELECT ${columns.join(', ')} FROM ${job.object} WHERE ${job.keyField} IN (${keys})`
    )) {
        stored.set(String(record[job.keyField]), record);
    }
    const landed = new Set<string>();
    for (const row of rows) {
        const key = row[job.keyField] ?? '';
        const record = stored.get(key);
        if (
            record &&
            columns.every((column) => row[column] === '' || sameValue(record[column], row[column] ?? ''))
        )
            landed.add(key);
    }
    return landed;
}

/** Sends up to 200 rows in one sObject Collections request; returns the rows that failed with a lock error. */
async function sendCollection(
    api: OrgApi,
    job: WriteJob,
    rows: CsvRow[],
    options: WriteOptions,
    outcome: WriteOutcome,
    checked = false
): Promise<CsvRow[]> {
    const url =
        job.operation === 'upsert'
            ? `/composite/sobjects/${job.object}/${job.keyField}`
            : '/composite/sobjects';
    let results: CollectionResult[];
    try {
        results = await api.json<CollectionResult[]>(
            'compositeWrite',
            {
                method: job.operation === 'insert' ? 'POST' : 'PATCH',
                url,
                body: JSON.stringify({ allOrNone: false, records: rows.map((row) => toSObject(job, row)) })
            },
            false
        );
    } catch (error) {
        if (checked || !isTransient(error)) throw error;
        const landed = await alreadyWritten(api, job, rows);
        outcome.written += landed.size;
        const rest = rows.filter((row) => !landed.has(row[job.keyField] ?? ''));
        return rest.length > 0 ? sendCollection(api, job, rest, options, outcome, true) : [];
    }
    const locked: CsvRow[] = [];
    for (const [index, result] of results.entries()) {
        const row = rows[index] as CsvRow;
        if (result.success) {
            outcome.written++;
        } else if (result.errors.some((error) => error.statusCode === 'UNABLE_TO_LOCK_ROW')) {
            locked.push(row);
        } else {
            outcome.failed++;
            await options.onFailure({ key: row[job.keyField] ?? '', reason: describeErrors(result.errors) });
        }
    }
    return locked;
}

/**
 * Rows that failed only because another process held the record get one more try, a few at a time after a
 * pause; what still fails is reported.
 */
async function retryLocked(
    api: OrgApi,
    job: WriteJob,
    locked: CsvRow[],
    options: WriteOptions,
    outcome: WriteOutcome
): Promise<void> {
    if (locked.length === 0) return;
    await sleep(LOCK_RETRY_DELAY_MS);
    for (let start = 0; start < locked.length; start += LOCK_RETRY_BATCH) {
        const survivors = await sendCollection(
            api,
            job,
            locked.slice(start, start + LOCK_RETRY_BATCH),
            options,
            outcome
        );
        for (const row of survivors) {
            outcome.failed++;
            await options.onFailure({
                key: row[job.keyField] ?? '',
                reason: 'UNABLE_TO_LOCK_ROW: record locked by another process, also on retry'
            });
        }
    }
}

async function writeCollections(
    api: OrgApi,
    job: WriteJob,
    options: WriteOptions,
    outcome: WriteOutcome
): Promise<void> {
    const locked: CsvRow[] = [];
    for await (const rows of batches(await readRows(job.file), COLLECTION_SIZE)) {
        options.signal?.throwIfAborted();
        locked.push(...(await sendCollection(api, job, rows, options, outcome)));
        options.onProgress?.(outcome.written, outcome.failed);
    }
    await retryLocked(api, job, locked, options, outcome);
}

async function readRows(file: string): Promise<AsyncGenerator<CsvRow>> {
    return parseCsv(createReadStream(file, 'utf8'), { source: file });
}

/**
 * The file cut into CSV parts of at most maxBytes, each with the header row (one ingest job each), as bytes:
 * sliced from the file as read and sent as they are, never decoded into strings (the explanations' "–" would
 * make every line a two-byte string). Records end at a line break outside quotes.
 */
export async function* csvParts(file: string, maxBytes: number): AsyncGenerator<Buffer> {
    let header: Buffer | undefined;
    let parts: Buffer[] = [];
    let partBytes = 0;
    /** The pieces of a record that began in an earlier chunk. */
    let carry: Buffer[] = [];
    let carryBytes = 0;
    let quoted = false;
    // The pieces are let go before the part is sent: held beside it, they would double it.
    const takePart = (header: Buffer) => {
        const part = Buffer.concat([header, ...parts]);
        parts = [];
        partBytes = 0;
        return part;
    };
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
        let sliceFrom = 0;
        let recordStart = 0;
        let scan = 0;
        // The next quote is looked up once, not from every line: a file without quotes would be searched to
        // the chunk's end for each of its lines.
        let quote = chunk.indexOf(0x22);
        for (;;) {
            const newline = chunk.indexOf(0x0a, scan);
            const end = newline === -1 ? chunk.length : newline;
            for (; quote !== -1 && quote < end; quote = chunk.indexOf(0x22, quote + 1)) quoted = !quoted;
            if (newline === -1) break;
            scan = newline + 1;
            if (quoted) continue;
            if (header === undefined) {
                header = Buffer.concat([...carry, chunk.subarray(recordStart, scan)]);
                carry = [];
                carryBytes = 0;
                sliceFrom = recordStart = scan;
                continue;
            }
            const recordBytes = carryBytes + (scan - recordStart);
            if (partBytes + recordBytes > maxBytes && partBytes > 0) {
                if (recordStart > sliceFrom) parts.push(chunk.subarray(sliceFrom, recordStart));
                sliceFrom = recordStart;
                yield takePart(header);
            }
            if (carry.length > 0) {
                parts.push(...carry);
                carry = [];
                carryBytes = 0;
            }
            partBytes += recordBytes;
            recordStart = scan;
        }
        if (recordStart > sliceFrom) parts.push(chunk.subarray(sliceFrom, recordStart));
        if (recordStart < chunk.length) {
            carry.push(chunk.subarray(recordStart));
            carryBytes += chunk.length - recordStart;
        }
    }
    if (header !== undefined && carry.length > 0) {
        parts.push(...carry, Buffer.from('\n'));
        partBytes += carryBytes + 1;
    }
    if (header !== undefined && partBytes > 0) yield takePart(header);
}

/** Creates the ingest job, uploads the part and closes it; a job that cannot be closed is aborted. */
async function openIngestJob(
    api: OrgApi,
    job: WriteJob,
    csv: Buffer,
    options: WriteOptions,
    outcome: WriteOutcome
): Promise<{ record: { id: string; state: string }; abort: () => Promise<boolean> }> {
    const created = await api.json<IngestJob>(
        'ingestCreate',
        {
            method: 'POST',
            url: '/jobs/ingest',
            body: JSON.stringify({
                object: job.object,
                operation: job.operation,
                ...(job.operation === 'upsert' ? { externalIdFieldName: job.keyField } : {}),
                contentType: 'CSV',
                lineEnding: 'LF'
            })
        },
        false
    );
    const record = { id: created.id, state: created.state };
    outcome.jobs.push(record);
    const jobUrl = `/jobs/ingest/${created.id}`;
    const abort = () =>
        api
            .json(
                'jobAbort',
                { method: 'PATCH', url: jobUrl, body: JSON.stringify({ state: 'Aborted' }) },
                true
            )
            .then(
                () => true,
                () => false
            );
    try {
        options.signal?.throwIfAborted();
        const upload: HttpRequest = {
            method: 'PUT',
            url: `${jobUrl}/batches`,
            body: csv,
            headers: { 'Content-Type': 'text/csv' }
        };
        await api.text('ingestUpload', upload, false);
        const close: HttpRequest = {
            method: 'PATCH',
            url: jobUrl,
            body: JSON.stringify({ state: 'UploadComplete' })
        };
        await api.json('ingestClose', close, false);
    } catch (error) {
        await abort();
        record.state = 'Aborted';
        throw error;
    }
    return { record, abort };
}

/**
 * One ingest job per part: open it, wait for its end, count what it wrote; per-row failures go to onFailure, the
 * rows that failed only on a lock are returned for one more try.
 */
async function runIngestJob(
    api: OrgApi,
    job: WriteJob,
    csv: Buffer,
    options: WriteOptions,
    outcome: WriteOutcome
): Promise<CsvRow[]> {
    const { record, abort } = await openIngestJob(api, job, csv, options, outcome);
    const done = await waitForJob(
        () => api.json<IngestJob>('ingestPoll', { method: 'GET', url: `/jobs/ingest/${record.id}` }, true),
        ['JobComplete', 'Failed', 'Aborted'],
        { ...options.poll, signal: options.signal },
        `Bulk ingest job ${record.id}`
    ).catch(async (error: unknown) => {
        // Stopped by the admin: abort what the org has not started yet. Timed out: leave it running, report it.
        record.state = options.signal?.aborted && (await abort()) ? 'Aborted' : 'InProgress';
        throw error;
    });
    record.state = done.state;
    outcome.written += (done.numberRecordsProcessed ?? 0) - (done.numberRecordsFailed ?? 0);
    const locked: CsvRow[] = [];
    if ((done.numberRecordsFailed ?? 0) > 0 || done.state !== 'JobComplete') {
        for await (const row of resultRows(api, record.id, 'failedResults')) {
            const { sf__Id: _id, sf__Error: reason = '', ...original } = row;
            if (reason.startsWith('UNABLE_TO_LOCK_ROW')) {
                locked.push(original);
            } else {
                outcome.failed++;
                await options.onFailure({ key: original[job.keyField] ?? '', reason });
            }
        }
    }
    if (done.state !== 'JobComplete') {
        for await (const row of resultRows(api, record.id, 'unprocessedrecords')) {
            outcome.failed++;
            await options.onFailure({
                key: row[job.keyField] ?? '',
                reason: `not processed: job ${record.id} ended ${done.state} (${done.errorMessage ?? 'no message'})`
            });
        }
    }
    return locked;
}

/** The failed or unprocessed records of an ended ingest job. */
async function* resultRows(
    api: OrgApi,
    jobId: string,
    which: 'failedResults' | 'unprocessedrecords'
): AsyncGenerator<CsvRow> {
    const answer = await api.text(
        'ingestResults',
        { method: 'GET', url: `/jobs/ingest/${jobId}/${which}/` },
        true
    );
    const source = `${which === 'failedResults' ? 'failed results' : 'unprocessed records'} of ${jobId}`;
    yield* parseCsv([answer.body], { source });
}

/**
 * Sends a prepared file: sObject Collections up to bulkFromRows rows, Bulk API 2.0 ingest jobs above.
 * Per-row failures go to onFailure; what never ran (an ingest job that failed, timed out or was stopped, the
 * session or the API allowance ran out) is `stoppedBy`, next to the rows that did run: those are real, and the
 * report counts them.
 */
export async function sendFile(api: OrgApi, job: WriteJob, options: WriteOptions): Promise<WriteOutcome> {
    const outcome: WriteOutcome = { written: 0, failed: 0, jobs: [] };
    try {
        await sendRows(api, job, options, outcome);
    } catch (error) {
        outcome.stoppedBy = error instanceof Error ? error : new Error(String(error));
    }
    return outcome;
}

async function sendRows(
    api: OrgApi,
    job: WriteJob,
    options: WriteOptions,
    outcome: WriteOutcome
): Promise<void> {
    if (job.rows === 0) return;
    if (job.rows <= options.bulkFromRows) {
        await writeCollections(api, job, options, outcome);
        return;
    }
    const locked: CsvRow[] = [];
    for await (const csv of csvParts(job.file, options.maxJobBytes)) {
        locked.push(...(await runIngestJob(api, job, csv, options, outcome)));
        options.onProgress?.(outcome.written, outcome.failed);
    }
    await retryLocked(api, job, locked, options, outcome);
    const failedJob = outcome.jobs.find((entry) => entry.state !== 'JobComplete');
    if (failedJob) {
        throw new OrgApiError(
            `Bulk ingest job ${failedJob.id} ended ${failedJob.state}; its failed and unprocessed records are in errors.csv`,
            'INGEST_JOB_FAILED'
        );
    }
}
