import type { StandinUser } from './auth.ts';
import type { ColumnDelimiter, LineEnding } from './csv.ts';
import { ApiError } from './http.ts';
import type { ApiCall, JobDelay, Org } from './org.ts';

/**
 * What Bulk API 2.0 ingest and query jobs share: their info fields, their states, and how they move from
 * UploadComplete through InProgress to an end state as the client polls.
 */

export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

export type BulkJob = {
    id: string;
    /** The user who created the job: ingest jobs write as this user. */
    createdBy: StandinUser;
    /** The API version the job was created with (its info and contentUrl use it). */
    apiVersion: string;
    createdDate: string;
    systemModstamp: string;
    state: JobState;
    columnDelimiter: ColumnDelimiter;
    lineEnding: LineEnding;
    /** Status requests answered InProgress so far, and when the job was closed (delay accounting). */
    inProgressAnswers: number;
    closedAt: number;
    /** Fault `stuck`: the job never leaves InProgress. */
    stuck: boolean;
    /** Fault `ingestFails`: the job ends Failed with this message instead of processing its data. */
    failWith?: string;
};

export function newJob(
    org: Org,
    call: ApiCall,
    state: JobState,
    columnDelimiter: ColumnDelimiter,
    lineEnding: LineEnding
): BulkJob {
    const now = org.now();
    const timestamp = jobTimestamp(now);
    return {
        id: org.nextId('750'),
        createdBy: call.user!,
        apiVersion: call.apiPath.slice('/services/data/v'.length),
        createdDate: timestamp,
        systemModstamp: timestamp,
        state,
        columnDelimiter,
        lineEnding,
        inProgressAnswers: 0,
        closedAt: state === 'UploadComplete' ? now.getTime() : 0,
        stuck: false
    };
}

/** Job dates as the Bulk API writes them: "2026-11-25T01:00:00.000+0000". */
export function jobTimestamp(date: Date): string {
    return `${date.toISOString().slice(0, 23)}+0000`;
}

export function touch(job: BulkJob, org: Org, state: JobState): void {
    job.state = state;
    job.systemModstamp = jobTimestamp(org.now());
}

/** Marks the job with the job faults the request triggers (on create, close, poll …). */
export function applyJobFaults(org: Org, call: ApiCall, job: BulkJob, kind: 'ingest' | 'query'): void {
    for (const fault of org.faults.jobFaults(call.facts, kind)) {
        if (fault.effect === 'stuck') job.stuck = true;
        if (fault.effect === 'ingestFails') {
            job.failWith =
                fault.message ?? 'InternalServerError : The job failed (stand-in fault ingestFails)';
        }
    }
}

/**
 * On a status request: a closed job answers InProgress until it has done so `delay.polls` times and
 * `delay.ms` have passed since it was closed; then `finish` runs the job and sets its end state.
 */
export function advance(job: BulkJob, org: Org, delay: JobDelay, finish: () => void): void {
    if (job.state !== 'UploadComplete' && job.state !== 'InProgress') return;
    const waited = org.now().getTime() - job.closedAt;
    if (!job.stuck && job.inProgressAnswers >= delay.polls && waited >= delay.ms) {
        finish();
        return;
    }
    job.inProgressAnswers += 1;
    if (job.state !== 'InProgress') touch(job, org, 'InProgress');
}

/** PATCH {"state": "Aborted"}: allowed until the job has ended. */
export function abort(job: BulkJob, org: Org): void {
    if (job.state === 'JobComplete' || job.state === 'Failed' || job.state === 'Aborted') {
        throw new ApiError(400, 'INVALIDJOBSTATE', `Aborting a job in state ${job.state} is not allowed`);
    }
    touch(job, org, 'Aborted');
}

export function jobNotFound(): ApiError {
    return new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
}

export function readDelimiter(raw: unknown): ColumnDelimiter {
    if (raw === undefined) return 'COMMA';
    if (
        raw === 'COMMA' ||
        raw === 'TAB' ||
        raw === 'PIPE' ||
        raw === 'SEMICOLON' ||
        raw === 'CARET' ||
        raw === 'BACKQUOTE'
    )
        return raw;
    throw new ApiError(400, 'INVALIDJOB', `InvalidJob : Invalid column delimiter: ${String(raw)}`);
}

export function readLineEnding(raw: unknown): LineEnding {
    if (raw === undefined) return 'LF';
    if (raw === 'LF' || raw === 'CRLF') return raw;
    throw new ApiError(400, 'INVALIDJOB', `InvalidJob : Invalid line ending: ${String(raw)}`);
}

export function readContentType(raw: unknown): void {
    if (raw !== undefined && raw !== 'CSV') {
        throw new ApiError(400, 'INVALIDJOB', `InvalidJob : Unsupported content type: ${String(raw)}`);
    }
}

/** The info fields every job response carries. */
export function jobInfoBase(job: BulkJob): Record<string, unknown> {
    return {
        id: job.id,
        createdById: job.createdBy.id,
        createdDate: job.createdDate,
        systemModstamp: job.systemModstamp,
        state: job.state,
        concurrencyMode: 'Parallel',
        contentType: 'CSV',
        apiVersion: Number(job.apiVersion),
        lineEnding: job.lineEnding,
        columnDelimiter: job.columnDelimiter
    };
}

/**
 * Deleting a job removes it and its data. A query job can be deleted once JobComplete, Aborted or Failed; an
 * ingest job also once UploadComplete. Otherwise 400 API_ERROR (the query job documentation's example).
 */
export function checkDeletable(job: BulkJob, kind: 'query' | 'ingest'): void {
    const terminated =
        job.state === 'JobComplete' ||
        job.state === 'Aborted' ||
        job.state === 'Failed' ||
        (kind === 'ingest' && job.state === 'UploadComplete');
    if (!terminated) {
        throw new ApiError(
            400,
            'API_ERROR',
            'Error encountered when deleting the job because the job is not terminated'
        );
    }
}
