import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readRows, runCommand } from '../helpers/csvOrg.ts';
import { orgArgs, recordsOf, standinLoadedFrom } from '../helpers/orgStandin.ts';
import { REPO_ROOT } from '../../scripts/lib/paths.ts';

const SAMPLE = path.join(REPO_ROOT, 'data/csv');
const outDir = () => mkdtemp(path.join(os.tmpdir(), 'reclassify-estimate-'));

test('every installer without potential that has a brand detail to classify gets an estimate; sales rows stay byte for byte; --reestimate refreshes in place', async () => {
    const accounts = await readRows(path.join(SAMPLE, 'Account.csv'));
    const withPotential = new Set(
        (await readRows(path.join(SAMPLE, 'Potential__c.csv'))).map((row) => row.Account__c)
    );
    const withUnlockedDetail = new Set(
        (await readRows(path.join(SAMPLE, 'Brand_Detail__c.csv')))
            .filter((row) => row.Classification_Locked__c !== 'true')
            .map((row) => row.Account__c)
    );
    const withoutPotential = accounts.filter((account) => !withPotential.has(account.Id));
    assert.ok(
        withoutPotential.length / accounts.length >= 0.4,
        'the sample has 40% installers without potential'
    );
    const unfilled = withoutPotential.map((account) => account.Id).filter((id) => withUnlockedDetail.has(id));
    const allLocked = withoutPotential
        .map((account) => account.Id)
        .filter((id) => !withUnlockedDetail.has(id));
    assert.ok(allLocked.length > 0, 'and a few whose every brand detail is locked by sales');

    const standin = await standinLoadedFrom(SAMPLE);
    try {
        // Every field, system fields included: a row the command touched would show a new SystemModstamp.
        const salesBefore = (await recordsOf(standin, 'Potential__c')).filter(
            (row) => row.Source__c === 'Sales'
        );
        const first = await runCommand([...orgArgs(standin), '--out', await outDir(), '--json']);
        assert.equal(first.exitCode, 0, first.stderr);
        const report = JSON.parse(first.stdout);
        assert.equal(report.estimate.status, 'done');
        assert.equal(report.estimate.estimatedInstallers, unfilled.length);
        const { mae, segmentAccuracy } = report.estimate.quality;
        assert.ok(
            mae.model > 0 && mae.baseline > 0 && segmentAccuracy.model >= 0 && segmentAccuracy.baseline >= 0,
            'held-out error next to the baseline'
        );

        const potentials = await recordsOf(standin, 'Potential__c');
        const estimated = new Set(
            potentials
                .filter((row) => row.Source__c === 'Schatting' && row.Product_Group__c === 'Ketels')
                .map((row) => row.Account__c)
        );
        assert.deepEqual(
            unfilled.filter((id) => !estimated.has(id)),
            [],
            'all of them filled'
        );
        assert.deepEqual(
            allLocked.filter((id) => estimated.has(id)),
            [],
            'no estimate where nothing can be classified with it'
        );
        assert.deepEqual(
            potentials.filter((row) => row.Source__c === 'Sales'),
            salesBefore,
            'sales-entered rows untouched'
        );
        const details = await recordsOf(standin, 'Brand_Detail__c', [
            'Account__c',
            'Potential_Source__c',
            'Classification_Locked__c'
        ]);
        for (const detail of details.filter(
            (row) => unfilled.includes(row.Account__c ?? '') && row.Classification_Locked__c === 'false'
        )) {
            assert.equal(detail.Potential_Source__c, 'Potentie is een schatting');
        }

        const again = await runCommand([
            ...orgArgs(standin),
            '--out',
            await outDir(),
            '--reestimate',
            '--json'
        ]);
        assert.equal(again.exitCode, 0, again.stderr);
        const refreshed = JSON.parse(again.stdout);
        assert.ok(refreshed.records.potentialsWritten > 0, 'earlier estimates were refreshed');
        const after = await recordsOf(standin, 'Potential__c');
        assert.equal(
            new Set(after.map((row) => row.Key__c)).size,
            after.length,
            'upserted on Key__c: no row twice'
        );
        const firstKeys = new Set(potentials.map((row) => row.Key__c));
        assert.ok(
            after.filter((row) => !firstKeys.has(row.Key__c)).every((row) => row.Source__c === 'Schatting'),
            'only estimates were added'
        );
        assert.deepEqual(
            (await recordsOf(standin, 'Potential__c')).filter((row) => row.Source__c === 'Sales'),
            salesBefore
        );
    } finally {
        await standin.close();
    }
});
