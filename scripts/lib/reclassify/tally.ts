import { CsvFileWriter } from '../csv.ts';
import { EXIT_CODES, type ExitStatus } from '../exitCodes.ts';
import { zeroCounts, type ObjectName } from '../objects.ts';
import type { FieldProblem } from './records.ts';
import type { Verdict } from './followUpDecisions.ts';
import {
    increment,
    MAX_LISTED,
    noFollowUps,
    NONE,
    type EstimateSummary,
    type HeldInstaller,
    type RunReport,
    type SafetyStopReport
} from './report.ts';
import type { RunFile, RunFolder } from './runFolder.ts';

/** One rejected input record: where it is (its Id, its file line) and what is wrong with it, field by field. */
export type Rejection = {
    object: ObjectName;
    id: string | null;
    /** The file line it starts on (a CSV export); undefined for an org. */
    line: number | undefined;
    problems: FieldProblem[];
};

/** A classification as the report counts it: Type klant and segment. */
export type Labels = { customerType: string | null; segment: string | null };

/** What became of one brand detail tonight. */
export type DetailOutcome =
    | { kind: 'held' }
    | { kind: 'locked'; wouldChange: boolean }
    | { kind: 'classified'; after: Labels; changed: boolean; downgrade?: RunReport['downgrades'][number] };

const ERROR_COLUMNS = ['Id', 'Object', 'Line', 'Field', 'Value', 'Reason'];
/** The files a night prepares for the org: left in --out only when it has them and was not stopped. */
const PREPARED_FILES = [
    'brandDetailUpdates',
    'potentialKeys',
    'potentialUpserts',
    'followUpsWanted',
    'followUpInserts'
] as const;

export type TallyStart = Pick<RunReport, 'source' | 'dryRun' | 'configFile' | 'axes' | 'instanceUrl'> & {
    startedAt: string;
    safetyStop: Pick<SafetyStopReport, 'limit' | 'allowed'>;
    folder: RunFolder;
};

/**
 * The run report under construction: every stage tells it what happened, and it alone counts, lists and
 * writes errors.csv, so that the report is tallied in one place and written once, at the end.
 */
export class RunTally {
    readonly report: RunReport;
    private readonly errors: CsvFileWriter;
    /** The files the run leaves in --out (errors.csv and the reports always). */
    readonly files = new Set<RunFile>(['errors', 'report', 'html']);
    private readonly started = Date.now();

    constructor(start: TallyStart) {
        const { folder } = start;
        this.errors = new CsvFileWriter(folder.stagingPath('errors'), ERROR_COLUMNS);
        this.report = {
            reportVersion: 2,
            source: start.source,
            dryRun: start.dryRun,
            configFile: start.configFile,
            startedAt: start.startedAt,
            finishedAt: start.startedAt,
            durationMs: 0,
            axes: start.axes,
            records: {
                accountsRead: 0,
                potentialsRead: 0,
                brandDetailsRead: 0,
                rejected: 0,
                rejectedByObject: zeroCounts(),
                heldInstallers: 0,
                held: 0,
                changed: 0,
                unchanged: 0,
                locked: 0,
                lockedWouldChange: 0,
                written: 0,
                failed: 0,
                potentialsToUpsert: 0,
                potentialsNew: 0,
                potentialsToKey: 0,
                potentialsWritten: 0
            },
            held: [],
            safetyStop: {
                ...start.safetyStop,
                classified: 0,
                clears: 0,
                shrunk: [],
                stopped: false,
                reason: null
            },
            changeCheck: { readInFull: true, reason: 'the run stopped before its change check' },
            estimate: { status: 'skipped', reason: 'the run stopped before the estimate' },
            before: { customerType: {}, segment: {} },
            after: { customerType: {}, segment: {} },
            transitions: {},
            typeBySegment: {},
            downgrades: [],
            downgradeCount: 0,
            tasks: noFollowUps(),
            instanceUrl: start.instanceUrl,
            api: { requests: 0, byKind: {}, dailyMax: null, dailyRemaining: null },
            jobs: [],
            files: {
                brandDetailUpdates: folder.finalPath('brandDetailUpdates'),
                potentialKeys: folder.finalPath('potentialKeys'),
                potentialUpserts: folder.finalPath('potentialUpserts'),
                followUpsWanted: folder.finalPath('followUpsWanted'),
                followUpInserts: folder.finalPath('followUpInserts'),
                errors: folder.finalPath('errors'),
                report: folder.finalPath('report'),
                html: folder.finalPath('html')
            },
            outcome: { status: 'ok', exitCode: 0, reason: EXIT_CODES.ok.text, next: '' }
        };
    }

