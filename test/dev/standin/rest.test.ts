import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { STANDIN_USERS } from '../../../scripts/dev/standin/auth.ts';
import { sequentialId } from '../../../scripts/dev/standin/ids.ts';
import type { Standin } from '../../../scripts/dev/standin/server.ts';
import { api, connection, FIXED_NOW, IDS, rejection, startFixture, json } from './helpers.ts';

describe('REST API: sessions, limits, versions', () => {
    let standin: Standin;
    before(async () => {
        standin = await startFixture({ dailyApiLimit: { max: 5000, used: 17 } });
    });
    after(() => standin.close());

    test('a request without a valid session is 401 INVALID_SESSION_ID, not counted against the limit', async () => {
        const response = await api(standin, '/limits', { headers: { Authorization: 'Bearer nope' } });
        assert.equal(response.status, 401);
        assert.deepEqual(await response.json(), [
            { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }
        ]);
        assert.equal(response.headers.get('sforce-limit-info'), 'api-usage=17/5000');
    });

    test('every served request counts: Sforce-Limit-Info and /limits agree', async () => {
        const response = await api(standin, '/limits');
        assert.equal(response.headers.get('sforce-limit-info'), 'api-usage=18/5000');
        assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
        const limits = await json<Record<string, { Max: number; Remaining: number }>>(response);
        assert.deepEqual(limits.DailyApiRequests, { Max: 5000, Remaining: 4982 });
        assert.deepEqual(limits.DailyBulkV2QueryJobs, { Max: 10000, Remaining: 10000 });
    });

    test('a version the org does not serve, an unknown resource and a wrong method answer as the org does', async () => {
        const response = await fetch(`${standin.instanceUrl}/services/data/v99.0/limits`, {
            headers: { Authorization: `Bearer ${standin.accessToken}` }
        });
        assert.equal(response.status, 404);
        assert.deepEqual(await response.json(), [
            { message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }
        ]);
        const older = await fetch(`${standin.instanceUrl}/services/data/v42.0/limits`, {
            headers: { Authorization: `Bearer ${standin.accessToken}` }
        });
        assert.equal(older.status, 200, 'an older version is served too');
        assert.equal((await api(standin, '/sobjects/Account/describe')).status, 404);
        const wrongMethod = await api(standin, '/query', { method: 'PUT' });
        assert.equal(wrongMethod.status, 405);
        assert.deepEqual(await wrongMethod.json(), [
            { message: "HTTP Method 'PUT' not allowed. Allowed are GET", errorCode: 'METHOD_NOT_ALLOWED' }
        ]);
    });

    test("/services/data lists every version from 31.0 (Summer '14) to the newest, without a session", async () => {
        const versions = await json<{ label: string; url: string; version: string }[]>(
            fetch(`${standin.instanceUrl}/services/data`)
        );
        assert.deepEqual(versions[0], { label: "Summer '14", url: '/services/data/v31.0', version: '31.0' });
        assert.deepEqual(versions.at(-1), {
            label: "Winter '26",
            url: '/services/data/v65.0',
            version: standin.apiVersion
        });
        assert.equal(versions.length, 65 - 31 + 1);
        assert.equal(versions.find((v) => v.version === '60.0')?.label, "Spring '24");
    });
});

