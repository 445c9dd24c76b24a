import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../scripts/lib/config.ts';
import {
    configDiffCommand,
    diffConfigs,
    NO_CHANGES,
    type ConfigLoader
} from '../../scripts/lib/configDiff/command.ts';
import { DEFAULT_CONFIG_FILE } from '../../scripts/lib/paths.ts';
import { readPicklists } from '../../scripts/lib/picklists.ts';
import type { SegmentationConfig } from '../../force-app/main/default/lwc/segmentRules/segmentRules.js';

const base = (): SegmentationConfig => loadConfig();
const texts = (before: SegmentationConfig, after: SegmentationConfig) =>
    diffConfigs(before, after).map((change) => change.text);

/** The project's own loader, as scripts/config-diff.ts wires it. */
const picklists = readPicklists();
const loader: ConfigLoader = {
    load: (file) => loadConfig(file),
    picklistProblems: (file) => {
        try {
            loadConfig(file, picklists);
            return [];
        } catch (error) {
            if (error instanceof ConfigError) return error.problems;
            throw error;
        }
    }
};

function run(argv: string[]) {
    let stdout = '';
    let stderr = '';
    const exitCode = configDiffCommand(
        argv,
        { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) },
        loader
    );
    return { exitCode, stdout, stderr };
}

async function writeConfig(config: unknown): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'config-diff-'));
    const file = path.join(dir, 'config.json');
    await writeFile(file, JSON.stringify(config, null, 2));
    return file;
}

test('identical configs: no changes', () => {
    assert.deepEqual(diffConfigs(base(), base()), []);
});

test('thresholds, segment floors and visit cadence in plain Dutch', () => {
    const after = base();
    after.customerTypes.growFromPercent = 7;
    after.customerTypes.keepFromPercent = 80.5;
    after.segments[2]!.minUnits = 25;
    after.valueTypes['Grote klant']!.visitEveryDays = 60;
    assert.deepEqual(texts(base(), after), [
        'Grens Get/Grow: 5% -> 7%',
        'Grens Grow/Keep: 75% -> 80,5%',
        'Segment 30+ begint nu bij 25 ketels (was 30)',
        'Bezoekfrequentie Grote klant: elke 90 -> 60 dagen'
    ]);
});

test('matrix cells, value bands and potential bands', () => {
    const after = base();
    after.valueTypeMatrix.Hoog!.Weinig = 'Strategische klant';
    after.valueTypeMatrix.Laag!.Gemiddeld = 'Transactionele klant';
    after.valueBands = { midFromRevenue: 15_000, highAboveRevenue: 300_000 };
    after.potentialBands.Weinig = [null, '1+'];
    after.potentialBands.Gemiddeld = ['10+', '30+', '75+'];
    assert.deepEqual(texts(base(), after), [
        'Omzetgrens Laag/Midden: vanaf € 10.000 -> vanaf € 15.000',
        'Omzetgrens Midden/Hoog: boven € 250.000 -> boven € 300.000',
        'Segment 10+ valt nu in potentieband Gemiddeld (was Weinig)',
        'Klanttype bij omzet Hoog en potentie Weinig: Grote klant -> Strategische klant',
        'Klanttype bij omzet Laag en potentie Gemiddeld: Ontwikkelingsklant -> Transactionele klant'
    ]);
});

test('brands added, removed, and moved between VG and competitors', () => {
    const after = base();
    after.competitorBrands = [
        ...after.competitorBrands.filter((brand) => brand !== 'Overig' && brand !== 'Daikin'),
        'Buderus'
    ];
    after.vgBrands = [...after.vgBrands, 'Daikin'];
    assert.deepEqual(texts(base(), after), [
        'Merk Daikin telt nu als VG-merk (was concurrent)',
        'Concurrerend merk toegevoegd: Buderus',
        'Concurrerend merk verwijderd: Overig'
    ]);
});

