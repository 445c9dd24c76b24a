import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { copyOrg, readRows, runCommand, writeRows, type Rows } from '../helpers/csvOrg.ts';
import { REPO_ROOT } from '../../scripts/lib/paths.ts';
import type { RunReport } from '../../scripts/lib/reclassify/report.ts';

const SAMPLE = path.join(REPO_ROOT, 'data/csv');
const NOW = '2026-11-25T01:00:00.000Z';

async function night(org: string, args: string[] = []) {
    const out = await mkdtemp(path.join(os.tmpdir(), 'csv-input-'));
    const result = await runCommand(['--from-csv', org, '--out', out, '--now', NOW, ...args]);
    const file = (name: string) => readFile(path.join(out, name), 'utf8');
    return {
        result,
        report: JSON.parse(await file('report.json')) as RunReport,
        updates: await file('Brand_Detail__c.update.csv').catch(() => ''),
        upserts: await file('Potential__c.upsert.csv').catch(() => ''),
        errors: await readRows(path.join(out, 'errors.csv'))
    };
}

let clean: Awaited<ReturnType<typeof night>> | undefined;
async function cleanNight() {
    clean ??= await night(SAMPLE);
    return clean;
}

/** A number as Excel in a Dutch locale writes it: decimal comma, and (every other one) dots between thousands. */
function dutch(value: string, index: number): string {
    if (value === '') return value;
    const [whole = '', decimals] = value.split('.');
    const grouped = index % 2 === 0 ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.') : whole;
    return decimals === undefined ? grouped : `${grouped},${decimals}`;
}

