import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { parseCsv } from '../../scripts/lib/csv.ts';
import { OWNED_FIELDS } from '../../force-app/main/default/lwc/segmentRules/segmentRules.js';
import { readRows, runCommand, writeRows } from '../helpers/csvOrg.ts';

async function readAll(chunks: string[]): Promise<Record<string, string>[]> {
    const rows: Record<string, string>[] = [];
    for await (const row of parseCsv(chunks, { source: 'fuzz' })) rows.push(row);
    return rows;
}

/** Splits a text into random chunks, as a network or file stream would deliver it. */
const chunked = (text: string, cuts: number[]) => {
    const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
    return [0, ...points]
        .map((start, index) => text.slice(start, points[index] ?? text.length))
        .filter((part) => part !== '');
};

test('CSV reader: any records survive a round trip, in any chunking, with LF or CRLF (property)', async () => {
    const cell = fc.string({
        unit: fc.oneof(
            fc.constantFrom('"', ',', '\n', '\r\n', ';', 'é', '€', '😀', ' '),
            fc.string({ minLength: 1, maxLength: 1 })
        )
    });
    await fc.assert(
        fc.asyncProperty(
            fc.array(fc.tuple(cell, cell, cell), { maxLength: 20 }),
            fc.boolean(),
            fc.array(fc.nat(), { maxLength: 5 }),
            async (records, crlf, cuts) => {
                // Quote any line break: with CRLF records, csv-stringify would leave a lone LF unquoted.
                const text = stringify([['Id', 'Name', 'Note'], ...records], {
                    record_delimiter: crlf ? 'windows' : 'unix',
                    quoted_match: /[\r\n]/
                });
                const rows = await readAll(chunked(text, cuts));
                const expected = records.map(([Id, Name, Note]) => ({ Id, Name, Note }));
                assert.deepEqual(rows, expected);
            }
        ),
        { numRuns: 200 }
    );
});

test('CSV reader edge cases: header only, no final newline, non-ASCII', async () => {
    assert.deepEqual(await readAll(['Id,Name\n']), []);
    assert.deepEqual(await readAll(['Id,Name\r\n001,De Vries']), [{ Id: '001', Name: 'De Vries' }]);
    assert.deepEqual(await readAll(['\uFEFFId,Name\n001,"Müller, ', 'Café ""Zon"""\n']), [
        { Id: '001', Name: 'Müller, Café "Zon"' }
    ]);
});

const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(12, '0')}AAA`;
const anything = fc.oneof(
    fc.constant(''),
    fc.string({ maxLength: 12 }),
    fc.integer().map(String),
    fc.constantFrom('Ketels', 'Vaillant', 'AWB', 'Sales', 'Schatting', '-1', '1e3', 'true')
);

test('the whole run on random records: never a crash, only owned fields written (property)', async () => {
    const installer = fc.record({
        size: fc.oneof(anything, fc.constantFrom('1. ZZP 1 - 2 medewerkers', '3. 6 - 10 medewerkers')),
        revenue: fc.oneof(anything, fc.integer({ min: 0, max: 1_000_000 }).map(String)),
        potentials: fc.array(
            fc.record({
                group: fc.oneof(anything, fc.constantFrom('Ketels', 'Lucht-warmtepomp')),
                brand: fc.oneof(anything, fc.constantFrom('Vaillant', 'AWB', 'Remeha')),
                units: fc.oneof(anything, fc.integer({ min: -5, max: 900 }).map(String)),
                source: fc.oneof(anything, fc.constantFrom('Sales', 'Schatting'))
            }),
            { maxLength: 4 }
        ),
        details: fc.array(
            fc.record({
                brand: fc.oneof(anything, fc.constantFrom('Vaillant', 'AWB')),
                locked: anything,
                type: anything,
                share: anything
            }),
            { maxLength: 2 }
        )
    });
    await fc.assert(
        fc.asyncProperty(fc.array(installer, { minLength: 1, maxLength: 8 }), async (installers) => {
            const dir = await mkdtemp(path.join(os.tmpdir(), 'fuzz-org-'));
            const accounts = installers.map((entry, index) => ({
                Id: id('001', index + 1),
                Name: `Fuzz ${index}`,
                Company_Size__c: entry.size,
                Market_Type__c: '',
                Product_Focus__c: '',
                Services__c: '',
                Revenue_12M__c: entry.revenue,
                VG_Units_12M__c: ''
            }));
            const potentials = installers.flatMap((entry, index) =>
                entry.potentials.map((row, n) => ({
                    Id: id('a02', index * 10 + n + 1),
                    Account__c: id('001', index + 1),
                    Product_Group__c: row.group,
                    Brand__c: row.brand,
                    Units__c: row.units,
                    Source__c: row.source,
                    Key__c: ''
                }))
            );
            const details = installers.flatMap((entry, index) =>
                entry.details.map((row, n) => ({
                    Id: id('a01', index * 10 + n + 1),
                    Account__c: id('001', index + 1),
                    Brand__c: row.brand,
                    Last_Visit_Date__c: '',
                    Classification_Locked__c: row.locked,
                    ...Object.fromEntries(OWNED_FIELDS.map((field) => [field, ''])),
                    Customer_Type__c: row.type,
                    VG_Potential_Share__c: row.share
                }))
            );
            await writeRows(path.join(dir, 'Account.csv'), accounts);
            await writeRows(path.join(dir, 'Potential__c.csv'), potentials, [
                'Id',
                'Account__c',
                'Product_Group__c',
                'Brand__c',
                'Units__c',
                'Source__c',
                'Key__c'
            ]);
            await writeRows(path.join(dir, 'Brand_Detail__c.csv'), details, [
                'Id',
                'Account__c',
                'Brand__c',
                'Last_Visit_Date__c',
                'Classification_Locked__c',
                ...OWNED_FIELDS
            ]);
            const out = path.join(dir, 'out');
            const args = [
                '--from-csv',
                dir,
                '--out',
                out,
                '--force-estimate',
                '--allow-mass-change',
                '--json'
            ];
            const result = await runCommand(args);
            assert.ok([0, 1].includes(result.exitCode), `exit ${result.exitCode}: ${result.stderr}`);
            JSON.parse(result.stdout); // one JSON document
            const update = await readRows(path.join(out, 'Brand_Detail__c.update.csv'));
            for (const row of update) {
                assert.ok(Object.keys(row).every((field) => field === 'Id' || OWNED_FIELDS.includes(field)));
                const locked = details.find((detail) => detail.Id === row.Id)?.Classification_Locked__c;
                assert.ok(!['true', '1'].includes(locked ?? ''), 'a locked record is never written');
            }
            const upserts = await readRows(path.join(out, 'Potential__c.upsert.csv'));
            assert.ok(
                upserts.every((row) => row.Source__c === 'Schatting'),
                'only estimates are written'
            );
            // An installer with a rejected row is held: nothing of it is written.
            const accountOf = new Map([...potentials, ...details].map((row) => [row.Id, row.Account__c]));
            const rejected = (await readRows(path.join(out, 'errors.csv'))).map((error) =>
                error.Object === 'Account' ? error.Id : accountOf.get(error.Id ?? '')
            );
            const written = [
                ...update.map((row) => details.find((detail) => detail.Id === row.Id)?.Account__c),
                ...upserts.map((row) => row.Key__c?.split('|')[0])
            ];
            for (const account of rejected) assert.ok(!written.includes(account), `held ${account} written`);
        }),
        { numRuns: 40 }
    );
});
