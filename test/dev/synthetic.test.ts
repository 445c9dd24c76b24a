import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { OWNED_FIELDS } from '../../force-app/main/default/lwc/segmentRules/segmentRules.js';
import { normalizeId } from '../../scripts/lib/salesforceId.ts';
import { loadConfig } from '../../scripts/lib/config.ts';
import { REPO_ROOT } from '../../scripts/lib/paths.ts';
import { readPicklists } from '../../scripts/lib/picklists.ts';
import { check, recordSchemas } from '../../scripts/lib/reclassify/records.ts';
import {
    CSV_COLUMNS,
    generateInstallers,
    salesforceId,
    writeSyntheticCsv,
    type CsvObject
} from '../../scripts/dev/synthetic/generator.ts';

const picklists = readPicklists();
const config = loadConfig(undefined, picklists);
const schemas = recordSchemas(config, picklists);
const generate = (seed: number, installers: number, extra: { noPotentialShare?: number } = {}) => [
    ...generateInstallers({ seed, installers, config, picklists, ...extra })
];

/** The package's own fields, blank before the first run (the generator makes inputs only). */
const NO_OWNED_VALUES = Object.fromEntries(OWNED_FIELDS.map((field) => [field, null]));
const CASE_SAFE = /^[a-zA-Z0-9]{15}[A-Z0-5]{3}$/;

function readCsv(file: string): Promise<Record<string, string>[]> {
    return readFile(file, 'utf8').then((text) => parse(text, { columns: true }) as Record<string, string>[]);
}

