import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
    customerTypeOrder,
    type SegmentationConfig
} from '../../../force-app/main/default/lwc/segmentRules/segmentRules.js';
import { checkForChanges, keepState, type KeptState, type ReadNight } from './changeCheck.ts';
import type { DetailAccounts } from './brandDetails.ts';
import { classifyAll, prepareNothing, type Clock, type Plan } from './classifyStage.ts';
import { parseCli, HELP, UsageError, type CliOptions } from './cli.ts';
import { loadConfig, ConfigError } from '../config.ts';
import { CsvFileError } from '../csv.ts';
import { estimateInstallers } from './estimateStage.ts';
import { EXIT_CODES, type ExitStatus } from '../exitCodes.ts';
import { renderHtmlReport } from './htmlReport.ts';
import { failureReason } from './messages.ts';
import type { ObjectCounts, ObjectName } from '../objects.ts';
import { OrgApiError } from '../org/api.ts';
import { openOrg } from '../org/connect.ts';
import { API_VERSION, DEFAULT_CONFIG_FILE, PACKAGE_VERSION, RULES_MODULE } from '../paths.ts';
import { readPicklists, type Picklists } from '../picklists.ts';
import { silentProgress, stderrProgress, type Progress } from './progress.ts';
import { InputFilesError, readInput } from './readStage.ts';
import { formatSummary, type RunReport } from './report.ts';
import { RunFolder } from './runFolder.ts';
import { acquireRunLock, lockFileOf, orgLockKey, RunLockedError, type RunLock } from './runLock.ts';
import { prepareNoFollowUps } from './followUpStage.ts';
import { fingerprintOf, lastCompleteFile, readLastComplete, stateFile } from './runState.ts';
import { safetyStop } from './safetyStop.ts';
import {
    csvSource,
    DEFAULT_TUNING,
    orgSource,
    orgWriter,
    type OrgSource,
    type OrgTuning,
    type RecordSource,
    type RecordWriter
} from './sources.ts';
import { RunTally } from './tally.ts';
import { writeAll } from './writeStage.ts';

export type Io = {
    stdout: (text: string) => void;
    stderr: (text: string) => void;
    signal?: AbortSignal;
    isTTY?: boolean;
};

/** The sales team works in Dutch time: a type change is dated by the day in Amsterdam. */
export function clockAt(now: Date): Clock {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now);
    return { now: now.toISOString(), today };
}

/**
 * `npm run reclassify`: parse the options, run the night, print its report. Returns the exit code; every path
 * prints one line on stderr when it is not 0, and under --json one JSON document.
 */
export async function reclassify(argv: string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
    let options: CliOptions | 'help';
    try {
        options = parseCli(argv, env);
    } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        return printEarly(io, argv.includes('--json'), 'refused', error.message);
    }
    if (options === 'help') {
        io.stdout(HELP);
        return EXIT_CODES.ok.code;
    }
    try {
        return printReport(io, options, await runNight(options, io));
    } catch (error) {
        if (error instanceof UsageError) return printEarly(io, options.json, 'refused', error.message);
        if (!(error instanceof RunLockedError)) throw error;
        return printEarly(io, options.json, 'busy', error.message);
    }
}

/** Everything one night needs, once the config is loaded and the source open. */
type Night = {
    options: CliOptions;
    config: SegmentationConfig;
    picklists: Picklists;
    clock: Clock;
    folder: RunFolder;
    tally: RunTally;
    progress: Progress;
    source: RecordSource;
    /** An org (absent for a CSV folder); its writer and kept state only when the night may write. */
    org?: OrgSource;
    writer?: RecordWriter;
    kept?: KeptState;
    lastComplete?: ObjectCounts;
    /** The org's run lock, held from the moment the org is known until the night's files are published. */
    lock?: RunLock;
};

/**
 * Opens the --out folder, runs the night, keeps the state, writes the reports once and publishes the files.
 * Another run of the same org (RunLockedError) leaves --out as it was.
 */
