import path from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import {
    brandDetailFields,
    classify,
    isDowngrade,
    OWNED_FIELDS,
    plannedUpdate,
    type SegmentationConfig
} from '../../force-app/main/default/lwc/segmentRules/segmentRules.js';
import { BrandDetailTable } from './brandDetails.ts';
import { CsvFileError, CsvFileWriter } from './csv.ts';
import { EXIT_CODES, type ExitStatus } from './exitCodes.ts';
import { failureReason } from './messages.ts';
import { renderHtmlReport } from './htmlReport.ts';
import { BitSet, InstallerTable } from './installers.ts';
import type { Picklists } from './picklists.ts';
import { silentProgress, type Progress } from './progress.ts';
import { check, fieldsOf, recordSchemas, type RecordProblem } from './records.ts';
import {
    increment,
    incrementTransition,
    MAX_LISTED,
    NONE,
    type EstimateSummary,
    type RunReport
} from './report.ts';
import type { RecordSource, RecordWriter } from './sources.ts';

export type Clock = { now: string; today: string };

/** One estimated row to upsert (the estimator's output; Key__c is built here). */
export type EstimateRow = { accountIndex: number; brand: string; units: number };
export type EstimateStage = (table: InstallerTable) => {
    summary: EstimateSummary;
    rows: Iterable<EstimateRow>;
};

export type RunOptions = {
    config: SegmentationConfig;
    configFile: string;
    picklists: Picklists;
    source: RecordSource;
    /** Absent for --dry-run and for CSV sources: the prepared files are the output. */
    writer?: RecordWriter;
    /** --dry-run: a what-if; the reports say it is a simulation. */
    dryRun: boolean;
    outDir: string;
    clock: Clock;
    estimate?: EstimateStage;
    progress?: Progress;
    /** Why the org is read in full (--full, no earlier run known, records changed, a CSV source, ...). */
    readInFullBecause?: string;
    /** Called once everything is written, before the API use is reported (the change check counts again). */
    afterWrites?: (report: RunReport) => Promise<void>;
};

const ERROR_COLUMNS = ['Id', 'Object', 'Field', 'Reason'];
const POTENTIAL_UPSERT_COLUMNS = [
    'Key__c',
    'Account__c',
    'Product_Group__c',
    'Brand__c',
    'Units__c',
    'Source__c'
];
/** In a Bulk API / Data Loader update an empty cell leaves the field as it is; #N/A clears it. */
const CLEAR = '#N/A';

async function outputFiles(outDir: string): Promise<RunReport['files']> {
    await mkdir(outDir, { recursive: true });
    return {
        brandDetailUpdates: path.join(outDir, 'Brand_Detail__c.update.csv'),
        potentialUpserts: path.join(outDir, 'Potential__c.upsert.csv'),
        errors: path.join(outDir, 'errors.csv'),
        report: path.join(outDir, 'report.json'),
        html: path.join(outDir, 'report.html')
    };
}

function emptyReport(
    options: Pick<RunOptions, 'source' | 'dryRun' | 'configFile' | 'clock' | 'readInFullBecause'>,
    files: RunReport['files']
): RunReport {
    return {
        reportVersion: 1,
        source: { kind: options.source.kind, label: options.source.label },
        dryRun: options.dryRun,
        configFile: options.configFile,
        startedAt: options.clock.now,
        finishedAt: options.clock.now,
        durationMs: 0,
        records: {
            accountsRead: 0,
            potentialsRead: 0,
            brandDetailsRead: 0,
            rejected: 0,
            changed: 0,
            unchanged: 0,
            locked: 0,
            lockedWouldChange: 0,
            written: 0,
            failed: 0,
            potentialsToUpsert: 0,
            potentialsNew: 0,
            potentialsWritten: 0
        },
        changeCheck: { readInFull: true, reason: options.readInFullBecause ?? 'always for this source' },
        estimate: { status: 'skipped', reason: 'not run' },
        before: { customerType: {}, segment: {} },
        after: { customerType: {}, segment: {} },
        transitions: {},
        typeBySegment: {},
        downgrades: [],
        downgradeCount: 0,
        instanceUrl: options.source.instanceUrl ?? null,
        api: { requests: 0, byKind: {}, dailyMax: null, dailyRemaining: null },
        jobs: [],
        files,
        outcome: { status: 'ok', exitCode: 0, reason: EXIT_CODES.ok.text }
    };
}

/**
 * The nightly reclassification: read -> estimate -> classify -> diff -> write -> report. The same code runs
 * for an org and for a folder of CSV exports; only the source and the writer differ.
 */
