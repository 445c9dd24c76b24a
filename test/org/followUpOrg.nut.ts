import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { STANDIN_USERS } from '../../scripts/dev/standin/auth.ts';
import type { Standin } from '../../scripts/dev/standin/server.ts';
import { CsvFileWriter } from '../../scripts/lib/csv.ts';
import { FOLLOW_UP_TASK_FIELDS } from '../../scripts/lib/followUpTasks.ts';
import { cellTypes } from '../../scripts/lib/picklists.ts';
import { openOrg } from '../../scripts/lib/org/connect.ts';
import { readFollowUps, IDS_PER_QUERY, type ExistingFollowUp } from '../../scripts/lib/org/followUps.ts';
import { DEFAULT_POLL } from '../../scripts/lib/org/query.ts';
import { sendFile, type WriteFailure } from '../../scripts/lib/org/write.ts';
import { FIXED_NOW, IDS, startFixture } from '../dev/standin/helpers.ts';

/** A prepared Task.insert.csv with one follow-up task per (brand detail, occasion, owner). */
async function taskFile(dir: string, rows: { whatId: string; occasion: string; ownerId?: string }[]) {
    const file = path.join(dir, `tasks-${rows.length}-${Date.now()}.csv`);
    const writer = new CsvFileWriter(file, [...FOLLOW_UP_TASK_FIELDS]);
    for (const { whatId, occasion, ownerId } of rows) {
        await writer.write([
            ownerId ?? STANDIN_USERS.sales.id,
            whatId,
            `Bezoek ${occasion}`,
            `Bezoek aan de beurt.\nGrote klant: elke 90 dagen.`,
            '2026-11-25',
            `${whatId}|Bezoek gepland|${occasion}`,
            'Bezoek gepland'
        ]);
    }
    await writer.close();
    return {
        object: 'Task',
        operation: 'insert' as const,
        keyField: 'Follow_Up_Key__c',
        file,
        rows: rows.length,
        types: cellTypes('Task', FOLLOW_UP_TASK_FIELDS)
    };
}