    /** The order of the report's tables, once the config is known. */
    axes(axes: RunReport['axes']): void {
        this.report.axes = axes;
    }

    /** The org's address, once connected: the report links each record. */
    connected(instanceUrl: string | null): void {
        this.report.instanceUrl = instanceUrl;
    }

    /** The prepared files are not left in --out (the safety stop): nobody can load them by mistake. */
    holdBackPrepared(): void {
        for (const file of PREPARED_FILES) this.files.delete(file);
    }

    readInFull(reason: string): void {
        this.report.changeCheck = { readInFull: true, reason };
    }

    /**
     * Nothing changed since the last complete run: its distributions stand, nothing is read or written, and no
     * visit has become due since (its tasks were made then).
     */
    unchanged(
        reason: string,
        kept: Pick<RunReport, 'after' | 'typeBySegment'> & { nextVisitDue?: string | null }
    ): void {
        this.report.changeCheck = { readInFull: false, reason };
        this.report.estimate = { status: 'skipped', reason: 'nothing changed' };
        this.report.before = kept.after;
        this.report.after = kept.after;
        this.report.typeBySegment = kept.typeBySegment;
        this.report.tasks.nextVisitDue = kept.nextVisitDue ?? null;
    }

    /** --create-tasks: the night plans follow-up tasks and leaves the list of those it wants. */
    tasksRequested(): void {
        this.report.tasks.requested = true;
        this.files.add('followUpsWanted');
    }

    /** A task tonight's classification wants (a visit due, a drop), and the next day a visit becomes due. */
    taskWanted(reason: string): void {
        const { tasks } = this.report;
        tasks.wanted++;
        increment(tasks.wantedByReason, reason);
    }

    visitDueLater(date: string): void {
        const { tasks } = this.report;
        if (tasks.nextVisitDue === null || date < tasks.nextVisitDue) tasks.nextVisitDue = date;
    }

    /** What the tasks already in the org say about a wanted task (a created one is counted once it is written). */
    taskVerdict(verdict: Exclude<Verdict, 'create'>): void {
        this.report.tasks[verdict]++;
    }

    /** Tasks inserted, and the ingest jobs that did it. */
    tasksSent(written: number, jobs: readonly { id: string; state: string }[]): void {
        this.report.tasks.created += written;
        this.report.jobs.push(...jobs.map((job) => ({ object: 'Task', ...job })));
    }

    /** A task the org refused (or never processed): a line in errors.csv with the brand detail it is about. */
    async taskFailed(brandDetailId: string, reason: string): Promise<void> {
        this.report.tasks.failed++;
        await this.errors.write([brandDetailId, 'Task', '', '', '', reason]);
    }

    /** Records read of one object, rejected ones included; returns the count so far. */
    read(object: ObjectName): number {
        const { records } = this.report;
        if (object === 'Account') return ++records.accountsRead;
        if (object === 'Potential__c') return ++records.potentialsRead;
        return ++records.brandDetailsRead;
    }

    /** A rejected input record: counted once, a line per faulty field in errors.csv. */
    async reject(rejection: Rejection): Promise<void> {
        this.report.records.rejected++;
        this.report.records.rejectedByObject[rejection.object]++;
        for (const problem of rejection.problems) {
            await this.errors.write([
                rejection.id ?? '',
                rejection.object,
                rejection.line ?? '',
                problem.field,
                problem.value,
                problem.reason
            ]);
        }
    }

    /** An input file that cannot be read at all (named by its object): the run is refused. */
    async fileFault(object: string, reason: string): Promise<void> {
        await this.errors.write(['', object, '', '(file)', '', reason]);
    }

    /** A record the org refused (or never processed) when writing. */
    async writeFailed(object: string, key: string, reason: string): Promise<void> {
        this.report.records.failed++;
        await this.errors.write([key, object, '', '', '', reason]);
    }

    /** A held installer and its brand details: a line each in errors.csv that names the rejected row. */
    async held(installer: HeldInstaller, detailIds: readonly string[]): Promise<void> {
        const { records } = this.report;
        if (records.heldInstallers++ < MAX_LISTED) this.report.held.push(installer);
        for (const id of detailIds) {
            records.held++;
            const name = installer.accountName === null ? '' : ` (${installer.accountName})`;
            await this.errors.write([
                id,
                'Brand_Detail__c',
                '',
                '',
                '',
                `held: installer ${installer.accountId}${name} has a rejected input row: ${installer.because}; nothing of this installer is written tonight`
            ]);
        }
    }

