import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCommand } from '../helpers/csvOrg.ts';
import { DEFAULT_CONFIG_FILE, REPO_ROOT } from '../../scripts/lib/paths.ts';

const SAMPLE = path.join(REPO_ROOT, 'data/csv');
const SHAPE_FILE = path.join(REPO_ROOT, 'test/fixtures/report-shape.json');
const NOW = '2026-11-25T01:00:00.000Z';

/** The key tree of a report: what a consumer of report.json / --json may rely on. Counts vary; keys do not. */
function shapeOf(value: unknown): unknown {
    if (Array.isArray(value)) return value.length > 0 ? [shapeOf(value[0])] : [];
    if (value !== null && typeof value === 'object') {
        return Object.fromEntries(
            Object.keys(value)
                .sort()
                .map((key) => [key, shapeOf((value as Record<string, unknown>)[key])])
        );
    }
    return value === null ? 'null' : typeof value;
}

async function run(args: string[]) {
    const out = await mkdtemp(path.join(os.tmpdir(), 'what-if-'));
    const result = await runCommand(['--from-csv', SAMPLE, '--out', out, '--now', NOW, '--json', ...args]);
    assert.equal(result.exitCode, 0, result.stderr);
    return { report: JSON.parse(result.stdout), html: await readFile(path.join(out, 'report.html'), 'utf8') };
}

test('what-if: a higher Get/Grow threshold on the bundled data shows who would move, marked as a simulation', async () => {
    const today = await run([]);
    const config = JSON.parse(await readFile(DEFAULT_CONFIG_FILE, 'utf8'));
    config.customerTypes.growFromPercent = 20;
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'what-if-config-')), 'what-if.json');
    await writeFile(file, JSON.stringify(config));
    const whatIf = await run(['--config', file, '--dry-run']);
    assert.equal(whatIf.report.dryRun, true);
    assert.match(whatIf.html, /SIMULATIE/);
    assert.doesNotMatch(today.html, /SIMULATIE/);
    const grow = (report: { after: { customerType: Record<string, number> } }) =>
        report.after.customerType.Grow ?? 0;
    const get = (report: { after: { customerType: Record<string, number> } }) =>
        report.after.customerType.Get ?? 0;
    assert.ok(grow(whatIf.report) < grow(today.report), 'fewer installers are Grow');
    assert.equal(
        get(whatIf.report) - get(today.report),
        grow(today.report) - grow(whatIf.report),
        'and exactly those become Get'
    );
});

test('the report.json shape is a decision: it matches the committed snapshot', async () => {
    const { report } = await run([]);
    const shape = shapeOf(report);
    // To change the shape on purpose: UPDATE_SNAPSHOTS=1 npm run test:scripts, and review the diff.
    if (process.env.UPDATE_SNAPSHOTS === '1')
        await writeFile(SHAPE_FILE, `${JSON.stringify(shape, null, 4)}\n`);
    assert.deepEqual(shape, JSON.parse(await readFile(SHAPE_FILE, 'utf8')));
});