describe('follow-up tasks through the org modules: insert, read back', () => {
    let standin: Standin;
    let dir: string;
    before(async () => {
        standin = await startFixture({ now: () => FIXED_NOW, jobDelay: { polls: 0 } });
        dir = await mkdtemp(path.join(os.tmpdir(), 'follow-up-org-'));
    });
    after(async () => {
        await standin.close();
        await rm(dir, { recursive: true, force: true });
    });
    const open = async () =>
        (
            await openOrg({
                kind: 'access-token',
                instanceUrl: standin.instanceUrl,
                accessToken: standin.accessToken
            })
        ).api;
    /** Sends these tasks through the write module (Bulk from `bulkFromRows`); counts from zero. */
    const send = async (rows: Parameters<typeof taskFile>[1], bulkFromRows = 2000) => {
        const api = await open();
        standin.resetStats();
        const failures: WriteFailure[] = [];
        const outcome = await sendFile(api, await taskFile(dir, rows), {
            bulkFromRows,
            poll: { ...DEFAULT_POLL, initialIntervalMs: 1 },
            maxJobBytes: 1024 * 1024,
            onFailure: async (failure: WriteFailure) => {
                failures.push(failure);
            }
        });
        return { outcome, failures };
    };

    test('sObject Collections create (POST), a refused row reported by its key', async () => {
        const { outcome, failures } = await send([
            { whatId: IDS.loonVaillant, occasion: '2026-11-20' },
            { whatId: IDS.loonAwb, occasion: 'nooit-bezocht', ownerId: STANDIN_USERS.former.id }
        ]);
        assert.deepEqual([outcome.written, outcome.failed], [1, 1]);
        assert.deepEqual(failures, [
            {
                key: `${IDS.loonAwb}|Bezoek gepland|nooit-bezocht`,
                reason: 'INACTIVE_OWNER_OR_USER: operation performed with inactive user'
            }
        ]);
        assert.equal(standin.stats().requests.compositeWrite, 1);
        assert.equal(standin.stats().recordsCreated.Task, 1);
    });

    test('Bulk API 2.0 ingest insert above the threshold', async () => {
        const { outcome, failures } = await send(
            [
                { whatId: IDS.dekkerVaillant, occasion: '2026-11-01' },
                { whatId: IDS.loonAwb, occasion: '2026-11-01' }
            ],
            1
        );
        assert.deepEqual([outcome.written, outcome.failed, failures], [2, 0, []]);
        assert.equal(outcome.jobs.length, 1);
        assert.equal(standin.stats().requests.ingestCreate, 1);
        assert.equal(standin.stats().recordsCreated.Task, 2);
    });

    test('an insert whose answer was lost is read back by its key, never sent twice', async () => {
        standin.setFaults([{ effect: 'loseResponse', method: 'POST', path: '/composite/sobjects' }]);
        const before = standin.store.count('Task');
        const { outcome } = await send([{ whatId: IDS.dekkerVaillant, occasion: '2026-11-24' }]);
        standin.setFaults([]);
        assert.deepEqual([outcome.written, outcome.failed], [1, 0]);
        assert.equal(standin.store.count('Task'), before + 1);
    });

    test('read back: by brand detail Ids (REST) and all at once (one Bulk job) give the same tasks', async () => {
        const sales = standin.sessionFor(STANDIN_USERS.sales);
        const [first] = standin.store.all('Task');
        await fetch(`${standin.instanceUrl}/services/data/v${standin.apiVersion}/composite/sobjects`, {
            method: 'PATCH',
            headers: { Authorization: `Bearer ${sales}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({
                allOrNone: false,
                records: [{ attributes: { type: 'Task' }, Id: first!.Id, Status: 'Completed' }]
            })
        });
        const api = await open();
        standin.resetStats();
        const byIds: ExistingFollowUp[] = [];
        for await (const task of readFollowUps(api, {
            whatIds: [IDS.loonVaillant, IDS.loonAwb, IDS.dekkerVaillant]
        })) {
            byIds.push(task);
        }
        assert.equal(standin.stats().requests.query, 1);
        const all: ExistingFollowUp[] = [];
        for await (const task of readFollowUps(api, {
            all: true,
            poll: { ...DEFAULT_POLL, initialIntervalMs: 1 }
        })) {
            all.push(task);
        }
        assert.equal(standin.stats().requests.bulkQueryCreate, 1);
        const sorted = (tasks: typeof all) => [...tasks].sort((a, b) => a.key.localeCompare(b.key));
        assert.deepEqual(sorted(all), sorted(byIds));
        assert.equal(all.length, 4);
        assert.deepEqual(
            sorted(all).map((task) => [task.key, task.isClosed]),
            [
                [`${IDS.loonAwb}|Bezoek gepland|2026-11-01`, false],
                [`${IDS.dekkerVaillant}|Bezoek gepland|2026-11-01`, false],
                [`${IDS.dekkerVaillant}|Bezoek gepland|2026-11-24`, false],
                [`${IDS.loonVaillant}|Bezoek gepland|2026-11-20`, true]
            ].sort((a, b) => String(a[0]).localeCompare(String(b[0])))
        );
        assert.ok(all.every((task) => task.reason === 'Bezoek gepland'));
    });

    test(`more than ${IDS_PER_QUERY} brand details: one REST query per ${IDS_PER_QUERY}`, async () => {
        const api = await open();
        standin.resetStats();
        const ids = Array.from({ length: IDS_PER_QUERY + 1 }, () => IDS.loonVaillant);
        let found = 0;
        for await (const _task of readFollowUps(api, { whatIds: ids })) found++;
        assert.equal(standin.stats().requests.query, 2);
        assert.equal(found, 2, 'the closed task is found by each of the two queries');
    });
});
