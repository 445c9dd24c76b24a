import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../scripts/lib/config.ts';
import { DEFAULT_CONFIG_FILE, REPO_ROOT } from '../../scripts/lib/paths.ts';
import { readPicklists } from '../../scripts/lib/picklists.ts';
import { MAX_LISTED, type RunReport } from '../../scripts/lib/reclassify/report.ts';
import { generateInstallers, writeSyntheticCsv } from '../../scripts/dev/synthetic/generator.ts';
import { applyUpdates, applyUpserts, copyOrg, readRows, runCommand, writeRows, type Rows } from './csvOrg.ts';
import { orgArgs, standinLoadedFrom } from './orgStandin.ts';

/** Where the night's files seem to be, and the org it seems to have read: the same in every test run. */
export const NIGHT_FOLDER = '/var/log/klantsegmentatie/2026-11-25';
export const NIGHT_ORG = { label: 'org vaillant-prod', instanceUrl: 'https://vaillant-nl.my.salesforce.com' };
export const HOSTILE_NAME = '<script>alert("niet uitvoeren")</script> Techniek';

const VG_BRANDS = new Set(['Vaillant', 'AWB']);

/** The installers (Account Ids) whose brand details carry one of `types` after the first night, none locked. */
function installersOfType(details: Rows, types: readonly string[]): string[] {
    const locked = new Set(
        details.filter((d) => d.Classification_Locked__c === 'true').map((d) => d.Account__c)
    );
    const chosen = details
        .filter((d) => types.includes(d.Customer_Type__c ?? '') && !locked.has(d.Account__c))
        .map((d) => d.Account__c ?? '');
    return [...new Set(chosen)];
}

/**
 * What sales did during the day, on the sample org after its first night: more competitor boilers for some
 * Keep and Grow installers (their type goes down), none for some Grow installers (up), a hostile name, and one
 * potential row with negative units (its installer is held).
 */
async function salesEdits(org: string): Promise<void> {
    const details = await readRows(path.join(org, 'Brand_Detail__c.csv'));
    const potentials = await readRows(path.join(org, 'Potential__c.csv'));
    const salesBoilers = (account: string) =>
        potentials.filter(
            (row) =>
                row.Account__c === account && row.Source__c === 'Sales' && row.Product_Group__c === 'Ketels'
        );
    const withCompetitors = (account: string) =>
        salesBoilers(account).some((row) => !VG_BRANDS.has(row.Brand__c ?? ''));
    const withVg = (account: string) =>
        salesBoilers(account).some((row) => VG_BRANDS.has(row.Brand__c ?? ''));
    const down = installersOfType(details, ['Keep', 'Grow']).filter(withCompetitors).slice(0, 14);
    const up = installersOfType(details, ['Grow'])
        .filter((account) => !down.includes(account) && withCompetitors(account) && withVg(account))
        .slice(0, 6);
    for (const account of down)
        for (const row of salesBoilers(account))
            if (!VG_BRANDS.has(row.Brand__c ?? '')) row.Units__c = String(Number(row.Units__c) * 8 + 40);
    for (const account of up)
        for (const row of salesBoilers(account)) if (!VG_BRANDS.has(row.Brand__c ?? '')) row.Units__c = '0';
    const held = installersOfType(details, ['Grow']).find(
        (account) => !down.includes(account) && !up.includes(account) && salesBoilers(account).length > 0
    );
    const bad = salesBoilers(held ?? '')[0];
    if (bad) bad.Units__c = '-3';
    await writeRows(path.join(org, 'Potential__c.csv'), potentials);
    const accounts = await readRows(path.join(org, 'Account.csv'));
    const hostile = accounts.find((account) => account.Id === down[1]);
    if (hostile) hostile.Name = HOSTILE_NAME;
    await writeRows(path.join(org, 'Account.csv'), accounts);
}

/** Points the report's files at NIGHT_FOLDER and its org at NIGHT_ORG: only names change, no number. */
function relocated(report: RunReport, outDir: string): RunReport {
    const moved = JSON.parse(JSON.stringify(report).replaceAll(outDir, NIGHT_FOLDER)) as RunReport;
    return {
        ...moved,
        source: { kind: 'org', label: NIGHT_ORG.label },
        instanceUrl: NIGHT_ORG.instanceUrl,
        configFile: path.relative(REPO_ROOT, report.configFile)
    };
}

let night: Promise<RunReport> | undefined;

/**
 * The report of a real busy night: the sample org (data/csv) classified once (as CSV, loaded back as Data
 * Loader would), then the next night after the sales edits, against the stand-in. Every number in it comes from
 * the command; built once per test process.
 */
export function busyNightReport(): Promise<RunReport> {
    night ??= runBusyNight();
    return night;
}

