import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../scripts/lib/paths.ts';
import type { RunReport } from '../scripts/lib/reclassify/report.ts';
import { measureChild } from './child.ts';
import { CHANGE_FILE, dataSet, type DataSet } from './data.ts';
import { machine, measurement, ratios, summarize, type Measurement, type PhaseSummary } from './metrics.ts';
import {
    checkTargets,
    writtenBesidesTasks,
    renderReadmeTable,
    renderScaling,
    renderTargets,
    updateMarkedSection,
    type BenchResult,
    type ResultsFile
} from './render.ts';
import { startStandinProcess } from './standin.ts';

/**
 * `npm run bench -- --brand-details N [--runs K] [--json]`: the nightly reclassification against a synthetic
 * org of N brand details, served by the stand-in in its own process, next to the naive baseline
 * (bench/baseline.ts). See bench/README.md for what each figure means.
 */
const USAGE = `Usage: npm run bench -- --brand-details N [options]
  --brand-details N     size of the synthetic org in brand details (default 100000)
  --runs K              repetitions; timings are the minimum, ratios the least favourable run (default 3)
  --seed S              generator seed (default 1)
  --change-share F      share of brand details whose installer's potential changes before the nightly run (default 0.05)
  --no-baseline         measure the command only
  --create-tasks        the command's nights with --create-tasks (follow-up tasks); shown, never recorded
  --smoke               20,000 brand details, one run, nothing recorded; fails when a phase fails (CI)
  --no-record           do not update bench/results.json, bench/README.md and bench/scaling.md
  --render              only redraw the tables in bench/README.md and bench/scaling.md from bench/results.json
  --json                print the result as JSON on stdout
`;

const { values } = parseArgs({
    options: {
        'brand-details': { type: 'string' },
        runs: { type: 'string' },
        seed: { type: 'string' },
        'change-share': { type: 'string' },
        'no-baseline': { type: 'boolean', default: false },
        'create-tasks': { type: 'boolean', default: false },
        smoke: { type: 'boolean', default: false },
        'no-record': { type: 'boolean', default: false },
        render: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false }
    },
    strict: true
});
if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
}
const whole = (name: string, value: string | undefined, fallback: number) => {
    const number = value === undefined ? fallback : Number(value);
    if (!Number.isInteger(number) || number <= 0)
        throw new Error(`--${name} must be a positive whole number\n${USAGE}`);
    return number;
};
const brandDetails = whole('brand-details', values['brand-details'], values.smoke ? 20_000 : 100_000);
const runs = whole('runs', values.runs, values.smoke ? 1 : 3);
const seed = whole('seed', values.seed, 1);
const changeShare = Number(values['change-share'] ?? 0.05);
if (!(changeShare >= 0 && changeShare <= 1)) throw new Error('--change-share must be between 0 and 1');
const createTasks = values['create-tasks'];
// The recorded tables are the nights without tasks; a night with tasks is measured beside them on demand.
const record = !values.smoke && !values['no-record'] && !createTasks;
const log = (line: string) =>
    process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

const RUNS_DIR = path.join(REPO_ROOT, 'bench/runs');
const RESULTS_FILE = path.join(REPO_ROOT, 'bench/results.json');
/** The run's clock, fixed so that runs are comparable: first run, the next night, the night after. */
const NIGHTS = ['2026-11-25T01:00:00.000Z', '2026-11-26T01:00:00.000Z', '2026-11-27T01:00:00.000Z'] as const;
/** The command's default page sizes are the org's; its heap as its npm script sets it (COMMAND_FLAGS). */
const COMMAND = 'scripts/reclassify.ts';
/** The V8 flags of `npm run reclassify` in package.json (see bench/FINDINGS.md): the command runs as admins run it. */
const COMMAND_FLAGS = (
    JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
        scripts: { reclassify: string };
    }
).scripts.reclassify
    .split(' ')
    .filter((word) => word.startsWith('--'));
const BASELINE = 'bench/baseline.ts';

type Phase = 'first' | 'second' | 'nightly' | 'baseline';
const PHASES: Record<Phase, string> = {
    first: 'command, first run (every brand detail changes)',
    second: 'command, second run (nothing changed: the change check, no read)',
    nightly: 'command, nightly run (a share of installers changed: read in full)',
    baseline: 'baseline: REST query + sObject Collections update of every brand detail'
};

/** With --create-tasks the second night reads in full: visits came due since the first (docs/follow-up-tasks.md). */
function labelOf(phase: Phase): string {
    if (!createTasks || phase === 'baseline') return PHASES[phase];
    if (phase === 'second')
        return 'command with --create-tasks, second run (nothing changed, but visits came due: read in full)';
    return PHASES[phase].replace('command, ', 'command with --create-tasks, ');
}