async function runNight(options: CliOptions, io: Io): Promise<RunReport> {
    const clock = clockAt(options.now);
    const folder = await openOutFolder(options.outDir);
    const tally = new RunTally({
        source: { kind: options.source.kind, label: options.source.label },
        dryRun: options.dryRun,
        configFile: options.configFile ?? DEFAULT_CONFIG_FILE,
        startedAt: clock.now,
        axes: { customerTypes: [], segments: [] },
        instanceUrl: null,
        safetyStop: options.massChange,
        folder
    });
    let night: Night | undefined;
    let read: ReadNight | 'unchanged' | undefined;
    try {
        night = await openNight(options, io, { clock, folder, tally });
        read = await reclassifyNight(night);
    } catch (error) {
        if (error instanceof RunLockedError) {
            await tally.finish();
            await folder.discard();
            throw error;
        }
        await stopped(tally, error, io);
    }
    try {
        if (night?.org) tally.api(await night.org.usage());
        const report = await tally.finish();
        if (night?.kept) await keepState(night.kept, read, report);
        await writeFile(folder.stagingPath('report'), `${JSON.stringify(report, null, 2)}\n`);
        await writeFile(folder.stagingPath('html'), renderHtmlReport(report, { simulation: report.dryRun }));
        await folder.publish(tally.files);
        return report;
    } finally {
        await night?.lock?.release();
    }
}

/** The --out folder, or a usage error naming it: without a folder there is no report to write. */
async function openOutFolder(dir: string): Promise<RunFolder> {
    try {
        return await RunFolder.open(dir);
    } catch (error) {
        throw new UsageError(`cannot write into --out ${dir}: ${(error as Error).message}`);
    }
}

/**
 * One night, stage by stage: take the snapshot → decide (unchanged / full) → read and check → estimate →
 * classify → safety stop → write. Returns what keeping the state needs (undefined: the safety stop held it).
 */
async function reclassifyNight(night: Night): Promise<ReadNight | 'unchanged' | undefined> {
    const { options, tally, progress } = night;
    const check = night.org && night.kept ? await checkForChanges(night.org, night.kept) : undefined;
    if (check?.kind === 'unchanged') {
        tally.unchanged(check.reason, check.state);
        await prepareNothing(night.folder, tally);
        if (options.createTasks) await prepareNoFollowUps(night.folder, tally);
        return 'unchanged';
    }
    tally.readInFull(check?.reason ?? readInFullBecause(options));
    const { plan, detailAccounts } = await classifyNight(night);
    const read = readCounts(tally.report);
    const stop = safetyStop(plan, read, night.lastComplete, options.massChange);
    tally.safetyStop(stop);
    if (stop.stopped) {
        tally.holdBackPrepared();
        tally.end('stopped', `Safety stop: ${stop.reason}. Nothing was written.`);
        return undefined;
    }
    if (night.writer)
        await writeAll(night.writer, plan, { detailAccounts, folder: night.folder }, tally, progress);
    const end = night.writer && night.org ? await night.org.snapshot() : undefined;
    return check ? { start: check.start, end, read } : undefined;
}

/**
 * Read and check → estimate → classify. The tables of installers and brand details live only in here: the
 * write stage keeps whose brand details they are, nothing else (see DetailAccounts).
 */
async function classifyNight(night: Night): Promise<{ plan: Plan; detailAccounts: DetailAccounts }> {
    const { options, tally, progress } = night;
    const input = await readInput(night.source, { ...night, owners: options.createTasks }, tally, progress);
    tally.estimate(
        estimateInstallers(input.installers, night.config, {
            estimate: options.estimate,
            reestimate: options.reestimate,
            force: options.forceEstimate
        })
    );
    const plan = await classifyAll(input, { ...night, createTasks: options.createTasks }, tally, progress);
    return { plan, detailAccounts: input.brandDetails.detailAccounts(input.installers.idColumn) };
}

/** Loads the config and opens the source; for an org that may be written, also its kept state. */
async function openNight(
    options: CliOptions,
    io: Io,
    base: Pick<Night, 'clock' | 'folder' | 'tally'>
): Promise<Night> {
    const picklists = readPicklists();
    const configFile = options.configFile ?? DEFAULT_CONFIG_FILE;
    const config = loadConfig(configFile, picklists);
    base.tally.axes({
        customerTypes: customerTypeOrder(config),
        segments: config.segments.map((s) => s.name)
    });
    const progress = options.json ? silentProgress : stderrProgress(io.stderr, io.isTTY ?? false);
    const night = { ...base, options, config, picklists, progress };
    if (options.source.kind === 'csv')
        return { ...night, source: csvSource(options.source.dir, options.source.label) };
    const { api, identity } = await openOrg(options.source.auth, {
        maxRequests: options.maxApiRequests,
        signal: io.signal
    });
    const org = orgSource(api, options.source.label, tuningOf(options));
    base.tally.connected(org.instanceUrl ?? null);
    // The org's identity, not the way it was reached, names the lock and the kept state.
    const key = orgLockKey(identity);
    const lockFile = lockFileOf(key, options.stateDir);
    const lastComplete = await readLastComplete(lastCompleteFile(lockFile));
    const opened = { ...night, source: org, org, lastComplete };
    if (options.dryRun) return opened;
    const kept: KeptState = {
        stateFile: stateFile(lockFile),
        lastCompleteFile: lastCompleteFile(lockFile),
        fingerprint: await fingerprint(configFile, picklists, options),
        now: options.now,
        today: base.clock.today,
        full: options.full
    };
    // The last step: from here the lock is released when the night's files are published.
    const lock = await acquireRunLock(key, options.source.label, options.stateDir);
    if (lock.tookOverFrom && !options.json)
        io.stderr(
            `Took over the lock of pid ${lock.tookOverFrom.pid}, which no longer runs (${lock.file})\n`
        );
    return { ...opened, writer: orgWriter(api, tuningOf(options), io.signal), kept, lock };
}