    /**
     * One brand detail's before and after, as the distributions, transitions and downgrades count it. A locked or
     * held record keeps what it has (it is not written), so the transitions off the diagonal are changed records
     * only; a locked record that would change is counted apart (lockedWouldChange).
     */
    brandDetail(stored: Labels, outcome: DetailOutcome): void {
        const { report } = this;
        const { records } = report;
        const after = outcome.kind === 'classified' ? outcome.after : stored;
        increment(report.before.customerType, stored.customerType);
        increment(report.before.segment, stored.segment);
        increment(report.after.customerType, after.customerType);
        increment(report.after.segment, after.segment);
        increment((report.transitions[stored.customerType ?? NONE] ??= {}), after.customerType);
        increment((report.typeBySegment[after.customerType ?? NONE] ??= {}), after.segment);
        if (outcome.kind === 'locked') {
            records.locked++;
            if (outcome.wouldChange) records.lockedWouldChange++;
        } else if (outcome.kind === 'classified') {
            if (outcome.changed) records.changed++;
            else records.unchanged++;
            if (outcome.downgrade && report.downgradeCount++ < MAX_LISTED)
                report.downgrades.push(outcome.downgrade);
        }
    }

    /** An estimate row prepared: upserted on an existing key, upserted as a new row, or given its key by Id. */
    estimateRow(how: 'byKey' | 'new' | 'byId'): void {
        const { records } = this.report;
        if (how === 'byId') {
            records.potentialsToKey++;
            return;
        }
        records.potentialsToUpsert++;
        if (how === 'new') records.potentialsNew++;
    }

    /** What one prepared file's write did: records written (and failed, counted one by one), ingest jobs. */
    sent(object: string, written: number, jobs: readonly { id: string; state: string }[]): void {
        const { records } = this.report;
        if (object === 'Brand_Detail__c') records.written += written;
        else records.potentialsWritten += written;
        this.report.jobs.push(...jobs.map((job) => ({ object, ...job })));
    }

    /** The org's count of the API requests the run used. */
    api(usage: RunReport['api']): void {
        this.report.api = usage;
    }

    estimate(summary: EstimateSummary): void {
        this.report.estimate = summary;
    }

    safetyStop(
        result: Pick<SafetyStopReport, 'classified' | 'clears' | 'shrunk' | 'stopped' | 'reason'>
    ): void {
        Object.assign(this.report.safetyStop, result);
    }

    /** How the run ended; the first stop is the one reported. */
    end(status: Exclude<ExitStatus, 'ok' | 'partial'>, reason: string): void {
        if (this.report.outcome.status !== 'ok') return;
        const code = EXIT_CODES[status];
        this.report.outcome = { status, exitCode: code.code, reason, next: code.next };
    }

    /** Closes errors.csv and settles the outcome: ok, or partial when records were rejected, held or failed. */
    async finish(): Promise<RunReport> {
        await this.errors.close();
        const { report } = this;
        report.durationMs = Date.now() - this.started;
        report.finishedAt = new Date(Date.parse(report.startedAt) + report.durationMs).toISOString();
        if (report.outcome.status === 'ok') report.outcome = settledOutcome(report);
        for (const file of PREPARED_FILES) {
            if (!this.files.has(file)) report.files[file] = null;
        }
        return report;
    }
}

/** A run that was not stopped: ok, or partial (exit 1) when anything was rejected, held or failed. */
function settledOutcome(report: RunReport): RunReport['outcome'] {
    const { rejected, failed, heldInstallers } = report.records;
    const partial = EXIT_CODES.partial;
    if (report.estimate.status === 'refused') {
        // The installers sales filled in are classified; the others stay without potential until it can be learned.
        return {
            status: 'partial',
            exitCode: partial.code,
            reason: `estimate refused: ${report.estimate.reason}`,
            next: partial.next
        };
    }
    const taskFailures = report.tasks.failed;
    if (rejected + failed + taskFailures > 0) {
        const held = heldInstallers > 0 ? ` (${heldInstallers} installers held)` : '';
        const tasks = taskFailures > 0 ? `, ${taskFailures} follow-up tasks not created` : '';
        return {
            status: 'partial',
            exitCode: partial.code,
            reason: `${rejected} input records rejected${held}, ${failed} writes failed${tasks}: see ${report.files.errors}`,
            next: partial.next
        };
    }
    const reason = report.changeCheck.readInFull
        ? EXIT_CODES.ok.text
        : 'nothing changed since the last complete run, so nothing was read or written';
    return { status: 'ok', exitCode: EXIT_CODES.ok.code, reason, next: '' };
}