async function main(): Promise<number> {
    if (values.render) {
        const file = JSON.parse(await readFile(RESULTS_FILE, 'utf8')) as ResultsFile;
        await renderRecorded(file.results);
        await writeFile(RESULTS_FILE, `${JSON.stringify(file, null, 2)}\n`);
        return 0;
    }
    const data = await prepare();
    const measured: Record<Phase, Measurement[]> = { first: [], second: [], nightly: [], baseline: [] };
    const reports: Partial<Record<Phase, RunReport>> = {};
    const loadSeconds: number[] = [];
    for (let run = 1; run <= runs; run++) {
        const out = path.join(RUNS_DIR, 'out', `bd-${brandDetails}`, `run-${run}`);
        await rm(out, { recursive: true, force: true });
        // The command's three nights on one org, as they would follow each other.
        let standin = await startStandinProcess(data.dir);
        loadSeconds.push(standin.loadSeconds);
        log(
            `run ${run}/${runs}: stand-in loaded in ${standin.loadSeconds.toFixed(1)} s at ${standin.instanceUrl}`
        );
        try {
            for (const [phase, now] of [
                ['first', NIGHTS[0]],
                ['second', NIGHTS[1]],
                ['nightly', NIGHTS[2]]
            ] as const) {
                if (phase === 'nightly') {
                    const change = await standin.bulkUpdate('Potential__c', path.join(data.dir, CHANGE_FILE));
                    log(
                        `run ${run}/${runs}: changed ${change.processed} potential rows (${change.failed} failed) for the nightly run`
                    );
                }
                await standin.resetStats();
                const env = { SF_INSTANCE_URL: standin.instanceUrl, SF_ACCESS_TOKEN: standin.accessToken };
                const usage = await measureChild(
                    COMMAND,
                    [
                        ...['--out', path.join(out, phase), '--now', now, '--json'],
                        ...(createTasks ? ['--create-tasks'] : [])
                    ],
                    env,
                    COMMAND_FLAGS
                );
                const result = measurement(usage, await standin.stats());
                measured[phase].push(result);
                reports[phase] = parseReport(usage.stdout, usage.stderr, phase);
                log(`run ${run}/${runs}: ${describe(phase, result)}`);
            }
        } finally {
            await standin.stop();
        }
        if (values['no-baseline']) continue;
        // The baseline on a fresh copy of the same org: what it costs does not depend on what is stored.
        standin = await startStandinProcess(data.dir);
        try {
            await standin.resetStats();
            const env = { SF_INSTANCE_URL: standin.instanceUrl, SF_ACCESS_TOKEN: standin.accessToken };
            const usage = await measureChild(BASELINE, ['--now', NIGHTS[0]], env);
            if (usage.exitCode !== 0)
                throw new Error(`the baseline failed (${usage.exitCode}): ${usage.stderr.slice(-2000)}`);
            const result = measurement(usage, await standin.stats());
            measured.baseline.push(result);
            log(`run ${run}/${runs}: ${describe('baseline', result)}`);
        } finally {
            await standin.stop();
        }
    }

    const phases = Object.fromEntries(
        (Object.keys(measured) as Phase[])
            .filter((phase) => measured[phase].length > 0)
            .map((phase) => [phase, { label: labelOf(phase), ...summarize(measured[phase]) }])
    ) as Partial<Record<Phase, PhaseSummary & { label: string }>>;
    const result: BenchResult = {
        brandDetails,
        seed,
        changeShare,
        createTasks,
        measuredAt: new Date().toISOString(),
        machine: machine(),
        data: {
            accounts: data.counts.Account,
            brandDetails: data.counts.Brand_Detail__c,
            potentials: data.counts.Potential__c,
            installersWithoutPotential: data.installersWithoutPotential,
            nightlyChangedPotentialRows: data.changedPotentialRows,
            nightlyChangedBrandDetails: data.changedBrandDetails,
            nightlyChangedBrandDetailsLocked: data.changedBrandDetailsLocked,
            standinLoadSeconds: Math.round(Math.min(...loadSeconds) * 10) / 10
        },
        runs,
        phases,
        ratiosToBaseline:
            measured.baseline.length > 0
                ? {
                      first: ratios(measured.first, measured.baseline),
                      second: ratios(measured.second, measured.baseline),
                      nightly: ratios(measured.nightly, measured.baseline)
                  }
                : undefined,
        commandReport: {
            first: reportFigures(reports.first),
            second: reportFigures(reports.second),
            nightly: reportFigures(reports.nightly)
        },
        targets: { atOneMillion: brandDetails >= 1_000_000, checks: [] }
    };
    result.targets.checks = checkTargets(result);

    if (record) await recordResult(result);
    if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else {
        const checks = result.targets.checks
            .map((check) => `${check.met ? 'met   ' : 'MISSED'} ${check.target}: ${check.value}`)
            .join('\n');
        const scope =
            brandDetails >= 1_000_000 ? '' : ' (set for 1,000,000 brand details; shown here for this size)';
        process.stdout.write(`${renderReadmeTable([result])}\n\nTargets of #7${scope}:\n${checks}\n`);
    }

    const broken = (Object.keys(measured) as Phase[]).flatMap((phase) =>
        measured[phase].filter((run) => run.exitCode !== 0).map(() => phase)
    );
    if (broken.length > 0) {
        log(`phases that did not exit 0: ${[...new Set(broken)].join(', ')}`);
        return 1;
    }
    if (values.smoke) {
        const second = phases.second;
        const nightly = phases.nightly;
        const problems = [
            second && writtenBesidesTasks(second) !== 0
                ? `the second run wrote ${writtenBesidesTasks(second)} records`
                : '',
            nightly && nightly.recordsWrittenTotal === 0 ? 'the nightly run wrote nothing' : '',
            phases.first && phases.first.requestsWithoutPolls > 150
                ? `the first run used ${phases.first.requestsWithoutPolls} requests`
                : ''
        ].filter(Boolean);
        if (problems.length > 0) {
            log(`smoke failed: ${problems.join('; ')}`);
            return 1;
        }
        log('smoke passed');
    }
    return 0;
}

