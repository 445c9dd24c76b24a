import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCommand } from '../helpers/csvOrg.ts';
import { orgArgs, recordsOf, standinLoadedFrom } from '../helpers/orgStandin.ts';
import { writeBoundaryOrg } from '../helpers/boundaryOrg.ts';
import { generateInstallers, writeSyntheticCsv } from '../../scripts/dev/synthetic/generator.ts';
import { loadConfig } from '../../scripts/lib/config.ts';
import { readPicklists } from '../../scripts/lib/picklists.ts';

const BRAND_DETAILS = 50_000;
const PAGE = 5_000;

test('50,000 brand details: Bulk API 2.0 reads page by page, bulk writes, and a second run writes nothing', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'large-org-'));
    const counts = await writeSyntheticCsv(
        generateInstallers({
            seed: 7,
            installers: BRAND_DETAILS,
            untilBrandDetails: BRAND_DETAILS,
            config: loadConfig(),
            picklists: readPicklists()
        }),
        dir
    );
    const standin = await standinLoadedFrom(dir, { bulkPageSize: PAGE, jobDelay: { polls: 0, ms: 0 } });
    try {
        const first = await runCommand([
            ...orgArgs(standin),
            '--out',
            await mkdtemp(path.join(os.tmpdir(), 'large-out-')),
            '--json'
        ]);
        assert.ok([0, 1].includes(first.exitCode), first.stderr);
        const report = JSON.parse(first.stdout);
        assert.equal(report.records.brandDetailsRead, counts.Brand_Detail__c);
        assert.equal(report.records.potentialsRead, counts.Potential__c);
        assert.equal(report.records.accountsRead, counts.Account);
        // Every object above 10,000 records is read with a Bulk query job, each result page streamed.
        const pages = standin.stats().requests.bulkQueryResults;
        const expectedPages = [counts.Account, counts.Potential__c, counts.Brand_Detail__c].reduce(
            (sum, n) => sum + Math.ceil(n / PAGE),
            0
        );
        assert.equal(pages, expectedPages, 'one request per result page of at most 5,000 records');
        const { bulkQueryCreate, bulkQueryDelete } = standin.stats().requests;
        assert.deepEqual([bulkQueryCreate, bulkQueryDelete], [3, 3], 'every query job is deleted once read');
        assert.equal(report.api.byKind.query ?? 0, 0, 'no REST paging for large objects');
        assert.ok(
            report.jobs.length >= 2 &&
                report.jobs.every((job: { state: string }) => job.state === 'JobComplete'),
            JSON.stringify(report.jobs)
        );
        assert.equal(report.records.written + report.records.failed, report.records.changed);
        const classified = (await recordsOf(standin, 'Brand_Detail__c', ['Classified_At__c'])).filter(
            (row) => row.Classified_At__c !== ''
        ).length;
        assert.equal(classified, report.records.written);

        const second = await runCommand([
            ...orgArgs(standin),
            '--out',
            await mkdtemp(path.join(os.tmpdir(), 'large-out-')),
            '--json'
        ]);
        const again = JSON.parse(second.stdout);
        assert.equal(again.records.changed, 0, 'nothing changes on unchanged data');
        assert.equal(again.records.potentialsToUpsert, 0);
        assert.equal(again.jobs.length, 0, 'and no ingest job is opened');
    } finally {
        await standin.close();
    }
});

test('a Bulk query job is deleted also when the read stops before its last page', async () => {
    const standin = await standinLoadedFrom(await writeBoundaryOrg(), { bulkPageSize: 5 });
    standin.setFaults([{ effect: 'requestLimit', method: 'GET', path: '/results', skip: 1 }]);
    try {
        const result = await runCommand([
            ...orgArgs(standin),
            ...['--out', await mkdtemp(path.join(os.tmpdir(), 'large-out-')), '--no-estimate'],
            ...['--bulk-query-from', '5']
        ]);
        assert.equal(result.exitCode, 2);
        assert.match(result.stderr, /daily API requests are used up/);
        const { bulkQueryCreate, bulkQueryResults, bulkQueryDelete } = standin.stats().requests;
        assert.deepEqual([bulkQueryCreate, bulkQueryResults, bulkQueryDelete], [1, 2, 1]);
    } finally {
        await standin.close();
    }
});
