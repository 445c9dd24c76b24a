import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Connection, OAuth2 } from 'jsforce';
import type { Standin } from '../../../scripts/dev/standin/server.ts';
import { api, connection, IDS, rejection, startFixture, json } from './helpers.ts';

type JobInfo = { id: string; state: string; errorMessage?: string; numberRecordsFailed?: number };

function tokenRequest(
    standin: Standin,
    params: Record<string, string>,
    headers: Record<string, string> = {}
): Promise<Response> {
    return fetch(`${standin.instanceUrl}/services/oauth2/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(params).toString()
    });
}

describe('OAuth token endpoint and expired sessions', () => {
    let standin: Standin;
    before(async () => {
        standin = await startFixture();
    });
    afterEach(() => standin.setFaults([]));
    after(() => standin.close());

    test('client credentials: a token response as the org sends it; wrong credentials are OAuth errors', async () => {
        const response = await tokenRequest(standin, {
            grant_type: 'client_credentials',
            client_id: standin.clientId,
            client_secret: standin.clientSecret
        });
        const token = await json<Record<string, string>>(response);
        assert.deepEqual(Object.keys(token).sort(), [
            'access_token',
            'id',
            'instance_url',
            'issued_at',
            'scope',
            'signature',
            'token_type'
        ]);
        assert.deepEqual([token.token_type, token.instance_url], ['Bearer', standin.instanceUrl]);
        assert.equal(
            (await api(standin, '/limits', { headers: { Authorization: `Bearer ${token.access_token}` } }))
                .status,
            200
        );

        const basic = Buffer.from(`${standin.clientId}:${standin.clientSecret}`).toString('base64');
        assert.equal(
            (
                await tokenRequest(
                    standin,
                    { grant_type: 'client_credentials' },
                    { Authorization: `Basic ${basic}` }
                )
            ).status,
            200
        );
        const wrongSecret = await tokenRequest(standin, {
            grant_type: 'client_credentials',
            client_id: standin.clientId,
            client_secret: 'x'
        });
        assert.equal(wrongSecret.status, 400);
        assert.deepEqual(await wrongSecret.json(), {
            error: 'invalid_client',
            error_description: 'invalid client credentials'
        });
        assert.deepEqual(await (await tokenRequest(standin, { grant_type: 'password' })).json(), {
            error: 'unsupported_grant_type',
            error_description: 'grant type not supported'
        });
        assert.deepEqual(
            await (
                await tokenRequest(standin, {
                    grant_type: 'refresh_token',
                    client_id: standin.clientId,
                    refresh_token: 'old'
                })
            ).json(),
            {
                error: 'invalid_grant',
                error_description: 'expired access/refresh token'
            }
        );
    });

    test('expireSession: 401 until a new token is fetched, as the command does with jsforce OAuth2', async () => {
        standin.setFaults([{ effect: 'expireSession', path: '/query' }]);
        const oldToken = standin.accessToken;
        const refused = await api(standin, `/query?q=${encodeURIComponent('SELECT Id FROM Account')}`);
        assert.equal(refused.status, 401);
        const oauth2 = new OAuth2({
            loginUrl: standin.instanceUrl,
            clientId: standin.clientId,
            clientSecret: standin.clientSecret
        });
        const token = await oauth2.requestToken({ grant_type: 'client_credentials' });
        assert.equal(
            (await api(standin, '/limits', { headers: { Authorization: `Bearer ${token.access_token}` } }))
                .status,
            200
        );
        assert.equal(
            (await api(standin, '/limits', { headers: { Authorization: `Bearer ${oldToken}` } })).status,
            401
        );
    });

    test('expireSession: jsforce with a refresh token renews the session and repeats the request', async () => {
        standin.setFaults([{ effect: 'expireSession', method: 'GET', path: '/query' }]);
        standin.resetStats();
        const conn = new Connection({
            oauth2: {
                loginUrl: standin.instanceUrl,
                clientId: standin.clientId,
                clientSecret: standin.clientSecret
            },
            instanceUrl: standin.instanceUrl,
            accessToken: standin.accessToken,
            refreshToken: standin.refreshToken,
            version: standin.apiVersion
        });
        const result = await conn.query('SELECT Id FROM Account');
        assert.equal(result.totalSize, 2);
        const { requests } = standin.stats();
        assert.deepEqual([requests.query, requests.auth], [2, 1]);
    });
});

describe('request faults and the daily limit', () => {
    let standin: Standin;
    before(async () => {
        standin = await startFixture({ dailyApiLimit: { max: 30, used: 0 } });
    });
    afterEach(() => standin.setFaults([]));
    after(() => standin.close());

    test('unavailable: 503 with an HTML maintenance page, `times` times, then served again', async () => {
        standin.setFaults([{ effect: 'unavailable', path: '/limits', times: 2 }]);
        for (let i = 0; i < 2; i++) {
            const refused = await api(standin, '/limits');
            assert.equal(refused.status, 503);
            assert.match(refused.headers.get('content-type') ?? '', /^text\/html/);
            assert.match(await refused.text(), /Maintenance/);
        }
        assert.equal((await api(standin, '/limits')).status, 200);
    });

    test('jsforce retries a GET on 503 by itself, but not a PATCH: that one surfaces as ERROR_HTTP_503', async () => {
        const conn = connection(standin);
        standin.setFaults([{ effect: 'unavailable', path: '/limits' }]);
        standin.resetStats();
        await conn.request('/limits');
        assert.equal(standin.stats().requests.limits, 2);
        standin.setFaults([{ effect: 'unavailable', path: '/composite/sobjects' }]);
        const error = await rejection(
            conn
                .sobject('Brand_Detail__c')
                .update([{ Id: IDS.loonAwb, Customer_Type__c: 'Get' }], { allOrNone: false })
        );
        assert.equal(error.errorCode, 'ERROR_HTTP_503');
    });

    test('reset destroys the socket; requestNumber picks the nth data request', async () => {
        standin.resetStats();
        standin.setFaults([{ effect: 'reset', requestNumber: 2 }]);
        assert.equal((await api(standin, '/limits')).status, 200);
        await assert.rejects(api(standin, '/limits'), /fetch failed/);
        assert.equal((await api(standin, '/limits')).status, 200);
    });

    test('a rule picks its request by method, path and a piece of the query string, after `skip` matches', async () => {
        const query = (soql: string) => api(standin, `/query?q=${encodeURIComponent(soql)}`);
        standin.setFaults([
            { effect: 'unavailable', method: 'GET', path: '/query', query: 'Units__c', skip: 1 }
        ]);
        assert.equal((await query('SELECT COUNT() FROM Potential__c')).status, 200, 'no Units__c');
        assert.equal((await query('SELECT Id, Units__c FROM Potential__c')).status, 200, 'skipped');
        assert.equal((await query('SELECT Id, Units__c FROM Potential__c')).status, 503);
        assert.equal((await query('SELECT Id, Units__c FROM Potential__c')).status, 200, 'used up');
    });

    test('loseResponse: the write lands, but the answer never arrives', async () => {
        standin.setFaults([{ effect: 'loseResponse', method: 'PATCH', path: '/composite/sobjects' }]);
        const write = connection(standin)
            .sobject('Brand_Detail__c')
            .update([{ Id: IDS.loonAwb, Potential_Segment__c: '75+' }], { allOrNone: false });
        assert.match(String(await rejection(write)), /socket hang up|ECONNRESET|terminated|fetch failed/i);
        assert.equal(standin.store.get('Brand_Detail__c', IDS.loonAwb)!.Potential_Segment__c, '75+');
    });

    test('requestLimit and an exhausted daily allocation are 403 REQUEST_LIMIT_EXCEEDED', async () => {
        standin.setFaults([{ effect: 'requestLimit', method: 'GET' }]);
        const limited = await rejection(connection(standin).query('SELECT Id FROM Account'));
        assert.deepEqual(
            [limited.errorCode, limited.message],
            ['REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.']
        );
        standin.setFaults([]);
        const { used, max } = standin.stats().apiUsage;
        for (let i = used; i < max; i++) assert.equal((await api(standin, '/limits')).status, 200);
        const exhausted = await api(standin, '/limits');
        assert.equal(exhausted.status, 403);
        assert.equal(exhausted.headers.get('sforce-limit-info'), `api-usage=${max}/${max}`);
        assert.deepEqual(await exhausted.json(), [
            { message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }
        ]);
    });

    test('fault rules are validated, also through the admin endpoint', async () => {
        assert.throws(() => standin.setFaults([{ effect: 'lockRow' }]), /recordIds: lockRow needs recordIds/);
        assert.throws(() => standin.setFaults([{ effect: 'explode' as 'reset' }]), /effect/);
        const refused = await fetch(`${standin.instanceUrl}/__standin/faults`, {
            method: 'POST',
            body: '[{"effect":"reset","times":0}]'
        });
        assert.equal(refused.status, 400);
        const accepted = await fetch(`${standin.instanceUrl}/__standin/faults`, {
            method: 'POST',
            body: '[{"effect":"unavailable","path":"/limits","times":"always"}]'
        });
        assert.equal(accepted.status, 204);
        for (let i = 0; i < 3; i++) assert.equal((await api(standin, '/limits')).status, 503);
    });
});

describe('record and job faults', () => {
    let standin: Standin;
    before(async () => {
        standin = await startFixture({ jobDelay: { polls: 0 } });
    });
    afterEach(() => standin.setFaults([]));
    after(() => standin.close());

    async function ingest(csv: string): Promise<JobInfo> {
        const job = await json<JobInfo>(
            api(standin, '/jobs/ingest', {
                method: 'POST',
                json: { object: 'Brand_Detail__c', operation: 'update' }
            })
        );
        await api(standin, `/jobs/ingest/${job.id}/batches`, {
            method: 'PUT',
            headers: { 'Content-Type': 'text/csv' },
            body: csv
        });
        await api(standin, `/jobs/ingest/${job.id}`, { method: 'PATCH', json: { state: 'UploadComplete' } });
        return await json<JobInfo>(api(standin, `/jobs/ingest/${job.id}`));
    }

    test('lockRow: the listed record fails UNABLE_TO_LOCK_ROW once, then writes', async () => {
        standin.setFaults([{ effect: 'lockRow', recordIds: [IDS.loonAwb.slice(0, 15)] }]);
        const update = () =>
            connection(standin)
                .sobject('Brand_Detail__c')
                .update(
                    [
                        { Id: IDS.loonVaillant, Customer_Type__c: 'Keep' },
                        { Id: IDS.loonAwb, Customer_Type__c: 'Keep' }
                    ],
                    { allOrNone: false }
                );
        const first = await update();
        assert.deepEqual(first[1], {
            id: IDS.loonAwb,
            success: false,
            errors: [
                {
                    statusCode: 'UNABLE_TO_LOCK_ROW',
                    message: `unable to obtain exclusive access to this record or 1 records: ${IDS.loonAwb}`,
                    fields: []
                }
            ]
        });
        assert.equal(first[0]!.success, true);
        assert.deepEqual(
            (await update()).map((result) => result.success),
            [true, true]
        );
    });

    test('lockRow on a master record fails its details in an ingest job (failedResults)', async () => {
        standin.setFaults([{ effect: 'lockRow', recordIds: [IDS.dekker], path: '/jobs/ingest' }]);
        const done = await ingest(
            `Id,Customer_Type__c\n${IDS.dekkerVaillant},Get\n${IDS.loonVaillant},Get\n`
        );
        assert.deepEqual([done.state, done.numberRecordsFailed], ['JobComplete', 1]);
        const failed = await (await api(standin, `/jobs/ingest/${done.id}/failedResults/`)).text();
        assert.match(
            failed,
            new RegExp(
                `"${IDS.dekkerVaillant}","UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record or 1 records: ${IDS.dekker}:--"`
            )
        );
    });

    test('ingestFails: the job ends Failed with its message; every row is unprocessed, nothing written', async () => {
        standin.setFaults([
            { effect: 'ingestFails', message: 'InternalServerError : retried more than 10 times' }
        ]);
        const done = await ingest(`Id,Customer_Type__c\n${IDS.loonAwb},Win-back\n`);
        assert.deepEqual(
            [done.state, done.errorMessage],
            ['Failed', 'InternalServerError : retried more than 10 times']
        );
        assert.equal(
            await (await api(standin, `/jobs/ingest/${done.id}/unprocessedrecords/`)).text(),
            `"Id","Customer_Type__c"\n"${IDS.loonAwb}","Win-back"\n`
        );
        assert.notEqual(standin.store.get('Brand_Detail__c', IDS.loonAwb)!.Customer_Type__c, 'Win-back');
    });

    test('stuck: the job stays InProgress however often it is polled, and can be aborted', async () => {
        standin.setFaults([{ effect: 'stuck', path: '/jobs/query' }]);
        const job = await json<JobInfo>(
            api(standin, '/jobs/query', {
                method: 'POST',
                json: { operation: 'query', query: 'SELECT Id FROM Account' }
            })
        );
        for (let i = 0; i < 5; i++) {
            assert.equal((await json<JobInfo>(api(standin, `/jobs/query/${job.id}`))).state, 'InProgress');
        }
        const aborted = await json<JobInfo>(
            api(standin, `/jobs/query/${job.id}`, { method: 'PATCH', json: { state: 'Aborted' } })
        );
        assert.equal(aborted.state, 'Aborted');
    });

    test('request faults can match the records a write names', async () => {
        standin.setFaults([{ effect: 'unavailable', recordIds: [IDS.dekkerVaillant] }]);
        const patch = (id: string) =>
            api(standin, '/composite/sobjects', {
                method: 'PATCH',
                json: {
                    allOrNone: false,
                    records: [{ attributes: { type: 'Brand_Detail__c' }, id, Customer_Type__c: 'Grow' }]
                }
            });
        assert.equal((await patch(IDS.loonVaillant)).status, 200);
        assert.equal((await patch(IDS.dekkerVaillant)).status, 503);
        assert.equal((await patch(IDS.dekkerVaillant)).status, 200);
    });
});
