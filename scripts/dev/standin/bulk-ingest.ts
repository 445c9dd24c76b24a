import { COLUMN_DELIMITERS, csvLine, LINE_ENDINGS, parseCsvRows, streamCsv, type LineEnding } from './csv.ts';
import { applyWrites, type WriteOperation, type WriteRequest } from './dml.ts';
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
import type { FieldDef, ObjectSchema } from './schema.ts';
import { isMismatch, parseValue, xsdType, type SaveError } from './values.ts';

/**
 * Bulk API 2.0 ingest jobs: create, upload one CSV, close (UploadComplete) or abort, poll, and the three
 * result CSVs. In the CSV an empty cell leaves a field as it is and #N/A clears it.
 */

type IngestOperation = 'insert' | 'update' | 'upsert';

type ProcessedRow = { id: string; created: boolean; error?: string; row: string[] };

type IngestJob = BulkJob & {
    object: ObjectSchema;
    operation: IngestOperation;
    externalIdField?: FieldDef;
    data?: Buffer;
    header: string[];
    rows: string[][];
    processed: ProcessedRow[];
    /** Rows of a job that failed or was aborted before processing them. */
    unprocessed: string[][];
    errorMessage?: string;
};

const OPERATIONS: Record<IngestOperation, WriteOperation> = {
    insert: 'create',
    update: 'update',
    upsert: 'upsert'
};

/** The Bulk API's one-line error: `CODE:message:Field1,Field2 --`, or `CODE:message:--` without fields. */
function bulkErrorText(error: SaveError): string {
    return `${error.statusCode}:${error.message}:${error.fields.length > 0 ? `${error.fields.join(',')} ` : ''}--`;
}

/** Job-level failure: the job ends Failed with this message (as the org reports a malformed upload). */
class JobFailure extends Error {}

function lineEndingOf(text: string): LineEnding | undefined {
    const newline = text.indexOf('\n');
    if (newline < 0) return undefined;
    return text[newline - 1] === '\r' ? 'CRLF' : 'LF';
}

export class IngestApi {
    private readonly jobs = new Map<string, IngestJob>();

    constructor(private readonly org: Org) {}

    private job(id: string): IngestJob {
        const job = this.jobs.get(id);
        if (!job) throw jobNotFound();
        return job;
    }

    private info(job: IngestJob): Record<string, unknown> {
        const info: Record<string, unknown> = {
            ...jobInfoBase(job),
            operation: job.operation,
            object: job.object.name
        };
        if (job.externalIdField) info.externalIdFieldName = job.externalIdField.name;
        if (job.state === 'Open') {
            info.contentUrl = `services/data/v${job.apiVersion}/jobs/ingest/${job.id}/batches`;
        }
        return info;
    }

    private detailedInfo(job: IngestJob): Record<string, unknown> {
        const failed = job.processed.filter((row) => row.error !== undefined).length;
        const info: Record<string, unknown> = {
            ...this.info(job),
            jobType: 'V2Ingest',
            numberRecordsProcessed: job.processed.length,
            numberRecordsFailed: failed,
            retries: 0,
            totalProcessingTime: 0,
            apiActiveProcessingTime: 0,
            apexProcessingTime: 0
        };
        if (job.errorMessage !== undefined) info.errorMessage = job.errorMessage;
        return info;
    }

    create(call: ApiCall): void {
        const body = (call.json() ?? {}) as Record<string, unknown>;
        const object =
            typeof body.object === 'string'
                ? this.org.schema.objectByLowerName.get(body.object.toLowerCase())
                : undefined;
        if (!object) {
            throw new ApiError(400, 'INVALIDJOB', `InvalidJob : Invalid object: ${String(body.object)}`);
        }
        const operation = body.operation;
        if (operation !== 'insert' && operation !== 'update' && operation !== 'upsert') {
            throw new ApiError(
                400,
                'INVALIDJOB',
                `InvalidJob : Operation not supported by the stand-in: ${String(operation)}`
            );
        }
        readContentType(body.contentType);
        let externalIdField: FieldDef | undefined;
        if (operation === 'upsert') {
            const name = body.externalIdFieldName;
            externalIdField =
                typeof name === 'string' ? object.fieldByLowerName.get(name.toLowerCase()) : undefined;
            if (!externalIdField || (!externalIdField.externalId && externalIdField.name !== 'Id')) {
                throw new ApiError(
                    400,
                    'INVALIDJOB',
                    `InvalidJob : Invalid external ID field: ${String(name)}`
                );
            }
        }
        const job: IngestJob = {
            ...newJob(
                this.org,
                call,
                'Open',
                readDelimiter(body.columnDelimiter),
                readLineEnding(body.lineEnding)
            ),
            object,
            operation,
            header: [],
            rows: [],
            processed: [],
            unprocessed: []
        };
        if (externalIdField) job.externalIdField = externalIdField;
        applyJobFaults(this.org, call, job, 'ingest');
        this.jobs.set(job.id, job);
        sendJson(call.res, 200, this.info(job));
    }

    upload(call: ApiCall, id: string): void {
        const job = this.job(id);
        if (job.state !== 'Open') {
            throw new ApiError(
                409,
                'INVALIDJOBSTATE',
                `Job ${job.id} is ${job.state}; data can be uploaded only to an Open job`
            );
        }
        if (job.data) {
            throw new ApiError(
                400,
                'BULK_API_ERROR',
                `Found multiple contents for job: <${job.id}>, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure you only do 'PUT' once on a given Job.`
            );
        }
        job.data = call.body;
        sendEmpty(call.res, 201);
    }