describe('synthetic installers', () => {
    const installers = generate(7, 3000);

    test('are deterministic for a seed and differ between seeds', () => {
        assert.deepEqual(generate(7, 3000), installers);
        assert.notDeepEqual(generate(8, 50), installers.slice(0, 50));
        assert.deepEqual(generate(7, 10), installers.slice(0, 10), 'a prefix does not depend on the count');
    });

    test('have Salesforce-like 18-character Ids with the object key prefixes, children pointing at their account', () => {
        const seen = new Set<string>();
        for (const { account, brandDetails, potentials } of installers) {
            assert.match(account.Id, /^001/);
            assert.match(account.Id, CASE_SAFE);
            assert.equal(normalizeId(account.Id.slice(0, 15)), account.Id);
            for (const detail of brandDetails) {
                assert.match(detail.Id, /^a01/);
                assert.equal(detail.Account__c, account.Id);
            }
            for (const potential of potentials) {
                assert.match(potential.Id, /^a02/);
                assert.equal(potential.Account__c, account.Id);
                assert.equal(
                    potential.Key__c,
                    `${account.Id}|${potential.Product_Group__c}|${potential.Brand__c}`
                );
            }
            for (const id of [account.Id, ...brandDetails.map((d) => d.Id), ...potentials.map((p) => p.Id)]) {
                assert.ok(!seen.has(id), `unique ${id}`);
                seen.add(id);
            }
        }
        assert.equal(salesforceId('001', 1), '0018d0000000001AAA');
    });

    test("every record passes the command's record schemas (picklist values from the metadata)", () => {
        for (const { account, brandDetails, potentials } of installers) {
            const results = [
                check(schemas.account, account),
                ...brandDetails.map((detail) =>
                    check(schemas.brandDetail, { ...NO_OWNED_VALUES, ...detail })
                ),
                ...potentials.map((potential) => check(schemas.potential, potential))
            ];
            for (const result of results) assert.ok(result.ok, JSON.stringify(result));
        }
    });

    test('look like the base the design describes', () => {
        const n = installers.length;
        const without = installers.filter((installer) => !installer.truth.hasPotentialRows);
        assert.ok(Math.abs(without.length / n - 0.4) < 0.03, `share without potential ${without.length / n}`);
        assert.ok(without.every((installer) => installer.potentials.length === 0));
        const withRows = installers.filter((installer) => installer.truth.hasPotentialRows);
        const rowsPer =
            withRows.reduce((sum, installer) => sum + installer.potentials.length, 0) / withRows.length;
        assert.ok(
            rowsPer > 2.3 && rowsPer < 3.7,
            `~3 potential rows per installer with potential, got ${rowsPer}`
        );
        assert.ok(
            installers.every(
                (installer) => installer.brandDetails.length >= 1 && installer.brandDetails.length <= 2
            )
        );
        const details = installers.flatMap((installer) => installer.brandDetails);
        assert.ok(
            details.some((detail) => detail.Last_Visit_Date__c === null) &&
                details.some((detail) => detail.Last_Visit_Date__c !== null)
        );
        const locked = details.filter((detail) => detail.Classification_Locked__c).length;
        assert.ok(locked > 0 && locked < details.length * 0.05, `a few locked (${locked})`);
        assert.ok(new Set(installers.map((installer) => installer.account.Name)).size > 500, 'varied names');
        assert.ok(installers.some((installer) => /^De heer [A-Z]\. /.test(installer.account.Name)));
        assert.ok(installers.some((installer) => installer.account.Name.startsWith('Installatiebedrijf ')));
    });

    test('the truth is what the boiler rows say, VG brands being the brand details the installer has', () => {
        const brands = [...config.vgBrands, ...config.competitorBrands];
        for (const { truth, potentials, brandDetails } of installers) {
            assert.equal(
                truth.boilerUnits.reduce((sum, units) => sum + units, 0),
                truth.total
            );
            assert.equal(
                truth.boilerUnits.slice(0, config.vgBrands.length).reduce((sum, units) => sum + units, 0),
                truth.vg
            );
            assert.ok(truth.total >= 1);
            config.vgBrands.forEach((brand, index) => {
                if ((truth.boilerUnits[index] ?? 0) > 0)
                    assert.ok(brandDetails.some((detail) => detail.Brand__c === brand));
            });
            if (!truth.hasPotentialRows) continue;
            const fromRows = brands.map((brand) =>
                potentials
                    .filter(
                        (row) => row.Product_Group__c === config.boilerProductGroup && row.Brand__c === brand
                    )
                    .reduce((sum, row) => sum + row.Units__c, 0)
            );
            assert.deepEqual(fromRows, truth.boilerUnits);
            assert.ok(potentials.every((row) => row.Source__c === config.potentialSources.sales));
        }
    });

    test('revenue and VG units bought grow with the true potential', () => {
        const bought = (low: number, high: number) => {
            const group = installers.filter(
                (i) => i.truth.vg >= low && i.truth.vg < high && i.account.VG_Units_12M__c !== null
            );
            return group.reduce((sum, i) => sum + (i.account.VG_Units_12M__c ?? 0), 0) / group.length;
        };
        assert.ok(bought(20, 1e9) > 3 * bought(1, 5));
        const revenue = (low: number, high: number) => {
            const group = installers.filter(
                (i) => i.truth.total >= low && i.truth.total < high && i.account.Revenue_12M__c !== null
            );
            return group.reduce((sum, i) => sum + (i.account.Revenue_12M__c ?? 0), 0) / group.length;
        };
        assert.ok(revenue(75, 1e9) > 3 * revenue(1, 10));
    });

    test('share without potential and share of earlier estimates are options', () => {
        const all = generate(3, 400, { noPotentialShare: 0 });
        assert.ok(
            all.every((installer) => installer.truth.hasPotentialRows && installer.potentials.length > 0)
        );
        const estimated = [
            ...generateInstallers({
                seed: 3,
                installers: 200,
                config,
                picklists,
                noPotentialShare: 0,
                estimateRowShare: 1
            })
        ];
        assert.ok(
            estimated.every((installer) =>
                installer.potentials.every((row) => row.Source__c === config.potentialSources.estimate)
            )
        );
    });
});

