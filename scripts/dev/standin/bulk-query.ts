import { COLUMN_DELIMITERS, csvLine, LINE_ENDINGS, streamCsv } from './csv.ts';
import { ApiError, sendEmpty, sendJson } from './http.ts';
import {
    abort,
    advance,
    applyJobFaults,
    checkDeletable,
    jobInfoBase,
    jobNotFound,
    newJob,
    readContentType,
    readDelimiter,
    readLineEnding,
    touch,
    type BulkJob
} from './jobs.ts';
import type { ApiCall, Org } from './org.ts';
import { toSoqlApiError } from './rest.ts';
import { parseSoql, runQuery, type SoqlQuery } from './soql.ts';
import type { StoredRecord } from './store.ts';
import { csvValue, fieldReader } from './values.ts';

/**
 * Bulk API 2.0 query jobs: create, poll, page through CSV results by locator (Sforce-Locator, the string
 * "null" on the last page; Sforce-NumberOfRecords), abort, delete.
 */

type QueryJob = BulkJob & {
    operation: 'query' | 'queryAll';
    query: SoqlQuery;
    /** The result snapshot, taken when the job completes; records are immutable, so no copying. */
    results?: StoredRecord[];
    /** The date formula fields were computed for when the job ran. */
    ranOn?: string;
};

/** A locator is the offset of the page it starts, base64url-encoded: opaque to clients, as in the org. */
function encodeLocator(offset: number): string {
    return Buffer.from(String(offset)).toString('base64url');
}

function decodeLocator(locator: string): number | undefined {
    const offset = Number(Buffer.from(locator, 'base64url').toString('utf8'));
    return Number.isInteger(offset) && offset >= 0 && encodeLocator(offset) === locator ? offset : undefined;
}

export class BulkQueryApi {
    private readonly jobs = new Map<string, QueryJob>();

    constructor(private readonly org: Org) {}

    private job(id: string): QueryJob {
        const job = this.jobs.get(id);
        if (!job) throw jobNotFound();
        return job;
    }

    private info(job: QueryJob): Record<string, unknown> {
        return { ...jobInfoBase(job), operation: job.operation, object: job.query.object.name };
    }

    create(call: ApiCall): void {
        const body = (call.json() ?? {}) as Record<string, unknown>;
        if (body.operation !== 'query' && body.operation !== 'queryAll') {
            throw new ApiError(
                400,
                'INVALIDJOB',
                `InvalidJob : Invalid operation: ${String(body.operation)}`
            );
        }
        if (typeof body.query !== 'string' || body.query.trim() === '') {
            throw new ApiError(400, 'INVALIDJOB', 'InvalidJob : A query string has to be specified');
        }
        readContentType(body.contentType);
        let query: SoqlQuery;
        try {
            query = parseSoql(body.query, this.org.schema);
        } catch (error) {
            throw toSoqlApiError(error);
        }
        if (query.count) {
            throw new ApiError(
                400,
                'INVALIDJOB',
                'InvalidJob : Aggregate queries are not supported by Bulk API 2.0 query'
            );
        }
        const job: QueryJob = {
            ...newJob(
                this.org,
                call,
                'UploadComplete',
                readDelimiter(body.columnDelimiter),
                readLineEnding(body.lineEnding)
            ),
            operation: body.operation,
            query
        };
        applyJobFaults(this.org, call, job, 'query');
        this.jobs.set(job.id, job);
        this.org.bulkQueryJobsCreated += 1;
        sendJson(call.res, 200, this.info(job));
    }

    poll(call: ApiCall, id: string): void {
        const job = this.job(id);
        applyJobFaults(this.org, call, job, 'query');
        advance(job, this.org, this.org.settings.jobDelay, () => {
            job.ranOn = this.org.today();
            job.results = runQuery(job.query, this.org.store.all(job.query.object.name), job.ranOn);
            touch(job, this.org, 'JobComplete');
        });
        const info: Record<string, unknown> = {
            ...this.info(job),
            numberRecordsProcessed: job.results?.length ?? 0,
            retries: 0,
            totalProcessingTime: 0
        };
        sendJson(call.res, 200, info);
    }

    async results(call: ApiCall, id: string): Promise<void> {
        const job = this.job(id);
        if (job.state !== 'JobComplete' || !job.results) {
            throw new ApiError(
                400,
                'INVALIDJOBSTATE',
                `Job ${job.id} is in state ${job.state}; results are available once it is JobComplete`
            );
        }
        const locator = call.url.searchParams.get('locator');
        const offset = locator ? decodeLocator(locator) : 0;
        if (offset === undefined || offset > job.results.length) {
            throw new ApiError(400, 'INVALID_LOCATOR', `Invalid locator: ${locator ?? ''}`);
        }
        const maxRecordsParam = call.url.searchParams.get('maxRecords');
        const maxRecords =
            maxRecordsParam === null ? this.org.settings.bulkPageSize : Number(maxRecordsParam);
        if (!Number.isInteger(maxRecords) || maxRecords < 1) {
            throw new ApiError(
                400,
                'INVALID_MAX_RECORDS',
                `maxRecords must be a positive integer: ${maxRecordsParam ?? ''}`
            );
        }
        const records = job.results;
        const end = Math.min(records.length, offset + Math.min(maxRecords, this.org.settings.bulkPageSize));
        const delimiter = COLUMN_DELIMITERS[job.columnDelimiter];
        const lineEnding = LINE_ENDINGS[job.lineEnding];
        const readers = job.query.fields.map((field) => fieldReader(field, job.ranOn!));
        const headers = {
            'Sforce-Locator': end < records.length ? encodeLocator(end) : 'null',
            'Sforce-NumberOfRecords': String(end - offset)
        };
        await streamCsv(
            call.res,
            200,
            headers,
            csvLine(
                job.query.fields.map((f) => f.name),
                delimiter,
                lineEnding
            ),
            end - offset,
            (index) => {
                const record = records[offset + index]!;
                return csvLine(
                    readers.map((read) => csvValue(read(record))),
                    delimiter,
                    lineEnding
                );
            }
        );
    }

    /** PATCH {"state": "Aborted"}: the only state change a client may ask of a query job. */
    update(call: ApiCall, id: string): void {
        const job = this.job(id);
        const body = (call.json() ?? {}) as Record<string, unknown>;
        if (body.state !== 'Aborted') {
            throw new ApiError(400, 'INVALIDJOB', `InvalidJob : Invalid state: ${String(body.state)}`);
        }
        abort(job, this.org);
        sendJson(call.res, 200, this.info(job));
    }

    delete(call: ApiCall, id: string): void {
        checkDeletable(this.job(id), 'query');
        this.jobs.delete(id);
        sendEmpty(call.res, 204);
    }
}
