import path from 'node:path';
import { openCsvFile } from '../csv.ts';
import type { ObjectCounts, ObjectName } from '../objects.ts';
import type { OrgApi } from '../org/api.ts';
import { readFollowUps, type ExistingFollowUp } from '../org/followUps.ts';
import { readObject, DEFAULT_POLL, type PollOptions, type RawRecord } from '../org/query.ts';
import { takeSnapshot, type Marks, type Snapshot } from '../org/snapshot.ts';
import type { RunReport } from './report.ts';
import { sendFile, type WriteFailure, type WriteJob, type WriteOutcome } from '../org/write.ts';

/** The records of one object as a source yields them, and where each one is. */
export type RecordStream = {
    records: AsyncIterable<RawRecord>;
    /** The file line of the record yielded last (a CSV export), for errors.csv; undefined for an org. */
    line(): number | undefined;
    /** Numbers are written with a decimal comma (a `;`-separated export from Excel in a Dutch locale). */
    decimalComma: boolean;
};

/** Where the records come from: an org, or a folder of Data Loader / Bulk API CSV exports. */
export interface RecordSource {
    readonly kind: 'org' | 'csv';
    readonly label: string;
    /** The org's address (links in reports); absent for CSV. */
    readonly instanceUrl?: string;
    /**
     * Whether one record can come twice. An org returns each record once; a folder of exports can hold a
     * record twice (overlapping exports, its 15- and 18-character Id), and the read then checks Ids.
     */
    readonly mayRepeatRecords: boolean;
    /** Opens one object's records; a file that cannot be read at all throws CsvFileError here. */
    open(object: ObjectName, fields: readonly string[]): Promise<RecordStream>;
}

/** Reads `<Object>.csv` files; every column the run reads must be there (an empty cell is null). */
export function csvSource(dir: string, label: string): RecordSource {
    return {
        kind: 'csv',
        label,
        mayRepeatRecords: true,
        async open(object, fields) {
            const file = await openCsvFile(path.join(dir, `${object}.csv`), fields);
            return { records: file.records, line: file.line, decimalComma: file.delimiter === ';' };
        }
    };
}

export type OrgTuning = {
    bulkQueryFromRecords: number;
    bulkWriteFromRows: number;
    poll: PollOptions;
    maxJobBytes: number;
    maxRecordsPerPage?: number;
};

export const DEFAULT_TUNING: OrgTuning = {
    bulkQueryFromRecords: 10_000,
    bulkWriteFromRows: 2_000,
    poll: DEFAULT_POLL,
    // Bulk API 2.0 takes up to 100 MB a job. A part is in memory twice while it is uploaded (the HTTP client
    // copies it), beside the brand details' Ids: 30 MB keeps a first night at 1M under 512 MB (not with
    // --create-tasks: bench/README.md).
    maxJobBytes: 30 * 1024 * 1024
};

/** An org: its records, and its record counts (the change check's, and the size of each read). */
export type OrgSource = RecordSource & {
    readonly kind: 'org';
    /** COUNT() per object, and with marks also those changed since (see runState.ts). */
    snapshot(marks?: Marks): Promise<Snapshot>;
    /** The API requests this run used, and what the org says is left of its daily allowance. */
    usage(): Promise<RunReport['api']>;
};

/** An org; the counts of the snapshot taken last decide REST or Bulk per object without asking again. */
export function orgSource(api: OrgApi, label: string, tuning: OrgTuning): OrgSource {
    let counted: ObjectCounts | undefined;
    return {
        kind: 'org',
        label,
        instanceUrl: api.conn.instanceUrl,
        mayRepeatRecords: false,
        async snapshot(marks) {
            const snapshot = await takeSnapshot(api, marks);
            counted = snapshot.totals;
            return snapshot;
        },
        async usage() {
            // The allowance comes with every answer (Sforce-Limit-Info): no /limits call, which would need
            // "View Setup and Configuration", a permission the integration user rightly lacks.
            const daily = api.dailyUsage;
            return {
                requests: api.requestsSent,
                byKind: { ...api.counts },
                dailyMax: daily?.max ?? null,
                dailyRemaining: daily ? Math.max(0, daily.max - daily.used) : null
            };
        },
        async open(object, fields) {
            const records = readObject(api, object, fields, {
                bulkFromRecords: tuning.bulkQueryFromRecords,
                poll: tuning.poll,
                maxRecordsPerPage: tuning.maxRecordsPerPage,
                counted: counted?.[object]
            });
            return { records, line: () => undefined, decimalComma: false };
        }
    };
}

/** Where the prepared files go: an org (sObject Collections or Bulk API 2.0 ingest). */
export interface RecordWriter {
    /** Sends one prepared file; what it could not do is in the outcome (`stoppedBy`), never thrown. */
    send(
        job: WriteJob,
        onFailure: (failure: WriteFailure) => Promise<void>,
        onProgress: (written: number, failed: number) => void
    ): Promise<WriteOutcome>;
    /**
     * The follow-up tasks the package made before, open or closed, so that none is made twice: those of these
     * brand details (REST; from --bulk-query-from of them, all instead), or all of them (one Bulk API 2.0 query job).
     */
    followUps(of: { whatIds: readonly string[] } | 'all'): AsyncIterable<ExistingFollowUp>;
}

export function orgWriter(api: OrgApi, tuning: OrgTuning, signal?: AbortSignal): RecordWriter {
    return {
        send(job, onFailure, onProgress) {
            return sendFile(api, job, {
                bulkFromRows: tuning.bulkWriteFromRows,
                poll: tuning.poll,
                maxJobBytes: tuning.maxJobBytes,
                onFailure,
                onProgress,
                signal
            });
        },
        followUps(of) {
            const { poll, maxRecordsPerPage, bulkQueryFromRecords } = tuning;
            const all = of === 'all' || of.whatIds.length >= bulkQueryFromRecords;
            return readFollowUps(api, all ? { all: true, poll, maxRecordsPerPage } : of);
        }
    };
}
