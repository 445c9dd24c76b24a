import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Standin } from '../../../scripts/dev/standin/server.ts';
import { api, connection, IDS, json, startFixture } from './helpers.ts';

type JobInfo = {
    id: string;
    state: string;
    numberRecordsProcessed?: number;
    numberRecordsFailed?: number;
    errorMessage?: string;
    contentUrl?: string;
};

/** Creates an ingest job, uploads the CSV, closes it and polls it to its end state. */
async function runIngest(standin: Standin, job: Record<string, unknown>, csv: string): Promise<JobInfo> {
    const created = await json<JobInfo>(
        api(standin, '/jobs/ingest', {
            method: 'POST',
            json: { contentType: 'CSV', lineEnding: 'LF', ...job }
        })
    );
    const upload = await api(standin, `/jobs/ingest/${created.id}/batches`, {
        method: 'PUT',
        headers: { 'Content-Type': 'text/csv' },
        body: csv
    });
    assert.equal(upload.status, 201);
    await json(
        api(standin, `/jobs/ingest/${created.id}`, { method: 'PATCH', json: { state: 'UploadComplete' } })
    );
    for (;;) {
        const info = await json<JobInfo>(api(standin, `/jobs/ingest/${created.id}`));
        if (['JobComplete', 'Failed', 'Aborted'].includes(info.state)) return info;
    }
}

async function text(standin: Standin, path: string): Promise<string> {
    return (await api(standin, path)).text();
}

describe('Bulk API 2.0 query', () => {
    let standin: Standin;
    before(async () => {
        standin = await startFixture({ bulkPageSize: 2 });
    });
    after(() => standin.close());

    test('a job goes UploadComplete → InProgress → JobComplete and pages its CSV by locator', async () => {
        const soql =
            'SELECT Id, Brand__c, VG_Potential_Share__c, VG_Ever_Had_Share__c, Last_Visit_Date__c, Classified_At__c, Classification_Reason__c FROM Brand_Detail__c ORDER BY Id';
        const job = await json<JobInfo & { object: string; operation: string }>(
            api(standin, '/jobs/query', { method: 'POST', json: { operation: 'query', query: soql } })
        );
        assert.deepEqual(
            [job.state, job.object, job.operation],
            ['UploadComplete', 'Brand_Detail__c', 'query']
        );
        const early = await api(standin, `/jobs/query/${job.id}/results`);
        assert.equal(early.status, 400);
        const running = await api(standin, `/jobs/query/${job.id}`, { method: 'DELETE' });
        assert.equal(running.status, 400, 'a job that has not ended cannot be deleted');
        assert.deepEqual(await running.json(), [
            {
                errorCode: 'API_ERROR',
                message: 'Error encountered when deleting the job because the job is not terminated'
            }
        ]);
        assert.equal((await json<JobInfo>(api(standin, `/jobs/query/${job.id}`))).state, 'InProgress');
        const done = await json<JobInfo>(api(standin, `/jobs/query/${job.id}`));
        assert.deepEqual([done.state, done.numberRecordsProcessed], ['JobComplete', 3]);

        const first = await api(standin, `/jobs/query/${job.id}/results`);
        assert.equal(first.headers.get('content-type'), 'text/csv');
        assert.equal(first.headers.get('sforce-numberofrecords'), '2');
        const locator = first.headers.get('sforce-locator')!;
        assert.notEqual(locator, 'null');
        assert.equal(
            await first.text(),
            '"Id","Brand__c","VG_Potential_Share__c","VG_Ever_Had_Share__c","Last_Visit_Date__c","Classified_At__c","Classification_Reason__c"\n' +
                `"${IDS.loonVaillant}","Vaillant","4.76","false","2026-11-05","",""\n` +
                `"${IDS.loonAwb}","AWB","","true","","2026-11-24T23:00:00.000Z",""\n`
        );
        const last = await api(standin, `/jobs/query/${job.id}/results?locator=${locator}`);
        assert.deepEqual(
            [last.headers.get('sforce-locator'), last.headers.get('sforce-numberofrecords')],
            ['null', '1']
        );
        assert.match(await last.text(), new RegExp(`^"Id",.*\\n"${IDS.dekkerVaillant}","Vaillant",`));

        const small = await api(standin, `/jobs/query/${job.id}/results?maxRecords=1`);
        assert.equal(small.headers.get('sforce-numberofrecords'), '1');
        const bad = await api(standin, `/jobs/query/${job.id}/results?locator=bogus`);
        assert.equal(bad.status, 400);

        assert.equal((await api(standin, `/jobs/query/${job.id}`, { method: 'DELETE' })).status, 204);
        assert.equal((await api(standin, `/jobs/query/${job.id}`)).status, 404);
    });

    test('jsforce bulk2.query reads every page', async () => {
        const conn = connection(standin);
        const records = await conn.bulk2.query(
            "SELECT Id, Units__c FROM Potential__c WHERE Source__c IN ('Sales', 'Schatting')"
        );
        const rows: Record<string, string>[] = [];
        for await (const record of records) rows.push(record as Record<string, string>);
        assert.deepEqual(rows.map((row) => row.Units__c).sort(), ['10', '30']);
    });

    test('bad queries and COUNT() are refused when the job is created; a job can be aborted', async () => {
        const invalid = await api(standin, '/jobs/query', {
            method: 'POST',
            json: { operation: 'query', query: 'SELECT Nope FROM Account' }
        });
        assert.equal(invalid.status, 400);
        assert.equal((await json<{ errorCode: string }[]>(invalid))[0]!.errorCode, 'INVALID_FIELD');
        const count = await api(standin, '/jobs/query', {
            method: 'POST',
            json: { operation: 'query', query: 'SELECT COUNT() FROM Account' }
        });
        assert.equal(count.status, 400);
        const job = await json<JobInfo>(
            api(standin, '/jobs/query', {
                method: 'POST',
                json: { operation: 'query', query: 'SELECT Id FROM Account' }
            })
        );
        const aborted = await json<JobInfo>(
            api(standin, `/jobs/query/${job.id}`, { method: 'PATCH', json: { state: 'Aborted' } })
        );
        assert.equal(aborted.state, 'Aborted');
        assert.equal((await json<JobInfo>(api(standin, `/jobs/query/${job.id}`))).state, 'Aborted');
    });
});

