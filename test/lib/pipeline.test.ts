import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { applyUpdates, copyOrg, readRows, runCommand, writeRows } from '../helpers/csvOrg.ts';
import { REPO_ROOT } from '../../scripts/lib/paths.ts';

const FIXTURE = path.join(REPO_ROOT, 'test/fixtures/small');
const NOW = '2026-11-25T01:00:00.000Z';
const outDir = () => mkdtemp(path.join(os.tmpdir(), 'reclassify-out-'));

test('offline: classifies from CSV exports and writes only changed owned fields, Data Loader-ready', async () => {
    const out = await outDir();
    const result = await runCommand(['--from-csv', FIXTURE, '--out', out, '--no-estimate', '--now', NOW]);
    assert.equal(result.exitCode, 0, result.stderr);
    const updates = new Map(
        (await readRows(path.join(out, 'Brand_Detail__c.update.csv'))).map((row) => [row.Id, row])
    );
    assert.deepEqual(updates.get('a01000000000001AAA'), {
        Id: 'a01000000000001AAA',
        Customer_Type__c: 'Grow',
        Potential_Segment__c: '30+',
        VG_Potential_Share__c: '25',
        Boiler_Potential__c: '40',
        Potential_Source__c: 'Potentie is een schatting',
        Value_Type__c: 'Grote klant',
        VG_Ever_Had_Share__c: 'true',
        Classification_Reason__c:
            'VG 10 van 40 ketels (25%): Grow (5–75%). Segment 30+ (30–74). Keep vanaf 30 VG-ketels. Potentie is een schatting.',
        Next_Visit_Due__c: '2026-12-30',
        VG_Units_To_Next_Type__c: '20',
        Classified_At__c: NOW,
        Previous_Customer_Type__c: '',
        Customer_Type_Changed_On__c: ''
    });
    // A stored Grow that is really 160 of 200 (80%): only the type, reason and bookkeeping change.
    const moved = updates.get('a01000000000002AAA');
    assert.equal(moved?.Customer_Type__c, 'Keep');
    assert.equal(moved?.Previous_Customer_Type__c, 'Grow');
    assert.equal(moved?.Customer_Type_Changed_On__c, '2026-11-25');
    assert.equal(moved?.Potential_Segment__c, '', 'unchanged 150+ is left as it is');
    assert.equal(moved?.VG_Potential_Share__c, '', 'unchanged 80.00 is left as it is');
    assert.equal(moved?.VG_Units_To_Next_Type__c, '', 'Keep is the top type: no step up, blank as stored');
    assert.ok(!updates.has('a01000000000003AAA'), 'a locked record is never written');
    const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
    assert.equal(report.records.locked, 1);
    assert.equal(report.records.lockedWouldChange, 1);
    assert.equal(report.transitions.Grow.Keep, 1);
    assert.equal(report.outcome.exitCode, 0);
});