export async function runReclassification(options: RunOptions): Promise<RunReport> {
    const started = Date.now();
    const { config, picklists, source, outDir, clock } = options;
    const progress = options.progress ?? silentProgress;
    const files = await outputFiles(outDir);
    const report = emptyReport(options, files);
    const errors = new CsvFileWriter(files.errors, ERROR_COLUMNS);
    const reject = async (problem: RecordProblem) => {
        await errors.write([problem.id, problem.object, problem.field, problem.reason]);
    };
    const badRows: Promise<void>[] = [];
    const badRow = (object: string) => (line: number, reason: string) => {
        report.records.rejected++;
        badRows.push(reject({ id: `(line ${line})`, object, field: '(row)', reason }));
    };
    const schemas = recordSchemas(config, picklists);
    const installers = new InstallerTable(config, picklists);
    const brandDetails = new BrandDetailTable();
    let stopped: { status: ExitStatus; reason: string } | undefined;

    try {
        for await (const raw of await source.read('Account', fieldsOf(schemas.account), badRow('Account'))) {
            progress.update('Read Account', { records: ++report.records.accountsRead });
            const result = check(schemas.account, 'Account', raw);
            if (!result.ok) {
                report.records.rejected++;
                for (const problem of result.problems) await reject(problem);
            } else if (installers.add(result.record) === undefined) {
                report.records.rejected++;
                await reject({
                    id: result.record.Id,
                    object: 'Account',
                    field: 'Id',
                    reason: 'duplicate Id'
                });
            }
        }

        progress.done('Read Account', {
            records: report.records.accountsRead,
            rejected: report.records.rejected
        });
        // One bit per installer x product group x brand: a million installers' keys as strings would not fit.
        const groups = config.productGroups;
        const seenKeys = new BitSet(installers.size * groups.length * installers.brands.length);
        const keyCell = (accountIndex: number, group: string, brand: string) =>
            (accountIndex * groups.length + groups.indexOf(group)) * installers.brands.length +
            installers.brands.indexOf(brand);
        for await (const raw of await source.read(
            'Potential__c',
            fieldsOf(schemas.potential),
            badRow('Potential__c')
        )) {
            progress.update('Read Potential__c', { records: ++report.records.potentialsRead });
            const result = check(schemas.potential, 'Potential__c', raw);
            if (!result.ok) {
                report.records.rejected++;
                for (const problem of result.problems) await reject(problem);
                continue;
            }
            const row = result.record;
            const accountIndex = installers.indexOf(row.Account__c);
            const key =
                accountIndex === undefined
                    ? -1
                    : keyCell(accountIndex, row.Product_Group__c ?? '', row.Brand__c ?? '');
            const problem =
                accountIndex === undefined
                    ? {
                          field: 'Account__c',
                          reason: `account ${row.Account__c} does not exist (or was rejected)`
                      }
                    : seenKeys.has(key)
                      ? {
                            field: 'Key__c',
                            reason: `a second potential row for ${row.Product_Group__c} / ${row.Brand__c} of this installer; only the first counts`
                        }
                      : undefined;
            if (problem || accountIndex === undefined) {
                report.records.rejected++;
                await reject({
                    id: row.Id,
                    object: 'Potential__c',
                    ...(problem ?? { field: '', reason: '' })
                });
                continue;
            }
            seenKeys.add(key);
            if (row.Product_Group__c === config.boilerProductGroup && row.Brand__c !== null) {
                installers.addBoilerRow(accountIndex, row.Brand__c, row.Units__c, row.Source__c);
            }
        }

        progress.done('Read Potential__c', {
            records: report.records.potentialsRead,
            rejected: report.records.rejected
        });
        const seenBrands = new BitSet(installers.size * config.vgBrands.length);
        for await (const raw of await source.read(
            'Brand_Detail__c',
            fieldsOf(schemas.brandDetail),
            badRow('Brand_Detail__c')
        )) {
            progress.update('Read Brand_Detail__c', { records: ++report.records.brandDetailsRead });
            const result = check(schemas.brandDetail, 'Brand_Detail__c', raw);
            if (!result.ok) {
                report.records.rejected++;
                for (const problem of result.problems) await reject(problem);
                continue;
            }
            const detail = result.record;
            const accountIndex = installers.indexOf(detail.Account__c);
            const brandKey =
                accountIndex === undefined
                    ? -1
                    : accountIndex * config.vgBrands.length + config.vgBrands.indexOf(detail.Brand__c ?? '');
            if (accountIndex === undefined || seenBrands.has(brandKey)) {
                report.records.rejected++;
                await reject({
                    id: detail.Id,
                    object: 'Brand_Detail__c',
                    field: accountIndex === undefined ? 'Account__c' : 'Brand__c',
                    reason:
                        accountIndex === undefined
                            ? `account ${detail.Account__c} does not exist (or was rejected)`
                            : `the installer has a second ${detail.Brand__c} brand detail; only the first is classified`
                });
                continue;
            }
            seenBrands.add(brandKey);
            brandDetails.add(detail, accountIndex);
            if (detail.VG_Ever_Had_Share__c) installers.markEverHadShare(accountIndex);
        }

        report.estimate = await estimateStage(options, installers, files.potentialUpserts, report);

        progress.done('Read Brand_Detail__c', {
            records: report.records.brandDetailsRead,
            rejected: report.records.rejected
        });
        const updates = new CsvFileWriter(files.brandDetailUpdates, ['Id', ...OWNED_FIELDS]);
        for (let index = 0; index < brandDetails.size; index++) {
            const accountIndex = brandDetails.accountIndex(index);
            const classification = classify(
                {
                    revenue12m: installers.revenue12m(accountIndex),
                    vgUnits12m: installers.vgUnits12m(accountIndex),
                    everHadShare: installers.everHadShare(accountIndex)
                },
                installers.potential(accountIndex),
                config
            );
            const computed = brandDetailFields(classification, brandDetails.lastVisitDate(index), config);
            const stored = brandDetails.stored(index, classification.reason);
            const changes = plannedUpdate(stored, computed, clock);
            const locked = brandDetails.isLocked(index);
            increment(report.before.customerType, brandDetails.customerType(index));
            increment(report.before.segment, brandDetails.segment(index));
            increment(
                report.after.customerType,
                locked ? brandDetails.customerType(index) : classification.customerType
            );
            increment(report.after.segment, locked ? brandDetails.segment(index) : classification.segment);
            incrementTransition(
                report.transitions,
                brandDetails.customerType(index),
                classification.customerType
            );
            const typeAfter = locked ? brandDetails.customerType(index) : classification.customerType;
            increment(
                (report.typeBySegment[typeAfter ?? NONE] ??= {}),
                locked ? brandDetails.segment(index) : classification.segment
            );
            const typeBefore = brandDetails.customerType(index);
            if (
                !locked &&
                isDowngrade(typeBefore, typeAfter, config) &&
                typeBefore !== null &&
                typeAfter !== null
            ) {
                if (report.downgradeCount++ < MAX_LISTED) {
                    report.downgrades.push({
                        id: brandDetails.id(index),
                        accountId: installers.id(accountIndex),
                        accountName: installers.name(accountIndex),
                        brand: brandDetails.brand(index),
                        from: typeBefore,
                        to: typeAfter
                    });
                }
            }
            if (locked) {
                report.records.locked++;
                if (plannedUpdate({ ...stored, Classification_Locked__c: false }, computed, clock))
                    report.records.lockedWouldChange++;
            } else if (changes) {
                report.records.changed++;
                await updates.write([
                    brandDetails.id(index),
                    ...OWNED_FIELDS.map((field) => (field in changes ? (changes[field] ?? CLEAR) : ''))
                ]);
            } else {
                report.records.unchanged++;
            }
        }
        await updates.close();
        progress.done('Classify', {
            changed: report.records.changed,
            unchanged: report.records.unchanged,
            locked: report.records.locked
        });

        if (options.writer) {
            await writeStage(options.writer, report, files, reject, progress);
            await options.afterWrites?.(report);
        }
    } catch (error) {
        stopped = {
            status: error instanceof CsvFileError ? 'refused' : 'failed',
            reason: failureReason(error)
        };
    } finally {
        await Promise.all(badRows);
        await errors.close();
    }

    if (options.writer) {
        Object.assign(report.api, await options.writer.usage());
    }
    report.finishedAt = new Date(started + (Date.now() - started)).toISOString();
    report.durationMs = Date.now() - started;
    report.outcome = outcomeOf(report, stopped);
    await writeReports(report, config);
    return report;
}