async function runBusyNight(): Promise<RunReport> {
    const org = await copyOrg(path.join(REPO_ROOT, 'data/csv'));
    const work = await mkdtemp(path.join(os.tmpdir(), 'busy-night-'));
    try {
        const first = path.join(work, 'first');
        const firstNight = await runCommand([
            '--from-csv',
            org,
            '--out',
            first,
            '--now',
            '2026-11-24T01:15:00Z'
        ]);
        if (firstNight.exitCode !== 0) throw new Error(`the first night failed: ${firstNight.stderr}`);
        await applyUpdates(org, first);
        await applyUpserts(org, first);
        await salesEdits(org);
        const standin = await standinLoadedFrom(org);
        try {
            const out = path.join(work, 'second');
            const env = { KLANTSEGMENTATIE_STATE_DIR: path.join(work, 'state') };
            const result = await runCommand(
                [
                    ...orgArgs(standin),
                    '--out',
                    out,
                    '--now',
                    '2026-11-25T01:15:00Z',
                    '--create-tasks',
                    '--json'
                ],
                env
            );
            return relocated(JSON.parse(result.stdout) as RunReport, out);
        } finally {
            await standin.close();
        }
    } finally {
        await Promise.all([org, work].map((dir) => rm(dir, { recursive: true, force: true })));
    }
}

/**
 * A real CSV night (no estimate) of synthetic installers whose brand details all say Keep before it: most of
 * them go down, and those without potential rows (`noPotentialShare`) lose their type.
 */
async function keepEverywhereNight(noPotentialShare: number): Promise<RunReport> {
    const org = await mkdtemp(path.join(os.tmpdir(), 'keep-everywhere-'));
    try {
        const picklists = readPicklists();
        const config = loadConfig(undefined, picklists);
        const installers = generateInstallers({
            seed: 18,
            installers: 1500,
            noPotentialShare,
            config,
            picklists
        });
        await writeSyntheticCsv(installers, org);
        const file = path.join(org, 'Brand_Detail__c.csv');
        await writeRows(
            file,
            (await readRows(file)).map((row) => ({ ...row, Customer_Type__c: 'Keep' }))
        );
        const out = path.join(org, 'out');
        const result = await runCommand(['--from-csv', org, '--out', out, '--no-estimate', '--json']);
        return JSON.parse(result.stdout) as RunReport;
    } finally {
        await rm(org, { recursive: true, force: true });
    }
}

/** A real night in which more brand details went down than the report lists by name. */
export async function manyDowngradesReport(): Promise<RunReport> {
    const report = await keepEverywhereNight(0);
    if (report.downgradeCount <= MAX_LISTED) throw new Error(`only ${report.downgradeCount} downgrades`);
    return report;
}

/** A real night the safety stop held back: it would clear the type of every installer without potential. */
export async function safetyStopReport(): Promise<RunReport> {
    const report = await keepEverywhereNight(0.4);
    if (!report.safetyStop.stopped) throw new Error('the safety stop did not stop this night');
    return report;
}

/** Runs the command and returns the report.json it wrote (whatever its exit code), its folder removed after. */
async function reportOf(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunReport> {
    const out = await mkdtemp(path.join(os.tmpdir(), 'report-of-'));
    try {
        const result = await runCommand([...args, '--out', out, '--json'], env);
        return JSON.parse(result.stdout) as RunReport;
    } finally {
        await rm(out, { recursive: true, force: true });
    }
}

/** A real night refused before it read: its CSV folder does not exist. */
export function refusedNightReport(): Promise<RunReport> {
    return reportOf(['--from-csv', path.join(os.tmpdir(), 'no-such-export-folder')]);
}

/** A real night whose estimate is refused: the config asks for more installers to learn from than sales filled in. */
export async function estimateRefusedReport(): Promise<RunReport> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'estimate-refused-'));
    try {
        const config = JSON.parse(await readFile(DEFAULT_CONFIG_FILE, 'utf8')) as {
            estimate: Record<string, number>;
        };
        config.estimate.minTrainingInstallers = 1000;
        const file = path.join(dir, 'config.json');
        await writeFile(file, JSON.stringify(config));
        return await reportOf(['--from-csv', path.join(REPO_ROOT, 'data/csv'), '--config', file]);
    } finally {
        await rm(dir, { recursive: true, force: true });
    }
}

/** The second of two real nights of the sample org at the stand-in: nothing changed, nothing read. */
export async function unchangedNightReport(): Promise<RunReport> {
    const state = await mkdtemp(path.join(os.tmpdir(), 'unchanged-night-'));
    // Entered by sales the day before, as in the demo: not a moment before the first night.
    const loadedAt = new Date(Date.now() - 86_400_000);
    const standin = await standinLoadedFrom(path.join(REPO_ROOT, 'data/csv'), { loadedAt });
    try {
        const env = { KLANTSEGMENTATIE_STATE_DIR: state };
        const first = await reportOf(orgArgs(standin), env);
        if (first.outcome.status !== 'ok') throw new Error(`the first night: ${first.outcome.reason}`);
        const second = await reportOf(orgArgs(standin), env);
        if (second.changeCheck.readInFull) throw new Error(`read in full: ${second.changeCheck.reason}`);
        return second;
    } finally {
        await standin.close();
        await rm(state, { recursive: true, force: true });
    }
}