test('offline: a second run on the updated data writes nothing', async () => {
    const org = await copyOrg(FIXTURE);
    const first = await outDir();
    assert.equal(
        (await runCommand(['--from-csv', org, '--out', first, '--no-estimate', '--now', NOW])).exitCode,
        0
    );
    await applyUpdates(org, first);
    const second = await outDir();
    const result = await runCommand([
        '--from-csv',
        org,
        '--out',
        second,
        '--no-estimate',
        '--now',
        '2026-11-26T01:00:00.000Z',
        '--json'
    ]);
    assert.equal(result.exitCode, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.equal(report.records.changed, 0);
    assert.equal(report.records.unchanged, 3);
    assert.equal(
        (await readFile(path.join(second, 'Brand_Detail__c.update.csv'), 'utf8')).trim().split('\n').length,
        1,
        'header only'
    );
});

test('offline: bad records are rejected one by one with Id, field and reason; the rest is classified', async () => {
    const org = await copyOrg(FIXTURE);
    const potentials = await readRows(path.join(org, 'Potential__c.csv'));
    potentials.push(
        { ...potentials[0]!, Id: 'a02000000000091AAA', Units__c: '-3', Brand__c: 'Buderus' },
        { ...potentials[0]!, Id: 'a02000000000092AAA', Units__c: 'veel' },
        { ...potentials[0]!, Id: 'a02000000000093AAA' },
        { ...potentials[0]!, Id: 'a02000000000094AAA', Account__c: '001000000000099AAA' }
    );
    await writeRows(path.join(org, 'Potential__c.csv'), potentials);
    await writeFile(
        path.join(org, 'Account.csv'),
        `${await readFile(path.join(org, 'Account.csv'), 'utf8')}001000000000004AAA,Kapot,,,,\n`
    );
    const out = await outDir();
    const result = await runCommand(['--from-csv', org, '--out', out, '--no-estimate', '--now', NOW]);
    assert.equal(result.exitCode, 1, 'partial');
    const errors = await readRows(path.join(out, 'errors.csv'));
    const reasons = errors.map((error) => `${error.Id} ${error.Field}: ${error.Reason}`);
    assert.ok(
        reasons.some((reason) => /^a02000000000091AAA Units__c: is negative/.test(reason)),
        reasons.join('\n')
    );
    assert.ok(reasons.some((reason) => /^a02000000000091AAA Brand__c: Buderus is not one of/.test(reason)));
    assert.ok(reasons.some((reason) => /^a02000000000092AAA Units__c: is not a number/.test(reason)));
    assert.ok(reasons.some((reason) => /^a02000000000093AAA Key__c: a second potential row/.test(reason)));
    assert.ok(
        reasons.some((reason) =>
            /^a02000000000094AAA Account__c: no account with this Id was read/.test(reason)
        )
    );
    const broken = errors.find((error) => error.Field === '(row)');
    assert.deepEqual(
        broken && [broken.Id, broken.Object, broken.Line, broken.Reason],
        ['001000000000004AAA', 'Account', '5', 'has 6 cells, the header 9'],
        'a row with too few cells is named by its Id and line'
    );
    const updates = await readRows(path.join(out, 'Brand_Detail__c.update.csv'));
    assert.equal(
        updates.find((row) => row.Id === 'a01000000000001AAA'),
        undefined,
        'the installer of the bad rows is held: nothing of it is written'
    );
    assert.equal(updates.length, 2, 'the other installers are classified');
});

test('offline: a missing column or an empty file refuses the run before anything is written', async () => {
    const org = await copyOrg(FIXTURE);
    const rows = await readRows(path.join(org, 'Brand_Detail__c.csv'));
    await writeRows(
        path.join(org, 'Brand_Detail__c.csv'),
        rows,
        Object.keys(rows[0]!).filter((column) => column !== 'Classification_Locked__c')
    );
    const result = await runCommand(['--from-csv', org, '--out', await outDir(), '--no-estimate']);
    assert.equal(result.exitCode, 3);
    assert.match(result.stderr, /Brand_Detail__c\.csv: misses column\(s\) Classification_Locked__c/);
    await writeFile(path.join(org, 'Account.csv'), '');
    const empty = await runCommand(['--from-csv', org, '--out', await outDir(), '--no-estimate']);
    assert.equal(empty.exitCode, 3);
    assert.match(empty.stderr, /Account\.csv: is empty/);
});

test('usage errors and an invalid config are refused with one line and exit 3', async () => {
    const both = await runCommand(['--from-csv', FIXTURE, '--target-org', 'prod']);
    assert.equal(both.exitCode, 3);
    assert.match(both.stderr, /choose one source, not --from-csv and --target-org/);
    const none = await runCommand([]);
    assert.match(none.stderr, /no source/);
    const dir = await outDir();
    const config = path.join(dir, 'config.json');
    await writeFile(config, JSON.stringify({ version: 1 }));
    const invalid = await runCommand(['--from-csv', FIXTURE, '--config', config, '--out', dir]);
    assert.equal(invalid.exitCode, 3);
    assert.match(invalid.stderr, /Invalid segmentation config .*config\.json:\n {2}- productGroups: /);
});
