import { readFile } from 'node:fs/promises';
import { runUnlessUnchanged } from './changeCheck.ts';
import { loadConfig, ConfigError } from './config.ts';
import { parseCli, HELP, UsageError, type CliOptions } from './cli.ts';
import { CsvFileError } from './csv.ts';
import { EXIT_CODES } from './exitCodes.ts';
import { OrgApiError } from './org/api.ts';
import { openOrg } from './org/connect.ts';
import { API_VERSION, DEFAULT_CONFIG_FILE, PACKAGE_VERSION, RULES_MODULE } from './paths.ts';
import { readPicklists, type Picklists } from './picklists.ts';
import { fingerprintOf, stateFile } from './runState.ts';
import { runReclassification, type Clock, type EstimateStage } from './pipeline.ts';
import { formatSummary, type RunReport } from './report.ts';
import { csvSource, DEFAULT_TUNING, orgSource, orgWriter, type OrgTuning } from './sources.ts';
import { estimateStage } from './estimateStage.ts';
import { silentProgress, stderrProgress } from './progress.ts';
import { acquireRunLock, orgLockKey, RunLockedError } from './runLock.ts';
import { failureReason } from './messages.ts';
import type { SegmentationConfig } from '../../force-app/main/default/lwc/segmentRules/segmentRules.js';

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
            forceEstimate: options.forceEstimate
        })
    ]);
}

function refuse(io: Io, reason: string): number {
    io.stderr(`Refused: ${reason}\n${EXIT_CODES.refused.next}\n`);
    return EXIT_CODES.refused.code;
}

/** `npm run reclassify`: parse, load the config, open the source, run, report. Returns the exit code. */
export async function reclassify(argv: string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
    let options: CliOptions | 'help';
    try {
        options = parseCli(argv, env);
    } catch (error) {
        if (error instanceof UsageError) return refuse(io, error.message);
        throw error;
    }
    if (options === 'help') {
        io.stdout(HELP);
        return EXIT_CODES.ok.code;
    }
    const log = options.json ? () => undefined : (line: string) => io.stderr(`${line}\n`);
    const configFile = options.configFile ?? DEFAULT_CONFIG_FILE;
    let report: RunReport;
    let config: SegmentationConfig;
    try {
        const picklists = readPicklists();
        config = loadConfig(configFile, picklists);
        const progress = options.json ? silentProgress : stderrProgress(io.stderr, io.isTTY ?? false);
        const base = {
            config,
            configFile,
            picklists,
            outDir: options.outDir,
            clock: clockAt(options.now),
            progress,
            dryRun: options.dryRun
        };
        const estimate: EstimateStage | undefined = options.estimate
            ? estimateStage(config, { reestimate: options.reestimate, force: options.forceEstimate })
            : undefined;
        if (options.source.kind === 'csv') {
            const source = csvSource(options.source.dir);
            report = await runReclassification({
                ...base,
                source,
                estimate,
                readInFullBecause: 'a CSV folder is always read in full'
            });
        } else {
            const tuning = tuningOf(options);
            const { label } = options.source;
            // The org's identity, not the way it was reached, names the lock: an alias and a URL are one org.
            const { api, identity } = await openOrg(options.source.auth, {
                maxRequests: options.maxApiRequests,
                signal: io.signal
            });
            const lock = options.dryRun ? undefined : await acquireRunLock(orgLockKey(identity), label);
            if (lock?.tookOverFrom)
                log(
                    `Took over the lock of pid ${lock.tookOverFrom.pid}, which no longer runs (${lock.file})`
                );
            try {
                const source = orgSource(api, label, tuning);
                if (lock) {
                    const writer = orgWriter(api, tuning, io.signal);
                    const check = {
                        api,
                        stateFile: stateFile(lock.file),
                        fingerprint: await fingerprint(configFile, picklists, options),
                        now: options.now,
                        full: options.full
                    };
                    report = await runUnlessUnchanged(check, { ...base, source, writer }, (extra, counted) =>
                        runReclassification({
                            ...base,
                            source: orgSource(api, label, tuning, counted),
                            writer,
                            estimate,
                            ...extra
                        })
                    );
                } else {
                    report = await runReclassification({
                        ...base,
                        source,
                        estimate,
                        readInFullBecause: '--dry-run reads everything'
                    });
                }
            } finally {
                await lock?.release();
            }
        }
    } catch (error) {
        if (error instanceof ConfigError || error instanceof CsvFileError) return refuse(io, error.message);
        if (error instanceof RunLockedError) {
            io.stderr(`Busy: ${error.message}\n${EXIT_CODES.busy.next}\n`);
            return EXIT_CODES.busy.code;
        }
        if (error instanceof OrgApiError && error.code === 'API_VERSION_NOT_SERVED') {
            return refuse(io, failureReason(error));
        }
        if (error instanceof OrgApiError) {
            io.stderr(`Failed: ${failureReason(error)}\n${EXIT_CODES.failed.next}\n`);
            return EXIT_CODES.failed.code;
        }
        throw error;
    }
    if (options.json) {
        io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    } else {
        const types = [
            config.customerTypes.winBack,
            config.customerTypes.get,
            config.customerTypes.grow,
            config.customerTypes.keep
        ];
        io.stdout(
            `${formatSummary(
                report,
                types,
                config.segments.map((segment) => segment.name)
            )}\n`
        );
    }
    if (report.outcome.exitCode !== 0) {
        io.stderr(`${report.outcome.reason}\n`);
    }
    return report.outcome.exitCode;
}