describe('identity: who the session is', () => {
    const ORG_ID = sequentialId('00D', 7);
    let standin: Standin;
    before(async () => {
        standin = await startFixture({ orgId: ORG_ID });
    });
    after(() => standin.close());

    test('the resources of a version name the identity URL of the session: org id and user id', async () => {
        const resources = await json<Record<string, string>>(api(standin, '/'));
        assert.equal(resources.query, `/services/data/v${standin.apiVersion}/query`);
        assert.equal(
            resources.identity,
            `${standin.instanceUrl}/id/${ORG_ID}/${STANDIN_USERS.integration.id}`
        );
        const asSales = await json<Record<string, string>>(
            api(standin, '/', {
                headers: { Authorization: `Bearer ${standin.sessionFor(STANDIN_USERS.sales)}` }
            })
        );
        assert.match(asSales.identity ?? '', new RegExp(`/${STANDIN_USERS.sales.id}$`));
        assert.ok(
            standin.accessToken.startsWith(`${ORG_ID.slice(0, 15)}!`),
            'a session id starts with the 15-character org id'
        );
    });

    test('userinfo answers the OpenID claims of the session; a token it does not accept is 403 Bad_OAuth_Token', async () => {
        const userinfo = (token: string) =>
            fetch(`${standin.instanceUrl}/services/oauth2/userinfo`, {
                headers: { Authorization: `Bearer ${token}` }
            });
        const used = standin.stats().apiUsage.used;
        const claims = await json<Record<string, unknown>>(userinfo(standin.accessToken));
        assert.equal(claims.user_id, STANDIN_USERS.integration.id);
        assert.equal(claims.organization_id, ORG_ID);
        assert.equal(claims.preferred_username, STANDIN_USERS.integration.username);
        assert.equal(claims.sub, `${standin.instanceUrl}/id/${ORG_ID}/${STANDIN_USERS.integration.id}`);
        const refused = await userinfo(`${ORG_ID.slice(0, 15)}!expired`);
        assert.equal(refused.status, 403);
        assert.equal(await refused.text(), 'Bad_OAuth_Token');
        assert.equal(standin.stats().apiUsage.used, used, 'userinfo is not an API request');
    });

    test('the User record answers its Username at any served version; another Id is 404', async () => {
        const user = await fetch(
            `${standin.instanceUrl}/services/data/v51.0/sobjects/User/${STANDIN_USERS.integration.id}`,
            { headers: { Authorization: `Bearer ${standin.accessToken}` } }
        );
        assert.equal(user.status, 200);
        const record = (await user.json()) as Record<string, unknown>;
        assert.equal(record.Username, STANDIN_USERS.integration.username);
        assert.deepEqual(record.attributes, {
            type: 'User',
            url: `/services/data/v51.0/sobjects/User/${STANDIN_USERS.integration.id}`
        });
        assert.equal((await api(standin, `/sobjects/User/${IDS.loon}`)).status, 404);
    });

    test('every write stamps the session user in LastModifiedById (CreatedById on create); loaded records name sales', async () => {
        const before = standin.store.get('Brand_Detail__c', IDS.loonVaillant);
        assert.equal(before?.LastModifiedById, STANDIN_USERS.sales.id);
        const update = (token: string, fields: object) =>
            api(standin, '/composite/sobjects', {
                method: 'PATCH',
                headers: { Authorization: `Bearer ${token}` },
                json: {
                    records: [{ attributes: { type: 'Brand_Detail__c' }, Id: IDS.loonVaillant, ...fields }]
                }
            });
        assert.equal((await update(standin.accessToken, { Customer_Type__c: 'Grow' })).status, 200);
        const after = standin.store.get('Brand_Detail__c', IDS.loonVaillant);
        assert.equal(after?.LastModifiedById, STANDIN_USERS.integration.id);
        assert.equal(after?.CreatedById, STANDIN_USERS.sales.id);
        const byIntegration = `SELECT COUNT() FROM Brand_Detail__c WHERE LastModifiedById = '${STANDIN_USERS.integration.id.slice(0, 15)}'`;
        const count = await json<{ totalSize: number }>(
            api(standin, `/query?q=${encodeURIComponent(byIntegration)}`)
        );
        assert.equal(count.totalSize, 1, 'filtered on the 15-character form of the user id');
    });
});