describe('writeSyntheticCsv', () => {
    test('writes Data Loader / Bulk API CSV: header of API names with Id, empty cell = null, one row per record', async () => {
        const dir = await mkdtemp(path.join(tmpdir(), 'synthetic-csv-'));
        try {
            const installers = generate(13, 500);
            const counts = await writeSyntheticCsv(installers, dir);
            assert.deepEqual((await readdir(dir)).sort(), [
                'Account.csv',
                'Brand_Detail__c.csv',
                'Potential__c.csv'
            ]);
            const expected: Record<CsvObject, unknown[]> = {
                Account: installers.map((i) => i.account),
                Brand_Detail__c: installers.flatMap((i) => i.brandDetails),
                Potential__c: installers.flatMap((i) => i.potentials)
            };
            for (const object of Object.keys(CSV_COLUMNS) as CsvObject[]) {
                const text = await readFile(path.join(dir, `${object}.csv`), 'utf8');
                assert.equal(text.split('\n')[0], CSV_COLUMNS[object].join(','));
                const rows = parse(text, { columns: true }) as Record<string, string>[];
                assert.equal(rows.length, expected[object].length);
                assert.equal(counts[object], rows.length);
                const schema =
                    object === 'Account'
                        ? schemas.account
                        : object === 'Brand_Detail__c'
                          ? schemas.brandDetail
                          : schemas.potential;
                for (const row of rows) {
                    const result = check(schema, row);
                    assert.ok(result.ok, JSON.stringify(result));
                }
            }
            const accounts = await readCsv(path.join(dir, 'Account.csv'));
            const blank = installers.findIndex((i) => i.account.Revenue_12M__c === null);
            assert.ok(blank >= 0);
            assert.equal(accounts[blank]?.Revenue_12M__c, '');
            const multi = installers.findIndex((i) => i.account.Services__c.length > 1);
            assert.equal(accounts[multi]?.Services__c, installers[multi]?.account.Services__c.join(';'));
            const details = await readCsv(path.join(dir, 'Brand_Detail__c.csv'));
            assert.ok(
                details.every((row) => row.Customer_Type__c === '' && row.Classification_Reason__c === ''),
                'owned fields blank'
            );
            assert.ok(
                details.every(
                    (row) =>
                        row.Classification_Locked__c === 'true' || row.Classification_Locked__c === 'false'
                )
            );
        } finally {
            await rm(dir, { recursive: true, force: true });
        }
    });
});

