import path from 'node:path';
import { readCsvFile } from './csv.ts';
import type { OrgApi } from './org/api.ts';
import { readObject, DEFAULT_POLL, type PollOptions, type RawRecord } from './org/query.ts';
import { sendFile, type WriteFailure, type WriteJob, type WriteOutcome } from './org/write.ts';

export type ObjectName = 'Account' | 'Potential__c' | 'Brand_Detail__c';

/** Where the records come from: an org, or a folder of Data Loader / Bulk API CSV exports. */
export interface RecordSource {
    readonly kind: 'org' | 'csv';
    readonly label: string;
    /** The org's address (links in reports); absent for CSV. */
    readonly instanceUrl?: string;
    /** Streams the records; a row that cannot be read at all (CSV) is passed to onBadRow and skipped. */
    read(
        object: ObjectName,
        fields: readonly string[],
        onBadRow: (line: number, reason: string) => void
    ): Promise<AsyncIterable<RawRecord>>;
}

/** Where the prepared files go: an org (sObject Collections or Bulk API 2.0 ingest). */
export interface RecordWriter {
    send(
        job: WriteJob,
        onFailure: (failure: WriteFailure) => Promise<void>,
        onProgress: (written: number, failed: number) => void
    ): Promise<WriteOutcome & { error?: Error }>;
    usage(): Promise<{
        requests: number;
        byKind: OrgApi['counts'];
        dailyMax: number | null;
        dailyRemaining: number | null;
    }>;
}

/** Reads `<Object>.csv` files; every column the run reads must be there (an empty cell is null). */
export function csvSource(dir: string): RecordSource {
    return {
        kind: 'csv',
        label: `CSV folder ${dir}`,
        async read(object, fields, onBadRow) {
            return readCsvFile(path.join(dir, `${object}.csv`), fields, onBadRow);
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
    maxJobBytes: 40 * 1024 * 1024
};

/** An org; `counted` are record counts taken just before (the change check), so as not to ask again. */
export function orgSource(
    api: OrgApi,
    label: string,
    tuning: OrgTuning,
    counted?: Record<ObjectName, number>
): RecordSource {
    return {
        kind: 'org',
        label,
        instanceUrl: api.conn.instanceUrl,
        async read(object, fields) {
            return readObject(api, object, fields, {
                bulkFromRecords: tuning.bulkQueryFromRecords,
                poll: tuning.poll,
                maxRecordsPerPage: tuning.maxRecordsPerPage,
                counted: counted?.[object]
            });
        }
    };
}

export function orgWriter(api: OrgApi, tuning: OrgTuning, signal?: AbortSignal): RecordWriter {
    return {
        async send(job, onFailure, onProgress) {
            try {
                return await sendFile(api, job, {
                    bulkFromRows: tuning.bulkWriteFromRows,
                    poll: tuning.poll,
                    maxJobBytes: tuning.maxJobBytes,
                    onFailure,
                    onProgress,
                    signal
                });
            } catch (error) {
                const outcome = (error as { outcome?: WriteOutcome }).outcome ?? {
                    written: 0,
                    failed: 0,
                    jobs: []
                };
                return { ...outcome, error: error as Error };
            }
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
        }
    };
}
