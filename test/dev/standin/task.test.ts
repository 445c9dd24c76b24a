import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { STANDIN_USERS } from '../../../scripts/dev/standin/auth.ts';
import { readOrgSchema } from '../../../scripts/dev/standin/schema.ts';
import type { Standin } from '../../../scripts/dev/standin/server.ts';
import { api, connection, FIXED_NOW, IDS, json, startFixture } from './helpers.ts';

/** A follow-up task as the nightly run creates one. */
function followUp(whatId: string, key: string, more: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        OwnerId: STANDIN_USERS.sales.id,
        WhatId: whatId,
        Subject: 'Bezoek De heer R. Loon (Vaillant)',
        Description: 'Het bezoek is aan de beurt.\nGrote klant: elke 90 dagen.',
        ActivityDate: '2026-11-25',
        Follow_Up_Key__c: key,
        Follow_Up_Reason__c: 'Bezoek gepland',
        ...more
    };
}

type SaveResult = {
    id?: string;
    success: boolean;
    errors: { statusCode: string; message: string; fields: string[] }[];
};

test('schema: Task has the standard fields the follow-up tasks use and the Activity custom fields', () => {
    const task = readOrgSchema().objects.get('Task')!;
    assert.equal(task.keyPrefix, '00T');
    assert.equal(task.nameField.kind, 'none');
    assert.equal(task.fieldByLowerName.get('name'), undefined, 'a task has no Name');
    const field = (name: string) => task.fieldByLowerName.get(name.toLowerCase())!;
    assert.deepEqual([field('Follow_Up_Key__c').length, field('Follow_Up_Key__c').externalId], [80, true]);
    assert.equal(field('Follow_Up_Key__c').unique, undefined, 'the key is not unique');
    assert.deepEqual(
        [...field('Follow_Up_Reason__c').picklist!.values],
        ['Bezoek gepland', 'Type klant gedaald']
    );
    assert.deepEqual([field('Status').required, field('Status').defaultValue], [true, 'Not Started']);
    assert.deepEqual([field('Priority').required, field('Priority').defaultValue], [true, 'Normal']);
    assert.deepEqual([field('IsClosed').createable, field('IsClosed').updateable], [false, false]);
    assert.equal(field('OwnerId').defaultsToCurrentUser, true);
    const schema = readOrgSchema();
    assert.equal(
        schema.objects.get('Brand_Detail__c')!.allowsActivities,
        true,
        'enableActivities in the metadata'
    );
    assert.equal(schema.objects.get('Potential__c')!.allowsActivities, false);
    assert.equal(schema.objects.get('Account')!.allowsActivities, true);
});

