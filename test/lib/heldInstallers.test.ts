import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { copyOrg, readRows, runCommand, writeRows, type Rows } from '../helpers/csvOrg.ts';
import { REPO_ROOT } from '../../scripts/lib/paths.ts';
import type { RunReport } from '../../scripts/lib/reclassify/report.ts';

const SAMPLE = path.join(REPO_ROOT, 'data/csv');
const NOW = '2026-11-25T01:00:00.000Z';
/** De heer R. Loon of the design: 40 boilers (Vaillant 6, AWB 4, Remeha 18, Intergas 12), two brand details. */
const LOON = '0018d0000000001AAA';
const LOON_DETAILS = ['a018d0000000001AAA', 'a018d0000000002AAA'];
const LOON_REMEHA = 'a028d0000000003AAA';
const LOON_REMEHA_LINE = '4';

async function night(org: string, args: string[] = []) {
    const out = await mkdtemp(path.join(os.tmpdir(), 'held-'));
    const result = await runCommand(['--from-csv', org, '--out', out, '--now', NOW, ...args]);
    return {
        result,
        report: JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')) as RunReport,
        updates: await readRows(path.join(out, 'Brand_Detail__c.update.csv')),
        upserts: await readRows(path.join(out, 'Potential__c.upsert.csv')),
        errors: await readRows(path.join(out, 'errors.csv')),
        html: await readFile(path.join(out, 'report.html'), 'utf8')
    };
}

/** The sample org with its rows of one object changed. */
async function sampleWith(object: string, change: (rows: Rows) => void): Promise<string> {
    const org = await copyOrg(SAMPLE);
    const rows = await readRows(path.join(org, `${object}.csv`));
    change(rows);
    await writeRows(path.join(org, `${object}.csv`), rows);
    return org;
}

const remeha = (rows: Rows) => rows.find((row) => row.Id === LOON_REMEHA)!;

let clean: Awaited<ReturnType<typeof night>> | undefined;
/** The night on the sample as it is: De heer R. Loon is 30+ / Grote klant / 40 boilers. */
async function cleanNight() {
    clean ??= await night(SAMPLE);
    return clean;
}

const BAD_POTENTIAL_ROWS: [string, (rows: Rows) => void, RegExp][] = [
    ['units abc', (rows) => (remeha(rows).Units__c = 'abc'), /Units__c "abc" is not a number/],
    ['units -5', (rows) => (remeha(rows).Units__c = '-5'), /Units__c "-5" is negative/],
    [
        'an unknown brand',
        (rows) => (remeha(rows).Brand__c = 'Buderus'),
        /Brand__c "Buderus" Buderus is not one of/
    ],
    [
        'an unknown product group',
        (rows) => (remeha(rows).Product_Group__c = 'Zonneboiler'),
        /Product_Group__c "Zonneboiler" Zonneboiler is not one of/
    ]
];

for (const [what, change, because] of BAD_POTENTIAL_ROWS) {
    test(`a potential row with ${what} holds De heer R. Loon: nothing of him is written, the others as always`, async () => {
        const held = await night(await sampleWith('Potential__c', change));
        const { updates, upserts } = await cleanNight();
        assert.equal(held.result.exitCode, 1, held.result.stderr);
        assert.deepEqual(
            held.updates,
            updates.filter((row) => !LOON_DETAILS.includes(row.Id ?? '')),
            'every other brand detail exactly as on a clean night; none of his'
        );
        assert.deepEqual(held.upserts, upserts, 'the estimate rows of the others');
        assert.equal(held.report.records.heldInstallers, 1);
        assert.equal(held.report.records.held, 2);
        const [listed] = held.report.held;
        assert.equal(listed?.accountName, 'De heer R. Loon');
        assert.match(listed?.because ?? '', new RegExp(`^Potential__c ${LOON_REMEHA} \\(line 4\\): `));
        assert.match(listed?.because ?? '', because);
        const rejected = held.errors.filter((error) => error.Id === LOON_REMEHA);
        assert.ok(rejected.length > 0 && rejected.every((error) => error.Line === LOON_REMEHA_LINE));
        for (const id of LOON_DETAILS) {
            const line = held.errors.find((error) => error.Id === id);
            assert.match(
                line?.Reason ?? '',
                new RegExp(
                    `^held: installer ${LOON} \\(De heer R. Loon\\) has a rejected input row: Potential__c ${LOON_REMEHA} \\(line 4\\)`
                )
            );
        }
        assert.match(held.result.stdout, /Held: 1 installers \(2 brand details\) with a rejected input row/);
        assert.match(held.html, /Vastgehouden installateurs[\s\S]*De heer R\. Loon/);
    });
}

test('on a clean night De heer R. Loon is 30+ / Grote klant / 40 boilers, as in the design', async () => {
    const { updates } = await cleanNight();
    const loon = updates.find((row) => row.Id === LOON_DETAILS[0]);
    assert.deepEqual(
        [loon?.Potential_Segment__c, loon?.Value_Type__c, loon?.Boiler_Potential__c],
        ['30+', 'Grote klant', '40']
    );
});

test('a second potential row for one key holds the installer and names that row', async () => {
    const org = await sampleWith('Potential__c', (rows) =>
        rows.push({ ...remeha(rows), Id: 'a028d0000000999AAA', Units__c: '7' })
    );
    const held = await night(org);
    const line = String((await readRows(path.join(org, 'Potential__c.csv'))).length + 1);
    const second = held.errors.find((error) => error.Id === 'a028d0000000999AAA');
    assert.deepEqual(second && [second.Line, second.Field, second.Reason], [
        line,
        'Key__c',
        'a second potential row for Ketels / Remeha of this installer'
    ]);
    assert.equal(held.report.held[0]?.accountId, LOON);
    assert.ok(held.updates.every((row) => !LOON_DETAILS.includes(row.Id ?? '')));
});

test('a rejected account row and a rejected brand detail hold their installer, estimate included', async () => {
    // 0018d0000000002AAA has no potential: it would get an estimate.
    const unfilled = '0018d0000000002AAA';
    const accounts = await sampleWith('Account', (rows) => {
        rows.find((row) => row.Id === LOON)!.Revenue_12M__c = 'veel';
    });
    const byAccount = await night(accounts);
    assert.ok(byAccount.updates.every((row) => !LOON_DETAILS.includes(row.Id ?? '')));
    assert.match(
        byAccount.report.held[0]?.because ?? '',
        /^Account 0018d0000000001AAA \(line 2\): Revenue_12M__c "veel"/
    );

    const details = await sampleWith('Brand_Detail__c', (rows) => {
        rows.find((row) => row.Account__c === unfilled)!.Last_Visit_Date__c = '14-9-2026';
    });
    const byDetail = await night(details);
    const { upserts } = await cleanNight();
    assert.ok(
        upserts.some((row) => row.Account__c === unfilled),
        'on a clean night it is estimated'
    );
    assert.ok(
        byDetail.upserts.every((row) => row.Account__c !== unfilled),
        'held: no estimate rows either'
    );
    assert.ok(byDetail.report.held.some((entry) => entry.accountId === unfilled));
    assert.equal(byDetail.report.estimate.status, 'done');
});