/**
 * The report of a night on which nothing changed since the last complete run: nothing read, nothing written,
 * the distributions as that run left them. The update files exist, empty, as after any run.
 */
export async function reportUnchanged(
    options: Pick<RunOptions, 'config' | 'configFile' | 'source' | 'writer' | 'outDir' | 'clock'>,
    kept: Pick<RunReport, 'after' | 'typeBySegment'>,
    reason: string
): Promise<RunReport> {
    const files = await outputFiles(options.outDir);
    const report = emptyReport({ ...options, dryRun: false }, files);
    report.changeCheck = { readInFull: false, reason };
    report.estimate = { status: 'skipped', reason: 'nothing changed' };
    report.before = kept.after;
    report.after = kept.after;
    report.typeBySegment = kept.typeBySegment;
    await new CsvFileWriter(files.brandDetailUpdates, ['Id', ...OWNED_FIELDS]).close();
    await new CsvFileWriter(files.potentialUpserts, POTENTIAL_UPSERT_COLUMNS).close();
    await new CsvFileWriter(files.errors, ERROR_COLUMNS).close();
    if (options.writer) Object.assign(report.api, await options.writer.usage());
    await writeReports(report, options.config);
    return report;
}

async function writeReports(report: RunReport, config: SegmentationConfig): Promise<void> {
    await writeFile(report.files.report, `${JSON.stringify(report, null, 2)}\n`);
    const { winBack, get, grow, keep } = config.customerTypes;
    await writeFile(
        report.files.html,
        renderHtmlReport(report, {
            simulation: report.dryRun,
            typeOrder: [winBack, get, grow, keep],
            segmentOrder: config.segments.map((segment) => segment.name)
        })
    );
}