describe('Task: create, query, close', () => {
    let standin: Standin;
    before(async () => {
        standin = await startFixture();
    });
    after(() => standin.close());

    test('a loaded account without an owner belongs to whoever made it (sales)', async () => {
        const page = await json<{ records: { OwnerId: string }[] }>(
            api(
                standin,
                `/query?q=${encodeURIComponent(`SELECT OwnerId FROM Account WHERE Id = '${IDS.loon}'`)}`
            )
        );
        assert.equal(page.records[0]!.OwnerId, STANDIN_USERS.sales.id);
    });

    test('Collections create: Id 00T…, Status and Priority defaulted, open, stamped by the session user', async () => {
        const results = (await connection(standin)
            .sobject('Task')
            .create(
                [
                    followUp(IDS.loonVaillant, `${IDS.loonVaillant}|Bezoek gepland|2026-11-25`),
                    followUp(IDS.loonAwb, `${IDS.loonAwb}|Bezoek gepland|2026-11-25`, { OwnerId: undefined })
                ],
                { allOrNone: false }
            )) as SaveResult[];
        assert.deepEqual(
            results.map((result) => [result.success, result.id?.slice(0, 3)]),
            [
                [true, '00T'],
                [true, '00T']
            ]
        );
        const soql = `SELECT Id, OwnerId, WhatId, Status, Priority, IsClosed, ActivityDate, CreatedDate, CreatedById, Follow_Up_Key__c FROM Task WHERE Follow_Up_Key__c IN ('${IDS.loonVaillant}|Bezoek gepland|2026-11-25', '${IDS.loonAwb}|bezoek GEPLAND|2026-11-25') ORDER BY Id`;
        const page = await json<{ totalSize: number; records: Record<string, unknown>[] }>(
            api(standin, `/query?q=${encodeURIComponent(soql)}`)
        );
        assert.equal(page.totalSize, 2, 'IN on the key matches without case, as text does in SOQL');
        const [first, second] = page.records;
        assert.deepEqual(
            [first!.Status, first!.Priority, first!.IsClosed, first!.ActivityDate, first!.WhatId],
            ['Not Started', 'Normal', false, '2026-11-25', IDS.loonVaillant]
        );
        assert.equal(first!.CreatedById, STANDIN_USERS.integration.id);
        assert.equal(first!.CreatedDate, `${FIXED_NOW.toISOString().slice(0, 23)}+0000`);
        assert.equal(first!.OwnerId, STANDIN_USERS.sales.id);
        assert.equal(second!.OwnerId, STANDIN_USERS.integration.id, 'OwnerId defaults to the creating user');
    });

    test('a person closes a task: Status Completed makes IsClosed true, LastModifiedById is theirs', async () => {
        const [task] = standin.store.all('Task');
        const sales = standin.sessionFor(STANDIN_USERS.sales);
        const response = await api(standin, '/composite/sobjects', {
            method: 'PATCH',
            headers: { Authorization: `Bearer ${sales}` },
            json: {
                allOrNone: false,
                records: [{ attributes: { type: 'Task' }, Id: task!.Id, Status: 'Completed' }]
            }
        });
        assert.deepEqual(((await response.json()) as SaveResult[])[0]!.success, true);
        const open = await json<{ totalSize: number }>(
            api(standin, `/query?q=${encodeURIComponent('SELECT COUNT() FROM Task WHERE IsClosed = false')}`)
        );
        assert.equal(open.totalSize, 1);
        const closed = await json<{ records: Record<string, unknown>[] }>(
            api(
                standin,
                `/query?q=${encodeURIComponent('SELECT Id, Status, LastModifiedById FROM Task WHERE IsClosed = true')}`
            )
        );
        assert.deepEqual(
            closed.records.map((record) => [record.Id, record.Status, record.LastModifiedById]),
            [[task!.Id, 'Completed', STANDIN_USERS.sales.id]]
        );
    });

    test('refused per record: inactive owner, WhatId of an object without activities or of no record, IsClosed, bad reason', async () => {
        const results = (await connection(standin)
            .sobject('Task')
            .create(
                [
                    followUp(IDS.loonVaillant, 'k1', { OwnerId: STANDIN_USERS.former.id }),
                    followUp(IDS.loonRemeha, 'k2'),
                    followUp('a018d0000000099AAA', 'k3'),
                    followUp(IDS.loonVaillant, 'k4', { IsClosed: true }),
                    followUp(IDS.loonVaillant, 'k5', { Follow_Up_Reason__c: 'Bellen' }),
                    followUp(IDS.loonVaillant, 'k'.repeat(81)),
                    followUp(IDS.loonVaillant, 'k7', { Status: 'Gedaan' })
                ],
                { allOrNone: false }
            )) as SaveResult[];
        assert.deepEqual(
            results.map((result) => [result.success, result.errors[0]?.statusCode, result.errors[0]?.fields]),
            [
                [false, 'INACTIVE_OWNER_OR_USER', []],
                [false, 'FIELD_INTEGRITY_EXCEPTION', ['WhatId']],
                [false, 'INVALID_CROSS_REFERENCE_KEY', ['WhatId']],
                [false, 'INVALID_FIELD_FOR_INSERT_UPDATE', ['IsClosed']],
                [false, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', ['Follow_Up_Reason__c']],
                [false, 'STRING_TOO_LONG', ['Follow_Up_Key__c']],
                [false, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', ['Status']]
            ]
        );
        assert.equal(
            results[1]!.errors[0]!.message,
            `Related To ID: id value of incorrect type: ${IDS.loonRemeha}`
        );
        assert.equal(results[0]!.errors[0]!.message, 'operation performed with inactive user');
        assert.equal(standin.store.count('Task'), 2, 'nothing refused was stored');
    });

    test('Bulk API 2.0: ingest insert creates tasks (sf__Created true), a query job reads them as CSV', async () => {
        const conn = connection(standin);
        const key = `${IDS.dekkerVaillant}|Type klant gedaald|2026-11-25`;
        const results = await conn.bulk2.loadAndWaitForResults({
            object: 'Task',
            operation: 'insert',
            input: [
                'OwnerId,WhatId,Subject,Description,ActivityDate,Follow_Up_Key__c,Follow_Up_Reason__c',
                `${STANDIN_USERS.sales.id},${IDS.dekkerVaillant},Type klant gedaald,"Keep → Grow:\nVG-aandeel 80% → 60%",2026-11-25,${key},Type klant gedaald`,
                `${STANDIN_USERS.former.id},${IDS.dekkerVaillant},x,y,2026-11-25,k,Type klant gedaald`
            ].join('\n')
        });
        assert.equal(results.successfulResults.length, 1);
        assert.equal(results.successfulResults[0]!.sf__Created, 'true');
        assert.match(String(results.failedResults[0]!.sf__Error), /^INACTIVE_OWNER_OR_USER:/);
        const rows = await conn.bulk2.query(
            "SELECT WhatId, Follow_Up_Key__c, Description, IsClosed FROM Task WHERE Follow_Up_Reason__c = 'Type klant gedaald'"
        );
        const records = (await rows.toArray()) as Record<string, unknown>[];
        assert.deepEqual(records, [
            {
                WhatId: IDS.dekkerVaillant,
                Follow_Up_Key__c: key,
                Description: 'Keep → Grow:\nVG-aandeel 80% → 60%',
                IsClosed: 'false'
            }
        ]);
    });
});
