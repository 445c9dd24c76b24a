import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readRows, runCommand } from '../helpers/csvOrg.ts';
import { BOUNDARY_CASES, writeBoundaryOrg } from '../helpers/boundaryOrg.ts';
import { orgArgs, recordsOf, standinLoadedFrom } from '../helpers/orgStandin.ts';

const NOW = '2026-11-25T01:00:00.000Z';
const outDir = () => mkdtemp(path.join(os.tmpdir(), 'reclassify-org-'));

test('org and offline runs give the same classification at every boundary', async () => {
    const orgDir = await writeBoundaryOrg();
    const offlineOut = await outDir();
    const offline = await runCommand([
        '--from-csv',
        orgDir,
        '--out',
        offlineOut,
        '--no-estimate',
        '--now',
        NOW
    ]);
    assert.equal(offline.exitCode, 0, offline.stderr);

    const standin = await standinLoadedFrom(orgDir);
    try {
        const orgOut = await outDir();
        const online = await runCommand([
            ...orgArgs(standin),
            '--out',
            orgOut,
            '--no-estimate',
            '--now',
            NOW
        ]);
        assert.equal(online.exitCode, 0, online.stderr);
        const offlineFile = await readFile(path.join(offlineOut, 'Brand_Detail__c.update.csv'), 'utf8');
        assert.equal(await readFile(path.join(orgOut, 'Brand_Detail__c.update.csv'), 'utf8'), offlineFile);

        const stored = new Map((await recordsOf(standin, 'Brand_Detail__c')).map((row) => [row.Name, row]));
        const type = (name: string) => stored.get(`Vaillant - ${name}`)?.Customer_Type__c;
        const segment = (name: string) => stored.get(`Vaillant - ${name}`)?.Potential_Segment__c;
        assert.equal(type('Exact 5%'), 'Grow');
        assert.equal(stored.get('Vaillant - Exact 5%')?.VG_Potential_Share__c, '5');
        assert.equal(type('Net onder 5%'), 'Get');
        assert.equal(stored.get('Vaillant - Net onder 5%')?.VG_Potential_Share__c, '4.76');
        assert.equal(type('Exact 75%'), 'Keep');
        assert.equal(type('Net onder 75%'), 'Grow');
        assert.equal(type('Exact 75% groot'), 'Keep');
        assert.equal(stored.get('Vaillant - Exact 75% groot')?.Value_Type__c, 'Strategische klant');
        assert.equal(type('Nul, eerder VG'), 'Win-back');
        assert.equal(type('Nul, nooit VG'), 'Get');
        assert.equal(type('Vastgezet'), 'Keep', 'locked: the hand-set type stays');
        assert.equal(stored.get('Vaillant - Vastgezet')?.Classified_At__c, '', 'locked: nothing written');
        assert.equal(type('Alleen warmtepomp'), '');
        assert.match(
            stored.get('Vaillant - Alleen warmtepomp')?.Classification_Reason__c ?? '',
            /Geen ketelpotentie/
        );
        assert.equal(
            stored.get('Vaillant - Alles VG')?.Next_Visit_Due__c,
            '2026-12-30',
            'Grote klant: last visit + 90 days'
        );
        const segments = [9, 10, 29, 30, 74, 75, 149, 150, 499, 500].map((total) =>
            segment(`Totaal ${total}`)
        );
        assert.deepEqual(segments, ['1+', '10+', '10+', '30+', '30+', '75+', '75+', '150+', '150+', '500+']);

        const report = JSON.parse(await readFile(path.join(orgOut, 'report.json'), 'utf8'));
        assert.equal(report.records.written, BOUNDARY_CASES.length - 1);
        assert.equal(report.records.locked, 1);
        assert.ok(
            report.api.requests > 0 && report.api.byKind.compositeWrite === 1,
            JSON.stringify(report.api)
        );
        assert.ok(
            report.api.dailyRemaining > 0 && report.api.dailyRemaining < report.api.dailyMax,
            'remaining as the org reports it'
        );

        const again = await runCommand([
            ...orgArgs(standin),
            '--out',
            await outDir(),
            '--no-estimate',
            '--now',
            '2026-11-26T01:00:00.000Z',
            '--json'
        ]);
        assert.equal(again.exitCode, 0, again.stderr);
        const second = JSON.parse(again.stdout);
        assert.equal(second.records.changed, 0, 'a second run on unchanged data changes nothing');
        assert.equal(second.records.written, 0);
        assert.equal(second.api.byKind.compositeWrite, undefined, 'and sends no write');
    } finally {
        await standin.close();
    }
});

test('--dry-run reads and reports but writes nothing to the org', async () => {
    const standin = await standinLoadedFrom(await writeBoundaryOrg());
    try {
        const out = await outDir();
        const result = await runCommand([
            ...orgArgs(standin),
            '--out',
            out,
            '--no-estimate',
            '--dry-run',
            '--json'
        ]);
        assert.equal(result.exitCode, 0, result.stderr);
        const report = JSON.parse(result.stdout);
        assert.equal(report.dryRun, true);
        assert.equal(report.records.changed, BOUNDARY_CASES.length - 1);
        assert.equal(report.records.written, 0);
        assert.equal(
            (await recordsOf(standin, 'Brand_Detail__c')).filter((row) => row.Classified_At__c !== '').length,
            0
        );
        assert.equal(
            (await readRows(path.join(out, 'Brand_Detail__c.update.csv'))).length,
            BOUNDARY_CASES.length - 1,
            'the file is still prepared'
        );
    } finally {
        await standin.close();
    }
});

test('records the org refuses end in errors.csv with a non-zero exit; every other record is written', async () => {
    const standin = await standinLoadedFrom(await writeBoundaryOrg(), {
        faults: [{ effect: 'lockRow', recordIds: ['a01000000000001AAA'], times: 10 }]
    });
    try {
        const out = await outDir();
        const result = await runCommand([...orgArgs(standin), '--out', out, '--no-estimate', '--now', NOW]);
        assert.equal(result.exitCode, 1, result.stderr);
        const errors = await readRows(path.join(out, 'errors.csv'));
        assert.deepEqual(
            errors.map((error) => [error.Id, error.Object]),
            [['a01000000000001AAA', 'Brand_Detail__c']]
        );
        assert.match(errors[0]?.Reason ?? '', /UNABLE_TO_LOCK_ROW/);
        const written = (await recordsOf(standin, 'Brand_Detail__c')).filter(
            (row) => row.Classified_At__c !== ''
        );
        assert.equal(
            written.length,
            BOUNDARY_CASES.length - 2,
            'all but the locked-row record and the hand-locked one'
        );
        assert.match(result.stderr, /1 writes failed/);
    } finally {
        await standin.close();
    }
});