describe('the bundled sample org (data/)', () => {
    const dataDir = path.join(REPO_ROOT, 'data');

    test('is small, and the CSV and the tree import hold the same records', async () => {
        let bytes = 0;
        for (const sub of ['csv', 'tree']) {
            for (const file of await readdir(path.join(dataDir, sub)))
                bytes += (await stat(path.join(dataDir, sub, file))).size;
        }
        assert.ok(bytes < 1024 * 1024, `${bytes} bytes`);
        const accounts = await readCsv(path.join(dataDir, 'csv/Account.csv'));
        const details = await readCsv(path.join(dataDir, 'csv/Brand_Detail__c.csv'));
        const potentials = await readCsv(path.join(dataDir, 'csv/Potential__c.csv'));
        assert.ok(accounts.length >= 200 && accounts.length <= 500);

        const plan = JSON.parse(await readFile(path.join(dataDir, 'tree/sample-data-plan.json'), 'utf8')) as {
            sobject: string;
            saveRefs: boolean;
            resolveRefs: boolean;
            files: string[];
        }[];
        assert.deepEqual(
            plan.map((entry) => entry.sobject),
            ['Account', 'Brand_Detail__c', 'Potential__c']
        );
        const trees = await Promise.all(
            plan.map(async (entry) => {
                assert.equal(entry.files.length, 1);
                return JSON.parse(
                    await readFile(path.join(dataDir, 'tree', entry.files[0] ?? ''), 'utf8')
                ) as {
                    records: ({ attributes: { type: string; referenceId: string } } & Record<
                        string,
                        unknown
                    >)[];
                };
            })
        );
        const [accountTree, detailTree, potentialTree] = trees;
        assert.ok(accountTree && detailTree && potentialTree);
        assert.equal(accountTree.records.length, accounts.length);
        assert.equal(detailTree.records.length, details.length);
        assert.equal(potentialTree.records.length, potentials.length);
        const references = new Set(accountTree.records.map((record) => `@${record.attributes.referenceId}`));
        for (const record of [...detailTree.records, ...potentialTree.records]) {
            assert.ok(
                references.has(String(record.Account__c)),
                `${record.attributes.referenceId} -> ${String(record.Account__c)}`
            );
            assert.equal(record.Id, undefined);
        }
        accounts.forEach((account, index) => assert.equal(accountTree.records[index]?.Name, account.Name));
        const accountIds = new Set(accounts.map((account) => account.Id));
        assert.ok([...details, ...potentials].every((row) => accountIds.has(row.Account__c ?? '')));
    });

    test('has De heer R. Loon: 10 of 40 boilers VG, an earlier estimate (Schatting)', async () => {
        const accounts = await readCsv(path.join(dataDir, 'csv/Account.csv'));
        const potentials = await readCsv(path.join(dataDir, 'csv/Potential__c.csv'));
        const loon = accounts.find((account) => account.Name === 'De heer R. Loon');
        assert.ok(loon);
        const rows = potentials.filter(
            (row) => row.Account__c === loon.Id && row.Product_Group__c === config.boilerProductGroup
        );
        assert.ok(rows.every((row) => row.Source__c === config.potentialSources.estimate));
        const units = (brands: readonly string[]) =>
            rows
                .filter((row) => brands.includes(row.Brand__c ?? ''))
                .reduce((sum, row) => sum + Number(row.Units__c), 0);
        assert.equal(units(config.vgBrands), 10);
        assert.equal(units([...config.vgBrands, ...config.competitorBrands]), 40);
    });

    test('has ~40% installers without potential rows, and is what the script generates', async () => {
        const accounts = await readCsv(path.join(dataDir, 'csv/Account.csv'));
        const potentials = await readCsv(path.join(dataDir, 'csv/Potential__c.csv'));
        const withRows = new Set(potentials.map((row) => row.Account__c));
        const share = accounts.filter((account) => !withRows.has(account.Id)).length / accounts.length;
        assert.ok(share > 0.33 && share < 0.47, `share without potential ${share}`);

        const out = await mkdtemp(path.join(tmpdir(), 'sample-data-'));
        try {
            await promisify(execFile)(
                process.execPath,
                [
                    '--import',
                    'tsx',
                    path.join(REPO_ROOT, 'scripts/dev/generate-sample-data.ts'),
                    '--out',
                    out
                ],
                {
                    cwd: REPO_ROOT
                }
            );
            for (const file of [
                'csv/Account.csv',
                'csv/Brand_Detail__c.csv',
                'csv/Potential__c.csv',
                'tree/sample-data-plan.json',
                'tree/Accounts.json',
                'tree/Brand_Detail__cs.json',
                'tree/Potential__cs.json'
            ]) {
                assert.equal(
                    await readFile(path.join(out, file), 'utf8'),
                    await readFile(path.join(dataDir, file), 'utf8'),
                    file
                );
            }
        } finally {
            await rm(out, { recursive: true, force: true });
        }
    });
});

describe('a benchmark sized in brand details', () => {
    test('stops once that many brand details were generated', () => {
        const installers = [
            ...generateInstallers({
                seed: 1,
                installers: 1_000_000,
                untilBrandDetails: 1000,
                config,
                picklists
            })
        ];
        const details = installers.reduce((sum, installer) => sum + installer.brandDetails.length, 0);
        assert.ok(details === 1000 || details === 1001, `${details}`);
        assert.deepEqual(
            installers,
            generate(1, installers.length),
            'the same installers as without the limit'
        );
    });
});
