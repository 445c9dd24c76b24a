import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { applyUpdates, applyUpserts, copyOrg, readRows, runCommand, writeRows } from '../helpers/csvOrg.ts';
import { REPO_ROOT } from '../../scripts/lib/paths.ts';
import type { RunReport } from '../../scripts/lib/reclassify/report.ts';
import { safetyStop } from '../../scripts/lib/reclassify/safetyStop.ts';

const SAMPLE = path.join(REPO_ROOT, 'data/csv');
const NOW = '2026-11-25T01:00:00.000Z';
const NEXT_NIGHT = '2026-11-26T01:00:00.000Z';

async function night(org: string, now: string, args: string[] = []) {
    const out = await mkdtemp(path.join(os.tmpdir(), 'safety-'));
    const result = await runCommand(['--from-csv', org, '--out', out, '--now', now, ...args]);
    const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')) as RunReport;
    return { out, result, report };
}

/** The sample org after a night whose files Data Loader loaded: every brand detail classified. */
async function classifiedSample(): Promise<string> {
    const org = await copyOrg(SAMPLE);
    const first = await night(org, NOW);
    assert.equal(first.result.exitCode, 0, first.result.stderr);
    await applyUpdates(org, first.out);
    await applyUpserts(org, first.out);
    return org;
}

test('a header-only Potential__c.csv writes nothing: the safety stop, exit 5, no #N/A anywhere', async () => {
    const org = await classifiedSample();
    const header = (await readFile(path.join(org, 'Potential__c.csv'), 'utf8')).split('\n')[0];
    await writeFile(path.join(org, 'Potential__c.csv'), `${header}\n`);
    const stopped = await night(org, NEXT_NIGHT);
    assert.equal(stopped.result.exitCode, 5, stopped.result.stderr);
    assert.match(
        stopped.result.stderr,
        /^Stopped: Safety stop: it would clear the Type klant or segment of 315 of the 315 classified brand details \(100%, more than 10%\)\. Nothing was written\. — .*--allow-mass-change\.$/m
    );
    assert.equal(stopped.report.outcome.status, 'stopped');
    assert.deepEqual(
        [
            stopped.report.safetyStop.stopped,
            stopped.report.safetyStop.clears,
            stopped.report.safetyStop.classified
        ],
        [true, 315, 315]
    );
    assert.deepEqual(
        (await readdir(stopped.out)).sort(),
        ['errors.csv', 'report.html', 'report.json'],
        'no file to load by mistake'
    );
    for (const file of await readdir(stopped.out)) {
        assert.doesNotMatch(await readFile(path.join(stopped.out, file), 'utf8'), /#N\/A/, file);
    }
    assert.equal(stopped.report.files.brandDetailUpdates, null);
    assert.match(
        await readFile(path.join(stopped.out, 'report.html'), 'utf8'),
        /Veiligheidsstop: er is niets geschreven/
    );
    assert.match(stopped.result.stdout, /Safety stop: it would clear/);

    const allowed = await night(org, NEXT_NIGHT, ['--allow-mass-change', '--no-estimate']);
    assert.equal(allowed.result.exitCode, 0, allowed.result.stderr);
    assert.equal(allowed.report.safetyStop.stopped, false);
    const updates = await readRows(path.join(allowed.out, 'Brand_Detail__c.update.csv'));
    assert.equal(updates.filter((row) => row.Customer_Type__c === '#N/A').length, 315, 'a deliberate change');
});

test('a few installers losing their potential pass; the share is an option', async () => {
    const org = await classifiedSample();
    const potentials = await readRows(path.join(org, 'Potential__c.csv'));
    // De heer R. Loon's rows gone: his two brand details lose their type and segment, 2 of 315.
    await writeRows(
        path.join(org, 'Potential__c.csv'),
        potentials.filter((row) => row.Account__c !== '0018d0000000001AAA')
    );
    const passed = await night(org, NEXT_NIGHT, ['--no-estimate']);
    assert.equal(passed.result.exitCode, 0, passed.result.stderr);
    assert.equal(passed.report.safetyStop.clears, 2);
    const strict = await night(org, NEXT_NIGHT, ['--no-estimate', '--mass-change-share', '0.5']);
    assert.equal(strict.result.exitCode, 5);
    assert.match(
        strict.report.outcome.reason,
        /2 of the 315 classified brand details \(0\.6%, more than 0\.5%\)/
    );
});

test('an object with more than the share fewer records than at the last complete run stops the writes', () => {
    const plan = { classified: 100, clears: 0 };
    const before = { Account: 1000, Potential__c: 3000, Brand_Detail__c: 1200 };
    const options = { limit: 0.1, allowed: false };
    assert.equal(safetyStop(plan, before, before, options).stopped, false);
    assert.equal(
        safetyStop(plan, { ...before, Potential__c: 2700 }, before, options).stopped,
        false,
        'exactly 10%'
    );
    const shrunk = safetyStop(plan, { ...before, Potential__c: 2699 }, before, options);
    assert.deepEqual(shrunk.shrunk, [{ object: 'Potential__c', before: 3000, now: 2699 }]);
    assert.match(shrunk.reason ?? '', /^Potential__c: 3000 records at the last complete run, 2699 now/);
    assert.equal(
        safetyStop(plan, { ...before, Account: 0 }, undefined, options).stopped,
        false,
        'no run known'
    );
    assert.equal(
        safetyStop(plan, { ...before, Account: 0 }, before, { ...options, allowed: true }).stopped,
        false
    );
    assert.equal(safetyStop({ classified: 0, clears: 0 }, before, before, options).stopped, false);
});