describe('Bulk API 2.0 ingest', () => {
    let standin: Standin;
    before(async () => {
        standin = await startFixture();
    });
    after(() => standin.close());

    test('update: empty cell keeps, #N/A clears; results CSVs carry sf__ columns and the original row', async () => {
        const created = await json<JobInfo>(
            api(standin, '/jobs/ingest', {
                method: 'POST',
                json: { object: 'Brand_Detail__c', operation: 'update', contentType: 'CSV', lineEnding: 'LF' }
            })
        );
        assert.equal(created.state, 'Open');
        assert.equal(
            created.contentUrl,
            `services/data/v${standin.apiVersion}/jobs/ingest/${created.id}/batches`
        );
        const csv =
            'Id,Customer_Type__c,VG_Potential_Share__c,Last_Visit_Date__c\n' +
            `${IDS.loonVaillant},Keep,,#N/A\n` +
            `${IDS.loonAwb},X,,\n` +
            `${IDS.dekkerVaillant},Grow,veel,\n`;
        await api(standin, `/jobs/ingest/${created.id}/batches`, {
            method: 'PUT',
            headers: { 'Content-Type': 'text/csv' },
            body: csv
        });
        const again = await api(standin, `/jobs/ingest/${created.id}/batches`, {
            method: 'PUT',
            headers: { 'Content-Type': 'text/csv' },
            body: csv
        });
        assert.equal(again.status, 400);
        await api(standin, `/jobs/ingest/${created.id}`, {
            method: 'PATCH',
            json: { state: 'UploadComplete' }
        });
        assert.equal((await json<JobInfo>(api(standin, `/jobs/ingest/${created.id}`))).state, 'InProgress');
        const done = await json<JobInfo>(api(standin, `/jobs/ingest/${created.id}`));
        assert.deepEqual(
            [done.state, done.numberRecordsProcessed, done.numberRecordsFailed],
            ['JobComplete', 3, 2]
        );

        assert.equal(
            await text(standin, `/jobs/ingest/${created.id}/successfulResults/`),
            '"sf__Id","sf__Created","Id","Customer_Type__c","VG_Potential_Share__c","Last_Visit_Date__c"\n' +
                `"${IDS.loonVaillant}","false","${IDS.loonVaillant}","Keep","","#N/A"\n`
        );
        assert.equal(
            await text(standin, `/jobs/ingest/${created.id}/failedResults/`),
            '"sf__Id","sf__Error","Id","Customer_Type__c","VG_Potential_Share__c","Last_Visit_Date__c"\n' +
                `"${IDS.loonAwb}","INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:bad value for restricted picklist field: X:Customer_Type__c --","${IDS.loonAwb}","X","",""\n` +
                `"","INVALID_FIELD:Failed to deserialize field at col 2. Due to, 'veel' is not a valid value for the type xsd:double:VG_Potential_Share__c --","${IDS.dekkerVaillant}","Grow","veel",""\n`
        );
        assert.equal(
            await text(standin, `/jobs/ingest/${created.id}/unprocessedrecords/`),
            '"Id","Customer_Type__c","VG_Potential_Share__c","Last_Visit_Date__c"\n'
        );
        const record = standin.store.get('Brand_Detail__c', IDS.loonVaillant)!;
        assert.deepEqual(
            [record.Customer_Type__c, record.VG_Potential_Share__c, record.Last_Visit_Date__c],
            ['Keep', 4.76, null]
        );
        assert.equal((await api(standin, `/jobs/ingest/${created.id}`, { method: 'DELETE' })).status, 204);
    });

    test('upsert on Key__c reports sf__Created per row', async () => {
        const done = await runIngest(
            standin,
            { object: 'Potential__c', operation: 'upsert', externalIdFieldName: 'Key__c' },
            'Key__c,Account__c,Product_Group__c,Brand__c,Units__c,Source__c\n' +
                `${IDS.dekker}|Ketels|ATAG,${IDS.dekker},Ketels,ATAG,5,Schatting\n` +
                `${IDS.loon}|Ketels|Vaillant,,,,11,\n`
        );
        assert.deepEqual([done.state, done.numberRecordsFailed], ['JobComplete', 0]);
        const rows = (await text(standin, `/jobs/ingest/${done.id}/successfulResults/`))
            .trim()
            .split('\n')
            .slice(1);
        assert.deepEqual(
            rows.map((row) => row.split(',')[1]),
            ['"true"', '"false"']
        );
        assert.equal(standin.store.get('Potential__c', IDS.loonVaillantUnits)!.Units__c, 11);
    });

    test('a header naming an unknown field or the wrong line ending fails the whole job', async () => {
        const unknown = await runIngest(
            standin,
            { object: 'Brand_Detail__c', operation: 'update' },
            `Id,Type_Klant__c\n${IDS.loonAwb},Keep\n`
        );
        assert.deepEqual(
            [unknown.state, unknown.errorMessage, unknown.numberRecordsProcessed],
            ['Failed', 'InvalidBatch : Field name not found : Type_Klant__c', 0]
        );
        assert.equal(
            await text(standin, `/jobs/ingest/${unknown.id}/unprocessedrecords/`),
            `"Id","Type_Klant__c"\n"${IDS.loonAwb}","Keep"\n`
        );
        const crlf = await runIngest(
            standin,
            { object: 'Brand_Detail__c', operation: 'update' },
            `Id,Customer_Type__c\r\n${IDS.loonAwb},Keep\r\n`
        );
        assert.deepEqual(
            [crlf.state, crlf.errorMessage],
            [
                'Failed',
                'ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF'
            ]
        );
        assert.equal(standin.store.get('Brand_Detail__c', IDS.loonAwb)!.Customer_Type__c, null);
    });

    test('jsforce bulk2.loadAndWaitForResults gets successful and failed results', async () => {
        const conn = connection(standin);
        const results = await conn.bulk2.loadAndWaitForResults({
            object: 'Potential__c',
            operation: 'update',
            input: [
                { Id: IDS.loonRemeha, Units__c: 35 },
                { Id: IDS.loonVaillantUnits, Units__c: -4 }
            ],
            pollInterval: 5,
            pollTimeout: 5000
        });
        assert.deepEqual(
            results.successfulResults.map((row) => row.sf__Id),
            [IDS.loonRemeha]
        );
        assert.deepEqual(
            results.failedResults.map((row) => row.sf__Error),
            ['FIELD_CUSTOM_VALIDATION_EXCEPTION:Het aantal mag niet negatief zijn.:Units__c --']
        );
    });
});
