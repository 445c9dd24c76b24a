import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Standin } from '../../../scripts/dev/standin/server.ts';
import { startStandin } from '../../../scripts/dev/standin/server.ts';
import { api, json } from './helpers.ts';

const ACCOUNTS = 100_000;
const BRAND_DETAILS = 200_000;
const POTENTIALS = 700_000;
const BRANDS = ['Vaillant', 'AWB', 'Remeha', 'Nefit Bosch', 'Intergas', 'ATAG', 'Daikin'];

function* accounts(): Generator<Record<string, unknown>> {
    for (let i = 0; i < ACCOUNTS; i++) {
        yield {
            Name: `Installateur ${i}`,
            Company_Size__c: '2. 3 - 5 medewerkers',
            Revenue_12M__c: i * 10.5,
            VG_Units_12M__c: i % 40
        };
    }
}

describe('a million records', () => {
    let standin: Standin;
    let accountIds: string[];
    let loadMs: number;

    before(async () => {
        standin = await startStandin({ jobDelay: { polls: 0 } });
        const started = performance.now();
        accountIds = standin.store.insert('Account', accounts());
        standin.store.insert(
            'Brand_Detail__c',
            (function* () {
                for (let i = 0; i < BRAND_DETAILS; i++) {
                    yield {
                        Account__c: accountIds[i >> 1],
                        Brand__c: i % 2 ? 'AWB' : 'Vaillant',
                        Last_Visit_Date__c: '2026-03-01',
                        Customer_Type__c: 'Grow'
                    };
                }
            })()
        );
        standin.store.insert(
            'Potential__c',
            (function* () {
                for (let i = 0; i < POTENTIALS; i++) {
                    const account = accountIds[i % ACCOUNTS]!;
                    const brand = BRANDS[Math.floor(i / ACCOUNTS)]!;
                    yield {
                        Account__c: account,
                        Product_Group__c: 'Ketels',
                        Brand__c: brand,
                        Units__c: i % 97,
                        Source__c: 'Sales',
                        Key__c: `${account}|Ketels|${brand}`
                    };
                }
            })()
        );
        loadMs = performance.now() - started;
    });
    after(() => standin.close());

    test('load through store.insert', (t) => {
        t.diagnostic(`1,000,000 records loaded in ${Math.round(loadMs)} ms`);
        assert.equal(standin.store.count('Potential__c'), POTENTIALS);
    });

    test('a Bulk query streams 700,000 rows in pages of 50,000', async (t) => {
        const started = performance.now();
        const soql = 'SELECT Id, Account__c, Brand__c, Units__c, Source__c, Key__c FROM Potential__c';
        const job = await json<{ id: string }>(
            api(standin, '/jobs/query', { method: 'POST', json: { operation: 'query', query: soql } })
        );
        assert.equal(
            (await json<{ state: string }>(api(standin, `/jobs/query/${job.id}`))).state,
            'JobComplete'
        );
        let locator = '';
        let rows = 0;
        let pages = 0;
        do {
            const response = await api(
                standin,
                `/jobs/query/${job.id}/results${locator ? `?locator=${locator}` : ''}`
            );
            assert.equal(
                response.headers.get('transfer-encoding'),
                'chunked',
                'pages are streamed, not built whole'
            );
            const body = await response.text();
            const count = Number(response.headers.get('sforce-numberofrecords'));
            assert.equal(body.split('\n').length - 2, count);
            rows += count;
            pages += 1;
            locator = response.headers.get('sforce-locator')!;
        } while (locator !== 'null');
        assert.deepEqual([rows, pages], [POTENTIALS, 14]);
        t.diagnostic(`700,000 rows read in ${Math.round(performance.now() - started)} ms`);
    });

    test('a 100,000-row ingest update goes through in one job', async (t) => {
        const ids = standin.store
            .all('Brand_Detail__c')
            .slice(0, 100_000)
            .map((record) => String(record.Id));
        const started = performance.now();
        const job = await json<{ id: string }>(
            api(standin, '/jobs/ingest', {
                method: 'POST',
                json: { object: 'Brand_Detail__c', operation: 'update' }
            })
        );
        const csv = `Id,Customer_Type__c,VG_Potential_Share__c\n${ids.map((id, i) => `${id},Keep,${i % 100}.5`).join('\n')}\n`;
        assert.equal(
            (
                await api(standin, `/jobs/ingest/${job.id}/batches`, {
                    method: 'PUT',
                    headers: { 'Content-Type': 'text/csv' },
                    body: csv
                })
            ).status,
            201
        );
        await api(standin, `/jobs/ingest/${job.id}`, { method: 'PATCH', json: { state: 'UploadComplete' } });
        const done = await json<{
            state: string;
            numberRecordsProcessed: number;
            numberRecordsFailed: number;
        }>(api(standin, `/jobs/ingest/${job.id}`));
        assert.deepEqual(
            [done.state, done.numberRecordsProcessed, done.numberRecordsFailed],
            ['JobComplete', 100_000, 0]
        );
        assert.equal(standin.store.get('Brand_Detail__c', ids[99_999]!)!.VG_Potential_Share__c, 99.5);
        t.diagnostic(`100,000 rows written in ${Math.round(performance.now() - started)} ms`);
    });
});