test('segments and value types added and removed; renamed types; estimate settings', () => {
    const after = base();
    after.segments = [
        ...after.segments.filter((segment) => segment.name !== '1+'),
        { name: '1000+', minUnits: 1000 }
    ];
    after.potentialBands = {
        Weinig: [null, '10+'],
        Gemiddeld: ['30+', '75+'],
        'Super groot': ['150+', '500+', '1000+']
    };
    after.customerTypes.winBack = 'Terugwinnen';
    after.valueTypes['Sleutelklant'] = { strategy: 'persoonlijk begeleiden', visitEveryDays: 14 };
    delete after.valueTypes['Transactionele klant'];
    after.valueTypeMatrix.Midden!.Weinig = 'Sleutelklant';
    after.valueTypeMatrix.Laag!.Weinig = 'Sleutelklant';
    after.estimate = { minTrainingInstallers: 50, folds: 10 };
    after.valueTypes['Grote klant']!.strategy = 'groei samen plannen';
    assert.deepEqual(texts(base(), after), [
        'Type klant hernoemd: Win-back -> Terugwinnen',
        'Nieuw segment 1000+ vanaf 1.000 ketels',
        'Segment 1+ vervalt (begon bij 1 ketel)',
        'Segment 1000+ valt in potentieband Super groot',
        'Klanttype bij omzet Midden en potentie Weinig: Transactionele klant -> Sleutelklant',
        'Klanttype bij omzet Laag en potentie Weinig: Transactionele klant -> Sleutelklant',
        'Strategie Grote klant: maximaal benutten -> groei samen plannen',
        'Nieuw klanttype Sleutelklant: persoonlijk begeleiden, bezoek elke 14 dagen',
        'Klanttype Transactionele klant vervalt',
        'Minimaal aantal door sales ingevulde installateurs om te schatten: 30 -> 50',
        'Aantal delen voor de controle van de schatting: 5 -> 10'
    ]);
    for (const change of diffConfigs(base(), after)) {
        assert.match(change.path, /^[A-Za-z]+(\.[\w +-]+)*$/, `a JSON path: ${change.path}`);
    }
});

test('command: both files validated with the config schema; one line per change; exit 0', async () => {
    const after = JSON.parse(JSON.stringify(base())) as SegmentationConfig;
    after.customerTypes.growFromPercent = 7;
    const fileB = await writeConfig(after);
    const result = run([DEFAULT_CONFIG_FILE, fileB]);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.equal(result.stdout, 'Grens Get/Grow: 5% -> 7%\n');
    assert.equal(result.stderr, '');
    const json = run([DEFAULT_CONFIG_FILE, fileB, '--json']);
    assert.deepEqual(JSON.parse(json.stdout), [
        { path: 'customerTypes.growFromPercent', text: 'Grens Get/Grow: 5% -> 7%' }
    ]);
    assert.equal(run([DEFAULT_CONFIG_FILE, DEFAULT_CONFIG_FILE]).stdout, `${NO_CHANGES}\n`);
});

test('command: an invalid config is refused with the path and reason of every fault (exit 3)', async () => {
    const broken = JSON.parse(JSON.stringify(base())) as Record<string, unknown> & SegmentationConfig;
    broken.customerTypes.growFromPercent = 80;
    broken.segments[1]!.minUnits = 0;
    const file = await writeConfig(broken);
    const result = run([DEFAULT_CONFIG_FILE, file]);
    assert.equal(result.exitCode, 3);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /customerTypes\.keepFromPercent: must be above growFromPercent/);
    assert.match(result.stderr, /segments\.1\.minUnits: /);
    const notJson = await writeConfig('{');
    await writeFile(notJson, '{ not json');
    assert.match(run([notJson, DEFAULT_CONFIG_FILE]).stderr, /cannot read JSON/);
});

test('command: a value the metadata does not know yet is a warning, not a refusal', async () => {
    const after = JSON.parse(JSON.stringify(base())) as SegmentationConfig;
    after.segments.push({ name: '1000+', minUnits: 1000 });
    after.potentialBands['Super groot']!.push('1000+');
    const file = await writeConfig(after);
    const result = run([DEFAULT_CONFIG_FILE, file]);
    assert.equal(result.exitCode, 0);
    assert.match(result.stdout, /Nieuw segment 1000\+ vanaf 1\.000 ketels/);
    assert.match(result.stderr, /Let op, .*config\.json: segments: 1000\+ is not a picklist value/);
});

test('command: usage errors and help', () => {
    assert.equal(run([DEFAULT_CONFIG_FILE]).exitCode, 3);
    assert.match(run([DEFAULT_CONFIG_FILE]).stderr, /give exactly two config files/);
    assert.equal(run(['a.json', 'b.json', 'c.json']).exitCode, 3);
    assert.equal(run(['--frobnicate', 'a', 'b']).exitCode, 3);
    const help = run(['--help']);
    assert.equal(help.exitCode, 0);
    assert.match(help.stdout, /^Usage: npm run config:diff -- <old\.json> <new\.json>/);
});

test('the what-if example of docs/configuration.md is valid and differs in exactly the changes it shows', () => {
    const { exitCode, stdout, stderr } = run([DEFAULT_CONFIG_FILE, 'docs/examples/what-if.json']);
    assert.equal(exitCode, 0, stderr);
    assert.equal(stderr, '', 'no picklist warnings');
    const documented = readFileSync('docs/configuration.md', 'utf8');
    const lines = stdout.trim().split('\n');
    assert.equal(lines.length, 3, stdout);
    for (const line of lines) assert.ok(documented.includes(line), `docs/configuration.md shows: ${line}`);
});
