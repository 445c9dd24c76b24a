import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCommand } from '../helpers/csvOrg.ts';
import { REPO_ROOT } from '../../scripts/lib/paths.ts';
import type { RunReport } from '../../scripts/lib/reclassify/report.ts';

const FIXTURE = path.join(REPO_ROOT, 'test/fixtures/small');
const NOW = '2026-11-25T01:00:00.000Z';
const ALL_FILES = [
    'Brand_Detail__c.update.csv',
    'Potential__c.update.csv',
    'Potential__c.upsert.csv',
    'errors.csv',
    'report.html',
    'report.json'
];

test('--out holds one run: a refused run leaves no earlier update files beside its report', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'run-folder-'));
    await writeFile(path.join(out, 'notes.txt'), 'the admin keeps this here');
    const ok = await runCommand(['--from-csv', FIXTURE, '--out', out, '--no-estimate', '--now', NOW]);
    assert.equal(ok.exitCode, 0, ok.stderr);
    assert.deepEqual((await readdir(out)).sort(), [...ALL_FILES, 'notes.txt'].sort());

    const config = path.join(await mkdtemp(path.join(os.tmpdir(), 'bad-config-')), 'config.json');
    await writeFile(config, '{"version": 1}');
    const refused = await runCommand(['--from-csv', FIXTURE, '--out', out, '--config', config, '--json']);
    assert.equal(refused.exitCode, 3);
    assert.deepEqual(
        (await readdir(out)).sort(),
        ['errors.csv', 'notes.txt', 'report.html', 'report.json'],
        'its own report only, and what is not ours untouched'
    );
    const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')) as RunReport;
    assert.equal(report.outcome.status, 'refused');
    assert.deepEqual(JSON.parse(refused.stdout), report, '--json prints the one report');
    assert.equal(report.files.brandDetailUpdates, null);
});

test('a staging folder left by a killed run is removed; one of a running process is not', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'run-folder-'));
    const killed = path.join(out, '.reclassify-2147483646-abc');
    const running = path.join(out, `.reclassify-${process.pid}-def`);
    await mkdir(killed);
    await mkdir(running);
    await writeFile(path.join(killed, 'Brand_Detail__c.update.csv'), 'Id\n');
    const result = await runCommand(['--from-csv', FIXTURE, '--out', out, '--no-estimate', '--now', NOW]);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.deepEqual((await readdir(out)).sort(), [`.reclassify-${process.pid}-def`, ...ALL_FILES].sort());
});

test('--json prints exactly one JSON document on every path, a usage error included', async () => {
    const usage = await runCommand(['--from-csv', FIXTURE, '--target-org', 'prod', '--json']);
    assert.equal(usage.exitCode, 3);
    assert.deepEqual(JSON.parse(usage.stdout).outcome, {
        status: 'refused',
        exitCode: 3,
        reason: 'choose one source, not --from-csv and --target-org',
        next: 'read the message, correct the option, config or file it names, and run again.'
    });
    assert.match(usage.stderr, /^Refused: choose one source/);
    const out = await mkdtemp(path.join(os.tmpdir(), 'run-folder-'));
    const ok = await runCommand([
        '--from-csv',
        FIXTURE,
        '--out',
        out,
        '--no-estimate',
        '--now',
        NOW,
        '--json'
    ]);
    assert.equal(JSON.parse(ok.stdout).outcome.status, 'ok');
});