async function estimateStage(
    options: RunOptions,
    installers: InstallerTable,
    file: string,
    report: RunReport
): Promise<EstimateSummary> {
    const upserts = new CsvFileWriter(file, POTENTIAL_UPSERT_COLUMNS);
    try {
        if (!options.estimate) {
            return { status: 'skipped', reason: '--no-estimate' };
        }
        const { summary, rows } = options.estimate(installers);
        const { config } = options;
        for (const row of rows) {
            const accountId = installers.id(row.accountIndex);
            // Account__c (master-detail, not reparentable) is only given for a new row: an org refuses it on an
            // update even when unchanged, and an empty cell leaves the existing row's parent as it is.
            const exists =
                (installers.estimateRowMask(row.accountIndex) &
                    (1 << installers.brands.indexOf(row.brand))) !==
                0;
            if (!exists) report.records.potentialsNew++;
            await upserts.write([
                `${accountId}|${config.boilerProductGroup}|${row.brand}`,
                exists ? '' : accountId,
                config.boilerProductGroup,
                row.brand,
                row.units,
                config.potentialSources.estimate
            ]);
        }
        report.records.potentialsToUpsert = upserts.rows;
        return summary;
    } finally {
        await upserts.close();
    }
}

async function writeStage(
    writer: RecordWriter,
    report: RunReport,
    files: RunReport['files'],
    reject: (problem: RecordProblem) => Promise<void>,
    progress: Progress
): Promise<void> {
    const run = async (
        object: string,
        operation: 'update' | 'upsert',
        keyField: string,
        file: string,
        rows: number
    ) => {
        const stage = `Write ${object}`;
        if (rows === 0) return { written: 0, failed: 0, jobs: [] };
        const outcome = await writer.send(
            { object, operation, keyField, file, rows },
            (failure) => reject({ id: failure.key, object, field: '', reason: failure.reason }),
            (written, failed) => progress.update(stage, { rows, written, failed })
        );
        progress.done(stage, { rows, written: outcome.written, failed: outcome.failed });
        report.jobs.push(...outcome.jobs.map((job) => ({ object, ...job })));
        return outcome;
    };
    const potentials = await run(
        'Potential__c',
        'upsert',
        'Key__c',
        files.potentialUpserts,
        report.records.potentialsToUpsert
    );
    report.records.potentialsWritten = potentials.written;
    report.records.failed += potentials.failed;
    const details = await run(
        'Brand_Detail__c',
        'update',
        'Id',
        files.brandDetailUpdates,
        report.records.changed
    );
    report.records.written = details.written;
    report.records.failed += details.failed;
    if (potentials.error ?? details.error) {
        throw potentials.error ?? details.error;
    }
}

function outcomeOf(
    report: RunReport,
    stopped: { status: ExitStatus; reason: string } | undefined
): RunReport['outcome'] {
    if (stopped) {
        const status = stopped.status === 'refused' ? 'refused' : 'failed';
        return { status, exitCode: EXIT_CODES[stopped.status].code, reason: stopped.reason };
    }
    const { rejected, failed } = report.records;
    if (report.estimate.status === 'refused') {
        // The installers sales filled in are classified; the others stay without potential until it can be learned.
        return {
            status: 'partial',
            exitCode: EXIT_CODES.partial.code,
            reason: `estimate refused: ${report.estimate.reason}`
        };
    }
    if (rejected + failed > 0) {
        return {
            status: 'partial',
            exitCode: EXIT_CODES.partial.code,
            reason: `${rejected} input records rejected, ${failed} writes failed: see ${report.files.errors}`
        };
    }
    return { status: 'ok', exitCode: EXIT_CODES.ok.code, reason: EXIT_CODES.ok.text };
}