async function prepare(): Promise<DataSet> {
    const started = performance.now();
    const data = await dataSet(path.join(RUNS_DIR, 'data'), brandDetails, seed, changeShare);
    const took = (performance.now() - started) / 1000;
    log(
        `org of ${data.counts.Brand_Detail__c} brand details, ${data.counts.Account} installers, ${data.counts.Potential__c} potential rows` +
            ` (${took < 1 ? 'cached' : `generated in ${took.toFixed(1)} s`}) in ${path.relative(REPO_ROOT, data.dir)}`
    );
    return data;
}

function parseReport(stdout: string, stderr: string, phase: Phase): RunReport | undefined {
    try {
        return JSON.parse(stdout) as RunReport;
    } catch {
        log(`${phase}: no JSON report on stdout; stderr: ${stderr.slice(-2000)}`);
        return undefined;
    }
}

function reportFigures(report: RunReport | undefined) {
    if (!report) return undefined;
    return {
        records: report.records,
        api: report.api,
        jobs: report.jobs.length,
        estimate: report.estimate.status,
        tasks: report.tasks,
        durationMs: report.durationMs,
        outcome: report.outcome.status
    };
}

function describe(phase: Phase, run: Measurement): string {
    return (
        `${phase}: exit ${run.exitCode}, ${run.wallSeconds} s wall, ${run.cpuSeconds} s CPU, ${run.peakRssMb} MB peak RSS, ` +
        `${run.requests} requests (${run.requestsWithoutPolls} without polls), ${run.recordsWrittenTotal} records written`
    );
}

async function recordResult(result: BenchResult): Promise<void> {
    const file: ResultsFile = JSON.parse(
        await readFile(RESULTS_FILE, 'utf8').catch(() => '{"results": {}}')
    ) as ResultsFile;
    file.results[String(result.brandDetails)] = result;
    const all = Object.values(file.results).sort((a, b) => a.brandDetails - b.brandDetails);
    await writeFile(
        RESULTS_FILE,
        `${JSON.stringify({ ...file, results: Object.fromEntries(all.map((entry) => [String(entry.brandDetails), entry])) }, null, 2)}\n`
    );
    await renderRecorded(file.results);
    log('recorded in bench/results.json, bench/README.md and bench/scaling.md');
}

async function renderRecorded(results: ResultsFile['results']): Promise<void> {
    const all = Object.values(results).sort((a, b) => a.brandDetails - b.brandDetails);
    for (const result of all) result.targets.checks = checkTargets(result);
    await updateMarkedSection(path.join(REPO_ROOT, 'bench/README.md'), 'results', renderReadmeTable(all));
    await updateMarkedSection(path.join(REPO_ROOT, 'bench/README.md'), 'targets', renderTargets(all));
    await updateMarkedSection(path.join(REPO_ROOT, 'bench/scaling.md'), 'scaling', renderScaling(all));
}

main().then(
    (code) => {
        process.exitCode = code;
    },
    (error: unknown) => {
        log(`failed: ${(error as Error).stack ?? String(error)}`);
        process.exitCode = 2;
    }
);