    /** PATCH {"state": "UploadComplete"} closes the job for processing; {"state": "Aborted"} abandons it. */
    update(call: ApiCall, id: string): void {
        const job = this.job(id);
        const body = (call.json() ?? {}) as Record<string, unknown>;
        applyJobFaults(this.org, call, job, 'ingest');
        if (body.state === 'UploadComplete') {
            if (job.state !== 'Open') {
                throw new ApiError(
                    409,
                    'INVALIDJOBSTATE',
                    `Job ${job.id} is ${job.state}; only an Open job can be closed`
                );
            }
            job.closedAt = this.org.now().getTime();
            touch(job, this.org, 'UploadComplete');
        } else if (body.state === 'Aborted') {
            abort(job, this.org);
            this.readRows(job, true);
            job.unprocessed = job.rows;
        } else {
            throw new ApiError(400, 'INVALIDJOB', `InvalidJob : Invalid state: ${String(body.state)}`);
        }
        sendJson(call.res, 200, this.info(job));
    }

    poll(call: ApiCall, id: string): void {
        const job = this.job(id);
        applyJobFaults(this.org, call, job, 'ingest');
        advance(job, this.org, this.org.settings.jobDelay, () => this.process(job, call));
        sendJson(call.res, 200, this.detailedInfo(job));
    }

    /** Reads the uploaded CSV into header and rows; with `lenient`, unreadable data just yields no rows. */
    private readRows(job: IngestJob, lenient = false): void {
        if (!job.data || job.header.length > 0) return;
        try {
            const text = job.data.toString('utf8');
            const found = lineEndingOf(text);
            if (found && found !== job.lineEnding && !lenient) {
                throw new JobFailure(
                    `ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is ${job.lineEnding}`
                );
            }
            const [header = [], ...rows] = parseCsvRows(text, COLUMN_DELIMITERS[job.columnDelimiter]);
            job.header = header;
            job.rows = rows;
        } catch (error) {
            if (lenient) return;
            throw error instanceof JobFailure
                ? error
                : new JobFailure(`ClientInputError : ${(error as Error).message}`);
        }
    }

    private process(job: IngestJob, call: ApiCall): void {
        try {
            if (job.failWith !== undefined) throw new JobFailure(job.failWith);
            this.readRows(job);
            if (job.header.length === 0) throw new JobFailure('InvalidBatch : Empty CSV data');
            const columns = job.header.map((name) => {
                const field = job.object.fieldByLowerName.get(name.trim().toLowerCase());
                if (!field) throw new JobFailure(`InvalidBatch : Field name not found : ${name}`);
                return field;
            });
            const requests = job.rows.map((row) => this.rowRequest(job, columns, row));
            const results = applyWrites(requests, this.org.writeContext(call.facts, false, job.createdBy));
            this.org.countWrites(requests, results);
            job.processed = results.map((result, index) => {
                const processed: ProcessedRow = {
                    id: result.id ?? '',
                    created: requests[index]!.operation === 'create' || result.created === true,
                    row: job.rows[index]!
                };
                if (result.errors[0]) processed.error = bulkErrorText(result.errors[0]);
                return processed;
            });
            touch(job, this.org, 'JobComplete');
        } catch (error) {
            if (!(error instanceof JobFailure)) throw error;
            this.readRows(job, true);
            job.unprocessed = job.rows;
            job.errorMessage = error.message;
            touch(job, this.org, 'Failed');
        }
    }

    private rowRequest(job: IngestJob, columns: FieldDef[], row: string[]): WriteRequest {
        const request: WriteRequest = {
            object: job.object,
            operation: OPERATIONS[job.operation],
            values: new Map()
        };
        if (job.externalIdField) request.externalIdField = job.externalIdField;
        if (row.length !== columns.length) {
            request.rejected = {
                statusCode: 'INVALID_ROW',
                message: `The row has ${row.length} columns, the header ${columns.length}`,
                fields: []
            };
            return request;
        }
        columns.forEach((field, index) => {
            const cell = row[index]!;
            if (cell === '') return;
            if (field.name === 'Id') {
                request.id = cell;
                return;
            }
            const value = cell === '#N/A' ? null : parseValue(field, cell);
            if (value !== null && isMismatch(value)) {
                request.rejected ??= {
                    statusCode: 'INVALID_FIELD',
                    message: `Failed to deserialize field at col ${index}. Due to, '${cell}' is not a valid value for the type xsd:${xsdType(field)}`,
                    fields: [field.name]
                };
                return;
            }
            request.values.set(field, value);
        });
        return request;
    }

    /** successfulResults, failedResults, unprocessedrecords: CSV with the original columns. */
    async results(
        call: ApiCall,
        id: string,
        kind: 'successfulResults' | 'failedResults' | 'unprocessedrecords'
    ): Promise<void> {
        const job = this.job(id);
        const delimiter = COLUMN_DELIMITERS[job.columnDelimiter];
        const lineEnding = LINE_ENDINGS[job.lineEnding];
        if (kind === 'unprocessedrecords') {
            const rows = job.unprocessed;
            await streamCsv(call.res, 200, {}, csvLine(job.header, delimiter, lineEnding), rows.length, (i) =>
                csvLine(rows[i]!, delimiter, lineEnding)
            );
            return;
        }
        const failed = kind === 'failedResults';
        const rows = job.processed.filter((row) => (row.error !== undefined) === failed);
        const header = ['sf__Id', failed ? 'sf__Error' : 'sf__Created', ...job.header];
        await streamCsv(call.res, 200, {}, csvLine(header, delimiter, lineEnding), rows.length, (i) => {
            const row = rows[i]!;
            return csvLine(
                [row.id, failed ? row.error! : String(row.created), ...row.row],
                delimiter,
                lineEnding
            );
        });
    }

    delete(call: ApiCall, id: string): void {
        checkDeletable(this.job(id), 'ingest');
        this.jobs.delete(id);
        sendEmpty(call.res, 204);
    }
}