/** Writes rows as a `;`-separated file, as Excel in a Dutch locale saves "CSV". */
async function writeSemicolons(file: string, rows: Rows): Promise<void> {
    const header = Object.keys(rows[0]!);
    const quote = (cell: string) => (/[;"\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
    const lines = rows.map((row) => header.map((column) => quote(row[column] ?? '')).join(';'));
    await writeFile(file, `${[header.join(';'), ...lines].join('\r\n')}\r\n`);
}

test('a ;-separated export with decimal commas (9999,99 and 1.234,56) reads as the Data Loader export', async () => {
    const org = await copyOrg(SAMPLE);
    const accounts = await readRows(path.join(org, 'Account.csv'));
    const revenues = accounts.map((row) => row.Revenue_12M__c ?? '');
    assert.ok(
        revenues.some((value) => /\.\d/.test(value)) && revenues.some((value) => Number(value) >= 1000)
    );
    await writeSemicolons(
        path.join(org, 'Account.csv'),
        accounts.map((row, index) => ({ ...row, Revenue_12M__c: dutch(row.Revenue_12M__c ?? '', index) }))
    );
    const text = await readFile(path.join(org, 'Account.csv'), 'utf8');
    assert.match(text, /;\d{1,3}\.\d{3},\d{2};/, 'thousands dots and a decimal comma');
    assert.match(text, /;\d{4},\d{2};/, 'a decimal comma alone');
    await writeSemicolons(
        path.join(org, 'Potential__c.csv'),
        await readRows(path.join(org, 'Potential__c.csv'))
    );
    const semicolons = await night(org);
    assert.equal(semicolons.result.exitCode, 0, semicolons.result.stderr);
    assert.equal(semicolons.report.records.rejected, 0);
    assert.equal(semicolons.updates, (await cleanNight()).updates);
    assert.equal(semicolons.upserts, (await cleanNight()).upserts);
});

test('15- and 18-character Ids are one record; the same record twice is a duplicate Id', async () => {
    const org = await copyOrg(SAMPLE);
    const short = (id = '') => id.slice(0, 15);
    const details = await readRows(path.join(org, 'Brand_Detail__c.csv'));
    await writeRows(
        path.join(org, 'Brand_Detail__c.csv'),
        details.map((row) => ({ ...row, Id: short(row.Id), Account__c: short(row.Account__c) }))
    );
    const potentials = await readRows(path.join(org, 'Potential__c.csv'));
    const reported: Rows = potentials.map((row) => ({ ...row, Account__c: short(row.Account__c) }));
    await writeRows(path.join(org, 'Potential__c.csv'), reported);
    const mixed = await night(org);
    assert.equal(mixed.result.exitCode, 0, mixed.result.stderr);
    assert.equal(mixed.updates, (await cleanNight()).updates, 'written with the 18-character Ids');

    // A report export and a Data Loader export of one row, side by side.
    await writeRows(path.join(org, 'Potential__c.csv'), [
        ...reported,
        { ...reported[2]!, Id: short(reported[2]!.Id) }
    ]);
    const twice = await night(org);
    const duplicate = twice.errors.find((error) => error.Field === 'Id');
    assert.deepEqual(duplicate && [duplicate.Id, duplicate.Object, duplicate.Line, duplicate.Value], [
        'a028d0000000003AAA',
        'Potential__c',
        String(reported.length + 2),
        'a028d0000000003AAA'
    ]);
    assert.match(duplicate?.Reason ?? '', /^duplicate Id/);
    assert.equal(twice.report.held[0]?.accountId, '0018d0000000001AAA', 'and its installer is held');
});

test('a rejected row names its file line (a quoted cell may span lines) and the bad value', async () => {
    const org = await copyOrg(SAMPLE);
    const details = await readRows(path.join(org, 'Brand_Detail__c.csv'));
    details[0]!.Classification_Reason__c = 'twee\nregels';
    details[3]!.Last_Visit_Date__c = '14-9-2026';
    await writeRows(path.join(org, 'Brand_Detail__c.csv'), details);
    const { errors } = await night(org);
    const bad = errors.find((error) => error.Id === details[3]!.Id);
    assert.deepEqual(bad && [bad.Object, bad.Line, bad.Field, bad.Value, bad.Reason], [
        'Brand_Detail__c',
        '6',
        'Last_Visit_Date__c',
        '14-9-2026',
        'is not a date (YYYY-MM-DD)'
    ]);
});

test('every fault of the input files is reported at once; --json prints one document', async () => {
    const org = await copyOrg(SAMPLE);
    const drop = async (object: string, column: string) => {
        const rows = await readRows(path.join(org, `${object}.csv`));
        await writeRows(
            path.join(org, `${object}.csv`),
            rows,
            Object.keys(rows[0]!).filter((name) => name !== column)
        );
    };
    await drop('Account', 'Market_Type__c');
    await drop('Brand_Detail__c', 'Brand__c');
    await writeFile(path.join(org, 'Potential__c.csv'), '');
    const refused = await night(org, ['--json']);
    assert.equal(refused.result.exitCode, 3);
    const document = JSON.parse(refused.result.stdout) as RunReport;
    assert.equal(document.outcome.status, 'refused');
    for (const fault of [
        /Account\.csv: misses column\(s\) Market_Type__c/,
        /Potential__c\.csv: is empty/,
        /Brand_Detail__c\.csv: misses column\(s\) Brand__c/
    ]) {
        assert.match(refused.result.stderr, fault);
        assert.match(document.outcome.reason, fault);
    }
    assert.deepEqual(
        refused.errors.map((error) => [error.Object, error.Field]),
        [
            ['Account', '(file)'],
            ['Potential__c', '(file)'],
            ['Brand_Detail__c', '(file)']
        ]
    );
});

test('progress counts rejected records per object', async () => {
    const org = await copyOrg(SAMPLE);
    const potentials = await readRows(path.join(org, 'Potential__c.csv'));
    potentials[5]!.Units__c = 'veel';
    await writeRows(path.join(org, 'Potential__c.csv'), potentials);
    const { result } = await night(org, ['--no-estimate']);
    assert.match(result.stderr, /^Read Account: 250 records, 0 rejected$/m);
    assert.match(result.stderr, /^Read Potential__c: 409 records, 1 rejected$/m);
    assert.match(result.stderr, /^Read Brand_Detail__c: 320 records, 0 rejected$/m);
    assert.match(result.stdout, /rejected 1 \(Account 0, Potential__c 1, Brand_Detail__c 0\)/);
});

test('the prepared files are in Account Id order, whatever the order of the input', async () => {
    const org = await copyOrg(SAMPLE);
    for (const object of ['Account', 'Potential__c', 'Brand_Detail__c']) {
        const rows = await readRows(path.join(org, `${object}.csv`));
        await writeRows(path.join(org, `${object}.csv`), rows.reverse());
    }
    const reversed = await night(org);
    const accountOf = new Map(
        (await readRows(path.join(SAMPLE, 'Brand_Detail__c.csv'))).map((row) => [
            row.Id,
            row.Account__c ?? ''
        ])
    );
    const sorted = (ids: string[]) => ids.every((id, index) => index === 0 || ids[index - 1]! <= id);
    const updated = (
        await readRows(path.join(path.dirname(reversed.report.files.report), 'Brand_Detail__c.update.csv'))
    ).map((row) => accountOf.get(row.Id ?? '') ?? '');
    assert.ok(updated.length > 300 && sorted(updated), 'brand detail updates');
    const upserted = reversed.upserts
        .split('\n')
        .slice(1, -1)
        .map((line) => line.split('|')[0] ?? '');
    assert.ok(upserted.length > 500 && sorted(upserted), 'estimate rows');
    assert.ok(!sorted([...updated].reverse()), 'and not by accident');
});

test('a file that stops being CSV halfway (a quote inside a cell) refuses the night and names its line', async () => {
    const org = await copyOrg(SAMPLE);
    const file = path.join(org, 'Potential__c.csv');
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines[40] = lines[40]!.replace(',', ',12"3');
    await writeFile(file, lines.join('\n'));
    const refused = await night(org);
    assert.equal(refused.result.exitCode, 3);
    assert.equal(refused.report.outcome.status, 'refused');
    assert.match(
        refused.report.outcome.reason,
        /Potential__c\.csv: line 41: a quote inside an unquoted cell/
    );
    assert.deepEqual(
        refused.errors.map((error) => [error.Object, error.Field]),
        [['Potential__c', '(file)']]
    );
    assert.equal(refused.updates, '', 'nothing prepared from the records read before the fault');
});