describe('REST API: query', () => {
    let standin: Standin;
    before(async () => {
        standin = await startFixture({ restPageSize: 2 });
        standin.store.insert('Account', [{ Name: 'Derde' }, { Name: 'Vierde' }, { Name: 'Vijfde' }]);
    });
    after(() => standin.close());

    test('jsforce pages through nextRecordsUrl with queryMore', async () => {
        const conn = connection(standin);
        const first = await conn.query<{ Name: string }>('SELECT Id, Name FROM Account ORDER BY Id');
        assert.equal(first.totalSize, 5);
        assert.equal(first.done, false);
        assert.match(first.nextRecordsUrl ?? '', /\/services\/data\/v\d+\.\d\/query\/01g\w{15}-2$/);
        assert.deepEqual(
            first.records.map((r) => r.Name),
            ['De heer R. Loon', 'Installatiebureau Dekker']
        );
        const second = await conn.queryMore<{ Name: string }>(first.nextRecordsUrl!);
        const third = await conn.queryMore<{ Name: string }>(second.nextRecordsUrl!);
        assert.equal(third.done, true);
        assert.equal(third.nextRecordsUrl, undefined);
        assert.deepEqual(
            [...second.records, ...third.records].map((r) => r.Name),
            ['Derde', 'Vierde', 'Vijfde']
        );
        const all = await conn.query('SELECT Id FROM Account', { autoFetch: true, maxFetch: 100 });
        assert.equal(all.records.length, 5);
    });

    test('records carry attributes and values typed as Salesforce writes them', async () => {
        const response = await api(
            standin,
            `/query?q=${encodeURIComponent(`SELECT Id, Name, Brand__c, VG_Potential_Share__c, VG_Ever_Had_Share__c, Last_Visit_Date__c, Classified_At__c, Days_Since_Last_Visit__c, Potential_Segment__c, CreatedDate FROM Brand_Detail__c WHERE Id IN ('${IDS.loonVaillant}', '${IDS.loonAwb}') ORDER BY Id`)}`
        );
        const page = await json<{ totalSize: number; done: boolean; records: unknown[] }>(response);
        assert.equal(page.totalSize, 2);
        assert.deepEqual(page.records, [
            {
                attributes: {
                    type: 'Brand_Detail__c',
                    url: `/services/data/v${standin.apiVersion}/sobjects/Brand_Detail__c/${IDS.loonVaillant}`
                },
                Id: IDS.loonVaillant,
                Name: 'Vaillant - Loon',
                Brand__c: 'Vaillant',
                VG_Potential_Share__c: 4.76,
                VG_Ever_Had_Share__c: false,
                Last_Visit_Date__c: '2026-11-05',
                Classified_At__c: null,
                Days_Since_Last_Visit__c: 20,
                Potential_Segment__c: null,
                CreatedDate: '2026-11-25T01:00:00.000+0000'
            },
            {
                attributes: {
                    type: 'Brand_Detail__c',
                    url: `/services/data/v${standin.apiVersion}/sobjects/Brand_Detail__c/${IDS.loonAwb}`
                },
                Id: IDS.loonAwb,
                Name: 'AWB - Loon',
                Brand__c: 'AWB',
                VG_Potential_Share__c: null,
                VG_Ever_Had_Share__c: true,
                Last_Visit_Date__c: null,
                Classified_At__c: '2026-11-24T23:00:00.000+0000',
                Days_Since_Last_Visit__c: null,
                Potential_Segment__c: null,
                CreatedDate: '2026-11-25T01:00:00.000+0000'
            }
        ]);
    });

    test('SELECT COUNT() answers totalSize and no records', async () => {
        const response = await api(
            standin,
            `/query?q=${encodeURIComponent("SELECT COUNT() FROM Potential__c WHERE Source__c = 'Sales'")}`
        );
        assert.deepEqual(await response.json(), { totalSize: 1, done: true, records: [] });
        assert.equal(await connection(standin).sobject('Account').count(), 5);
    });

    test('bad queries are 400 with the SOQL error codes, seen by jsforce as errorCode', async () => {
        const conn = connection(standin);
        assert.equal(
            (await rejection(conn.query('SELECT Id, Nope__c FROM Account'))).errorCode,
            'INVALID_FIELD'
        );
        assert.equal(
            (await rejection(conn.query('SELECT Id FROM Account WHERE'))).errorCode,
            'MALFORMED_QUERY'
        );
        assert.equal((await rejection(conn.query('SELECT Id FROM Potentie__c'))).errorCode, 'INVALID_TYPE');
        const missing = await api(standin, '/query');
        assert.equal(missing.status, 400);
        assert.deepEqual(await missing.json(), [
            { message: 'A query string has to be specified', errorCode: 'MALFORMED_QUERY' }
        ]);
        const badLocator = await api(standin, '/query/01gXXXXXXXXXXXXXXX-2000');
        assert.deepEqual(await badLocator.json(), [
            { message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }
        ]);
    });
});