function readInFullBecause(options: CliOptions): string {
    return options.source.kind === 'csv'
        ? 'a CSV folder is always read in full'
        : '--dry-run reads everything';
}

function readCounts(report: RunReport): Record<ObjectName, number> {
    const { records } = report;
    return {
        Account: records.accountsRead,
        Potential__c: records.potentialsRead,
        Brand_Detail__c: records.brandDetailsRead
    };
}

function tuningOf(options: CliOptions): OrgTuning {
    return {
        ...DEFAULT_TUNING,
        bulkQueryFromRecords: options.bulkQueryFrom ?? DEFAULT_TUNING.bulkQueryFromRecords,
        bulkWriteFromRows: options.bulkWriteFrom ?? DEFAULT_TUNING.bulkWriteFromRows,
        poll: { ...DEFAULT_TUNING.poll, timeoutMs: options.pollTimeoutMs ?? DEFAULT_TUNING.poll.timeoutMs }
    };
}

/** Everything besides the org's records that decides what a run writes; see runState.ts. */
async function fingerprint(configFile: string, picklists: Picklists, options: CliOptions): Promise<string> {
    return fingerprintOf([
        await readFile(configFile),
        await readFile(RULES_MODULE),
        JSON.stringify(picklists),
        JSON.stringify({
            version: PACKAGE_VERSION,
            apiVersion: API_VERSION,
            estimate: options.estimate,
            reestimate: options.reestimate,
            forceEstimate: options.forceEstimate,
            createTasks: options.createTasks
        })
    ]);
}

/** Why the night stopped, as its outcome: refused (the input or config), or failed (the org, a signal, a fault). */
async function stopped(tally: RunTally, error: unknown, io: Io): Promise<void> {
    if (error instanceof InputFilesError || error instanceof ConfigError) {
        tally.end('refused', error.message);
    } else if (error instanceof OrgApiError && error.code === 'API_VERSION_NOT_SERVED') {
        tally.end('refused', failureReason(error));
    } else if (error instanceof CsvFileError) {
        await tally.fileFault(path.basename(error.file, '.csv'), error.message);
        tally.end('refused', error.message);
    } else {
        if (!(error instanceof OrgApiError) && !io.signal?.aborted) io.stderr(`${(error as Error).stack}\n`);
        tally.end('failed', failureReason(error));
    }
}

const STATUS_LABEL: Record<ExitStatus, string> = {
    ok: 'Done',
    partial: 'Partly done',
    failed: 'Failed',
    refused: 'Refused',
    busy: 'Busy',
    stopped: 'Stopped'
};

/** The end of a run that has a report: the summary (or the JSON) on stdout, the reason on stderr. */
function printReport(io: Io, options: CliOptions, report: RunReport): number {
    const { outcome } = report;
    if (options.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    else if (outcome.status !== 'refused') io.stdout(`${formatSummary(report)}\n`);
    if (outcome.exitCode !== 0) io.stderr(oneLine(outcome.status, outcome.reason, outcome.next));
    return outcome.exitCode;
}

/**
 * What a run that did not end ok says on stderr: one line, the last, with why and what to do next (the reason's
 * own next step when it has one, e.g. the advice for an expired session, else the exit code's).
 */
function oneLine(status: ExitStatus, reason: string, next: string): string {
    return `${STATUS_LABEL[status]}: ${reason}${reason.includes(' — ') ? '' : ` — ${next}`}\n`;
}

/** The end of a run refused before it had a folder (a usage error, another run of the org): no files. */
function printEarly(io: Io, json: boolean, status: 'refused' | 'busy', reason: string): number {
    const { code, next } = EXIT_CODES[status];
    if (json) {
        const outcome = { status, exitCode: code, reason, next };
        io.stdout(`${JSON.stringify({ reportVersion: 2, outcome }, null, 2)}\n`);
    }
    io.stderr(oneLine(status, reason, next));
    return code;
}