describe('REST API: sObject Collections', () => {
    let standin: Standin;
    before(async () => {
        standin = await startFixture();
    });
    after(() => standin.close());

    test('update: each record succeeds or fails on its own with the org error codes (statusCode)', async () => {
        standin.store.delete('Brand_Detail__c', [IDS.dekkerVaillant]);
        const results = await connection(standin)
            .sobject('Brand_Detail__c')
            .update(
                [
                    {
                        Id: IDS.loonVaillant,
                        Customer_Type__c: 'Grow',
                        VG_Potential_Share__c: 25,
                        Classified_At__c: '2026-11-25T01:00:00.000Z'
                    },
                    { Id: IDS.loonAwb, Customer_Type__c: 'Groeier' },
                    { Id: IDS.loonAwb, Classification_Reason__c: 'x'.repeat(256) },
                    { Id: IDS.loonAwb, VG_Potential_Share__c: 1000 },
                    { Id: IDS.loonAwb, Days_Since_Last_Visit__c: 3 },
                    { Id: IDS.loonAwb, Account__c: IDS.dekker },
                    { Id: IDS.loonAwb, Brand__c: null },
                    { Id: 'a01NotAnId', Customer_Type__c: 'Keep' },
                    { Id: IDS.loon, Customer_Type__c: 'Keep' },
                    { Id: 'a018d0000000099AAA', Customer_Type__c: 'Keep' },
                    { Id: IDS.dekkerVaillant, Customer_Type__c: 'Keep' }
                ],
                { allOrNone: false }
            );
        assert.deepEqual(results, [
            { id: IDS.loonVaillant, success: true, errors: [] },
            {
                id: IDS.loonAwb,
                success: false,
                errors: [
                    {
                        statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                        message: 'bad value for restricted picklist field: Groeier',
                        fields: ['Customer_Type__c']
                    }
                ]
            },
            {
                id: IDS.loonAwb,
                success: false,
                errors: [
                    {
                        statusCode: 'STRING_TOO_LONG',
                        message: `Toelichting: data value too large: ${'x'.repeat(256)} (max length=255)`,
                        fields: ['Classification_Reason__c']
                    }
                ]
            },
            {
                id: IDS.loonAwb,
                success: false,
                errors: [
                    {
                        statusCode: 'NUMBER_OUTSIDE_VALID_RANGE',
                        message:
                            'Vaillant Group potentie aandeel: value outside of valid range on numeric field: 1000',
                        fields: ['VG_Potential_Share__c']
                    }
                ]
            },
            {
                id: IDS.loonAwb,
                success: false,
                errors: [
                    {
                        statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
                        message:
                            'Unable to create/update fields: Days_Since_Last_Visit__c. Please check the security settings of this field and verify that it is read/write for your profile or permission set.',
                        fields: ['Days_Since_Last_Visit__c']
                    }
                ]
            },
            {
                id: IDS.loonAwb,
                success: false,
                errors: [
                    {
                        statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
                        message:
                            'Unable to create/update fields: Account__c. Please check the security settings of this field and verify that it is read/write for your profile or permission set.',
                        fields: ['Account__c']
                    }
                ]
            },
            {
                id: IDS.loonAwb,
                success: false,
                errors: [
                    {
                        statusCode: 'REQUIRED_FIELD_MISSING',
                        message: 'Required fields are missing: [Brand__c]',
                        fields: ['Brand__c']
                    }
                ]
            },
            {
                success: false,
                errors: [
                    {
                        statusCode: 'MALFORMED_ID',
                        message: 'Merkgegevens ID: id value of incorrect type: a01NotAnId',
                        fields: ['Id']
                    }
                ]
            },
            {
                success: false,
                errors: [
                    {
                        statusCode: 'MALFORMED_ID',
                        message: `Merkgegevens ID: id value of incorrect type: ${IDS.loon}`,
                        fields: ['Id']
                    }
                ]
            },
            {
                id: 'a018d0000000099AAA',
                success: false,
                errors: [
                    {
                        statusCode: 'INVALID_CROSS_REFERENCE_KEY',
                        message: 'invalid cross reference id',
                        fields: []
                    }
                ]
            },
            {
                id: IDS.dekkerVaillant,
                success: false,
                errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }]
            }
        ]);
        const updated = standin.store.get('Brand_Detail__c', IDS.loonVaillant)!;
        assert.deepEqual(
            [updated.Customer_Type__c, updated.VG_Potential_Share__c, updated.LastModifiedDate],
            ['Grow', 25, FIXED_NOW.toISOString()]
        );
        assert.equal(standin.store.get('Brand_Detail__c', IDS.loonAwb)!.Customer_Type__c, null);
        assert.equal(standin.stats().recordsWritten.Brand_Detail__c, 1);
    });

    test('allOrNone: one failure rolls every record of the call back', async () => {
        const before = standin.store.get('Potential__c', IDS.loonRemeha);
        const results = await connection(standin)
            .sobject('Potential__c')
            .update(
                [
                    { Id: IDS.loonRemeha, Units__c: 40 },
                    { Id: IDS.loonVaillantUnits, Units__c: -1 }
                ],
                { allOrNone: true }
            );
        assert.deepEqual(results, [
            {
                id: IDS.loonRemeha,
                success: false,
                errors: [
                    {
                        statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
                        message:
                            'Record rolled back because not all records were valid and the request was using AllOrNone header',
                        fields: []
                    }
                ]
            },
            {
                id: IDS.loonVaillantUnits,
                success: false,
                errors: [
                    {
                        statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                        message: 'Het aantal mag niet negatief zijn.',
                        fields: ['Units__c']
                    }
                ]
            }
        ]);
        assert.equal(standin.store.get('Potential__c', IDS.loonRemeha), before);
    });

    test('create: defaults, auto-number names, required fields, unique external Ids', async () => {
        const results = await connection(standin)
            .sobject('Potential__c')
            .create(
                [
                    {
                        Account__c: IDS.dekker,
                        Product_Group__c: 'Ketels',
                        Brand__c: 'AWB',
                        Units__c: 3,
                        Key__c: `${IDS.dekker}|Ketels|AWB`
                    },
                    { Account__c: IDS.dekker, Product_Group__c: 'Ketels', Brand__c: 'ATAG' },
                    {
                        Account__c: IDS.dekker,
                        Product_Group__c: 'Ketels',
                        Brand__c: 'Nefit Bosch',
                        Units__c: 1,
                        Key__c: `${IDS.loon}|KETELS|Remeha`
                    },
                    {
                        Account__c: '001000000000000AAA',
                        Product_Group__c: 'Ketels',
                        Brand__c: 'ATAG',
                        Units__c: 1
                    },
                    { Account__c: IDS.loonAwb, Product_Group__c: 'Ketels', Brand__c: 'ATAG', Units__c: 1 }
                ],
                { allOrNone: false }
            );
        const [created, ...failed] = results;
        assert.equal(created!.success, true);
        const record = standin.store.get('Potential__c', created!.id!)!;
        assert.deepEqual([record.Source__c, record.Name], ['Sales', 'P-000003']);
        assert.deepEqual(
            failed.map((result) => (result.success ? 'ok' : result.errors[0])),
            [
                {
                    statusCode: 'REQUIRED_FIELD_MISSING',
                    message: 'Required fields are missing: [Units__c]',
                    fields: ['Units__c']
                },
                {
                    statusCode: 'DUPLICATE_VALUE',
                    message: `duplicate value found: Key__c duplicates value on record with id: ${IDS.loonRemeha}`,
                    fields: ['Key__c']
                },
                {
                    statusCode: 'INVALID_CROSS_REFERENCE_KEY',
                    message: 'invalid cross reference id',
                    fields: ['Account__c']
                },
                {
                    statusCode: 'FIELD_INTEGRITY_EXCEPTION',
                    message: `Account ID: id value of incorrect type: ${IDS.loonAwb}`,
                    fields: ['Account__c']
                }
            ]
        );
        assert.equal(standin.stats().recordsCreated.Potential__c, 1);
    });

    test('upsert on Key__c: created tells insert from update; the master-detail field is not updateable', async () => {
        const conn = connection(standin);
        const results = await conn.sobject('Potential__c').upsert(
            [
                {
                    Key__c: `${IDS.dekker}|Ketels|Intergas`,
                    Account__c: IDS.dekker,
                    Product_Group__c: 'Ketels',
                    Brand__c: 'Intergas',
                    Units__c: 7,
                    Source__c: 'Schatting'
                },
                { Key__c: `${IDS.loon}|Ketels|Vaillant`, Units__c: 12 },
                { Key__c: `${IDS.loon}|Ketels|Remeha`, Account__c: IDS.loon, Units__c: 31 }
            ],
            'Key__c',
            { allOrNone: false }
        );
        assert.equal(results[0]!.success, true);
        assert.deepEqual(results.slice(1), [
            { id: IDS.loonVaillantUnits, success: true, errors: [], created: false },
            {
                success: false,
                errors: [
                    {
                        statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
                        message:
                            'Unable to create/update fields: Account__c. Please check the security settings of this field and verify that it is read/write for your profile or permission set.',
                        fields: ['Account__c']
                    }
                ],
                id: IDS.loonRemeha
            }
        ]);
        assert.equal((results[0] as { created?: boolean }).created, true);
        assert.equal(standin.store.get('Potential__c', IDS.loonVaillantUnits)!.Units__c, 12);
        const duplicates = await conn.sobject('Potential__c').upsert(
            [
                { Key__c: 'k|1', Units__c: 1 },
                { Key__c: 'K|1', Units__c: 2 }
            ],
            'Key__c',
            { allOrNone: false }
        );
        // On the wire the collection error key is statusCode (jsforce's SaveError type says errorCode).
        const codes = duplicates.map((r) =>
            r.success ? 'ok' : (r.errors[0] as unknown as { statusCode: string }).statusCode
        );
        assert.deepEqual(codes, ['DUPLICATE_EXTERNAL_ID', 'DUPLICATE_EXTERNAL_ID']);
    });

    test('requests the org cannot read fail whole with 400: unknown field, wrong type, over 200 records', async () => {
        const conn = connection(standin);
        const unknown = await rejection(
            conn
                .sobject('Brand_Detail__c')
                .update([{ Id: IDS.loonAwb, Type_Klant__c: 'Grow' }], { allOrNone: false })
        );
        assert.equal(unknown.errorCode, 'INVALID_FIELD');
        assert.equal(unknown.message, "No such column 'Type_Klant__c' on sobject of type Brand_Detail__c");
        const wrongType = await api(standin, '/composite/sobjects', {
            method: 'PATCH',
            json: {
                allOrNone: false,
                records: [
                    {
                        attributes: { type: 'Brand_Detail__c' },
                        id: IDS.loonAwb,
                        VG_Potential_Share__c: 'veel'
                    }
                ]
            }
        });
        assert.equal(wrongType.status, 400);
        assert.equal((await json<{ errorCode: string }[]>(wrongType))[0]!.errorCode, 'JSON_PARSER_ERROR');
        const records = Array.from({ length: 201 }, () => ({
            attributes: { type: 'Brand_Detail__c' },
            id: IDS.loonAwb,
            Customer_Type__c: 'Keep'
        }));
        const tooMany = await api(standin, '/composite/sobjects', {
            method: 'PATCH',
            json: { allOrNone: false, records }
        });
        assert.equal(tooMany.status, 400);
        assert.deepEqual(await tooMany.json(), [
            {
                message: 'record limit reached. cannot submit more than 200 records into this call',
                errorCode: 'EXCEEDED_ID_LIMIT'
            }
        ]);
        assert.equal(standin.store.get('Brand_Detail__c', IDS.loonAwb)!.Customer_Type__c, null);
    });
});
