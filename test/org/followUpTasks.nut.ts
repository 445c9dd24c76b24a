import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readRows, runCommand, writeRows, type Rows } from '../helpers/csvOrg.ts';
import { orgArgs, recordsOf, standinLoadedFrom } from '../helpers/orgStandin.ts';
import { STANDIN_USERS } from '../../scripts/dev/standin/auth.ts';
import type { Standin, StandinOptions } from '../../scripts/dev/standin/server.ts';
import type { RunReport } from '../../scripts/lib/reclassify/report.ts';

/**
 * The nightly run with --create-tasks against the stand-in: tasks made once, never twice, never touched after
 * a person closed or edited them; a locked brand detail gets its visit task, a held installer none; a task the
 * org refuses is counted and in errors.csv. Today is 2026-11-25; Grote klant (revenue 50,000, 40 boilers) is
 * visited every 90 days.
 */

const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(12, '0')}AAA`;
const ACCOUNT = (n: number) => id('001', n);
const DETAIL = (n: number) => id('a01', n);

type Installer = {
    vg: number;
    other: number;
    owner?: string;
    /** A potential row the run rejects (negative units): the installer is held. */
    badRow?: boolean;
    details: Partial<Record<string, string>>[];
};

const DUE = 1; // Vaillant visited 2026-08-01: due 2026-10-30; AWB visited 2026-11-01: due 2027-01-30
const DUE_LATER = 2;
const DROP = 3; // stored Keep (80%), now 24 of 40: Grow; visited 2026-11-20
const LOCKED = 4; // locked; its record says Strategische klant (30 days), visited 2026-10-20: due 2026-11-19
const HELD = 5; // never visited, but held
const FORMER_OWNER = 6; // never visited; its account's owner was deactivated
const NEVER = 7; // never visited

const INSTALLERS: Installer[] = [
    {
        vg: 20,
        other: 20,
        details: [
            { Brand__c: 'Vaillant', Last_Visit_Date__c: '2026-08-01', Customer_Type__c: 'Grow' },
            { Brand__c: 'AWB', Last_Visit_Date__c: '2026-11-01', Customer_Type__c: 'Grow' }
        ]
    },
    {
        vg: 24,
        other: 16,
        details: [
            {
                Brand__c: 'Vaillant',
                Last_Visit_Date__c: '2026-11-20',
                Customer_Type__c: 'Keep',
                VG_Potential_Share__c: '80'
            }
        ]
    },
    {
        vg: 20,
        other: 20,
        details: [
            {
                Brand__c: 'Vaillant',
                Last_Visit_Date__c: '2026-10-20',
                Classification_Locked__c: 'true',
                Customer_Type__c: 'Keep',
                Value_Type__c: 'Strategische klant'
            }
        ]
    },
    { vg: 20, other: 20, badRow: true, details: [{ Brand__c: 'Vaillant' }] },
    { vg: 20, other: 20, owner: STANDIN_USERS.former.id, details: [{ Brand__c: 'Vaillant' }] },
    { vg: 20, other: 20, details: [{ Brand__c: 'Vaillant' }] }
];

/** Writes the installers as Data Loader CSV files; brand details are numbered in order. */
async function writeOrg(installers: Installer[]): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'follow-up-org-'));
    const accounts: Rows = [];
    const potentials: Rows = [];
    const details: Rows = [];
    installers.forEach((installer, index) => {
        const accountId = ACCOUNT(index + 1);
        accounts.push({
            Id: accountId,
            Name: `Installateur ${index + 1}`,
            Revenue_12M__c: '50000',
            VG_Units_12M__c: '0',
            OwnerId: installer.owner ?? STANDIN_USERS.sales.id
        });
        const rows: [string, number][] = [
            ['Vaillant', installer.vg],
            ['Remeha', installer.badRow ? -1 : installer.other]
        ];
        for (const [brand, units] of rows) {
            potentials.push({
                Id: id('a02', potentials.length + 1),
                Account__c: accountId,
                Product_Group__c: 'Ketels',
                Brand__c: brand,
                Units__c: String(units),
                Source__c: 'Sales',
                Key__c: `${accountId}|Ketels|${brand}`
            });
        }
        for (const detail of installer.details) {
            details.push({
                Id: DETAIL(details.length + 1),
                Account__c: accountId,
                ...detail
            } as Rows[number]);
        }
    });
    const columns = (rows: Rows) => [...new Set(rows.flatMap((row) => Object.keys(row)))];
    await writeRows(path.join(dir, 'Account.csv'), accounts);
    await writeRows(path.join(dir, 'Potential__c.csv'), potentials);
    await writeRows(path.join(dir, 'Brand_Detail__c.csv'), details, columns(details));
    return dir;
}

/** An edit through sObject Collections as the sales user (a person working their tasks and visits). */
async function salesEdit(standin: Standin, object: string, id: string, fields: object): Promise<void> {
    const response = await fetch(
        `${standin.instanceUrl}/services/data/v${standin.apiVersion}/composite/sobjects`,
        {
            method: 'PATCH',
            headers: {
                Authorization: `Bearer ${standin.sessionFor(STANDIN_USERS.sales)}`,
                'Content-Type': 'application/json'
            },
            body: JSON.stringify({
                allOrNone: true,
                records: [{ attributes: { type: object }, Id: id, ...fields }]
            })
        }
    );
    assert.deepEqual(await response.json(), [{ id, success: true, errors: [] }]);
}

type Night = { report: RunReport; out: string; stdout: string };

/**
 * A stand-in loaded with these installers for the suite (started before its tests, closed after), and a night:
 * the command at 01:00 of a day, on the stand-in's clock and the command's.
 */
function orgOf(installers: Installer[], options: StandinOptions = {}) {
    let clock = new Date('2026-11-24T12:00:00.000Z');
    let dir = '';
    const org = { standin: undefined as unknown as Standin, night };
    async function night(day: string, args: string[] = [], exitCode = 1): Promise<Night> {
        clock = new Date(`${day}T01:00:00.000Z`);
        org.standin.resetStats();
        const out = await mkdtemp(path.join(os.tmpdir(), 'follow-up-night-'));
        const result = await runCommand([
            ...orgArgs(org.standin),
            ...['--out', out, '--no-estimate', '--create-tasks', '--now', clock.toISOString()],
            ...args
        ]);
        assert.equal(result.exitCode, exitCode, result.stderr);
        const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')) as RunReport;
        return { report, out, stdout: result.stdout };
    }
    before(async () => {
        dir = await writeOrg(installers);
        org.standin = await standinLoadedFrom(dir, { ...options, now: () => clock });
    });
    after(async () => {
        await org.standin.close();
        await rm(dir, { recursive: true, force: true });
    });
    return org;
}

const tasksOf = (standin: Standin) =>
    recordsOf(standin, 'Task', [
        'Id',
        'OwnerId',
        'WhatId',
        'Subject',
        'ActivityDate',
        'Status',
        'IsClosed',
        'Follow_Up_Key__c',
        'Follow_Up_Reason__c',
        'LastModifiedById'
    ]);

const counts = (report: RunReport) => {
    const { wanted, created, alreadyOpen, alreadyClosed, failed } = report.tasks;
    return { wanted, created, alreadyOpen, alreadyClosed, failed };
};

describe('--create-tasks: made once, never twice, never touched', () => {
    const org = orgOf(INSTALLERS);
    const night = org.night;

    test('the first night: a task for each visit due, the drop, the locked record; none for the held installer', async () => {
        const { report, out, stdout } = await night('2026-11-25');
        assert.deepEqual(counts(report), {
            wanted: 5,
            created: 4,
            alreadyOpen: 0,
            alreadyClosed: 0,
            failed: 1
        });
        assert.deepEqual(report.tasks.wantedByReason, { 'Bezoek gepland': 4, 'Type klant gedaald': 1 });
        assert.equal(report.tasks.nextVisitDue, '2027-01-30', 'the AWB brand detail of installer 1');
        assert.equal(report.records.heldInstallers, 1);
        const tasks = await tasksOf(org.standin);
        assert.deepEqual(
            tasks.map((task) => [task.WhatId, task.Follow_Up_Key__c, task.ActivityDate, task.OwnerId]).sort(),
            [
                [
                    DETAIL(DUE),
                    `${DETAIL(DUE)}|Bezoek gepland|2026-10-30`,
                    '2026-11-25',
                    STANDIN_USERS.sales.id
                ],
                [
                    DETAIL(DROP),
                    `${DETAIL(DROP)}|Type klant gedaald|2026-11-25`,
                    '2027-02-18',
                    STANDIN_USERS.sales.id
                ],
                [
                    DETAIL(LOCKED),
                    `${DETAIL(LOCKED)}|Bezoek gepland|2026-11-19`,
                    '2026-11-25',
                    STANDIN_USERS.sales.id
                ],
                [
                    DETAIL(NEVER),
                    `${DETAIL(NEVER)}|Bezoek gepland|nooit-bezocht`,
                    '2026-11-25',
                    STANDIN_USERS.sales.id
                ]
            ].sort()
        );
        assert.ok(
            !tasks.some((task) => [DETAIL(DUE_LATER), DETAIL(HELD)].includes(task.WhatId ?? '')),
            'no task for a visit not yet due, nor for the held installer'
        );
        const drop = tasks.find((task) => task.WhatId === DETAIL(DROP))!;
        assert.equal(drop.Subject, 'Type klant gedaald: Installateur 2 (Vaillant), Keep → Grow');
        assert.ok(tasks.every((task) => task.Status === 'Not Started' && task.IsClosed === 'false'));
        const errors = await readRows(path.join(out, 'errors.csv'));
        assert.match(errors.find((row) => row.Id === DETAIL(HELD))?.Reason ?? '', /^held: /);
        const refused = errors.filter((row) => row.Object === 'Task');
        assert.deepEqual(
            refused.map((row) => row.Id),
            [DETAIL(FORMER_OWNER)]
        );
        assert.match(refused[0]!.Reason ?? '', /INACTIVE_OWNER_OR_USER/);
        assert.equal((await readRows(path.join(out, 'Task.wanted.csv'))).length, 5);
        assert.equal(
            (await readRows(path.join(out, 'Task.insert.csv'))).length,
            5,
            'the refused one was sent too'
        );
        assert.match(
            stdout,
            /Follow-up tasks: 5 wanted \(Bezoek gepland 4, Type klant gedaald 1\); created 4, already open 0, closed before 0, failed 1/
        );
        assert.match(
            await readFile(path.join(out, 'report.html'), 'utf8'),
            /<h2 id="opvolgtaken">Opvolgtaken<\/h2>/
        );
        assert.match(report.outcome.reason, /1 follow-up tasks not created/);
    });

    test('a rerun makes none twice, and reads the tasks there are in one Bulk job (--bulk-query-from 1)', async () => {
        const { report } = await night('2026-11-25', ['--bulk-query-from', '1']);
        // The drop was written the first night: it is no drop any more, and its task stays open.
        assert.deepEqual(counts(report), {
            wanted: 4,
            created: 0,
            alreadyOpen: 3,
            alreadyClosed: 0,
            failed: 1
        });
        assert.equal(org.standin.stats().recordsCreated.Task, 0);
        const taskJobs = report.jobs.filter((job) => job.object === 'Task');
        assert.equal(taskJobs.length, 0, 'the refused task is retried through Collections, not a job');
        assert.equal(
            org.standin.stats().requests.bulkQueryCreate,
            4,
            'three objects and the tasks: one job each'
        );
    });

    test('a task a person closed is not made again; one a person edited is left as they left it', async () => {
        const tasks = await tasksOf(org.standin);
        const visit = tasks.find((task) => task.WhatId === DETAIL(DUE))!;
        const never = tasks.find((task) => task.WhatId === DETAIL(NEVER))!;
        await salesEdit(org.standin, 'Task', visit.Id!, { Status: 'Completed' });
        await salesEdit(org.standin, 'Task', never.Id!, {
            Subject: 'Gebeld: bezoek 10 januari',
            ActivityDate: '2027-01-10'
        });
        const { report } = await night('2026-11-26');
        assert.deepEqual(counts(report), {
            wanted: 4,
            created: 0,
            alreadyOpen: 2,
            alreadyClosed: 1,
            failed: 1
        });
        const after = await tasksOf(org.standin);
        assert.equal(after.length, 4);
        const edited = after.find((task) => task.Id === never.Id)!;
        assert.deepEqual(
            [edited.Subject, edited.ActivityDate, edited.LastModifiedById],
            ['Gebeld: bezoek 10 januari', '2027-01-10', STANDIN_USERS.sales.id]
        );
        const closed = after.find((task) => task.Id === visit.Id)!;
        assert.deepEqual([closed.Status, closed.LastModifiedById], ['Completed', STANDIN_USERS.sales.id]);
    });

    test('once a visit is logged, the next due date is a new occasion with its own task', async () => {
        await salesEdit(org.standin, 'Brand_Detail__c', DETAIL(DUE), { Last_Visit_Date__c: '2026-11-25' });
        const quiet = await night('2026-11-27');
        assert.equal(quiet.report.tasks.created, 0, 'the next visit is due 2027-02-23');
        const { report } = await night('2027-02-23');
        const made = (await tasksOf(org.standin)).filter((task) => task.WhatId === DETAIL(DUE));
        assert.deepEqual(made.map((task) => [task.Follow_Up_Key__c, task.IsClosed]).sort(), [
            [`${DETAIL(DUE)}|Bezoek gepland|2026-10-30`, 'true'],
            [`${DETAIL(DUE)}|Bezoek gepland|2027-02-23`, 'false']
        ]);
        // Installer 1's AWB (due 2027-01-30) and installer 2's visit (due 2027-02-18) came due as well.
        assert.equal(report.tasks.created, 3);
    });
});

describe('--create-tasks and the change check: a visit that comes due is a reason to read', () => {
    const org = orgOf([
        {
            vg: 20,
            other: 20,
            details: [
                { Brand__c: 'Vaillant', Last_Visit_Date__c: '2026-08-01' },
                { Brand__c: 'AWB', Last_Visit_Date__c: '2026-08-29' } // due 2026-11-27
            ]
        }
    ]);
    const night = org.night;

    test('a dry run wants the task and makes none', async () => {
        const { report, out } = await night('2026-11-25', ['--dry-run'], 0);
        assert.deepEqual(counts(report), {
            wanted: 1,
            created: 0,
            alreadyOpen: 0,
            alreadyClosed: 0,
            failed: 0
        });
        assert.equal((await readRows(path.join(out, 'Task.wanted.csv'))).length, 1);
        assert.equal(report.files.followUpInserts, null);
        assert.equal((await tasksOf(org.standin)).length, 0);
    });

    test('nothing changed and no visit due: nothing read; the day a visit comes due: read in full, its task made', async () => {
        const first = await night('2026-11-25', [], 0);
        assert.deepEqual(counts(first.report), {
            wanted: 1,
            created: 1,
            alreadyOpen: 0,
            alreadyClosed: 0,
            failed: 0
        });
        assert.equal(first.report.tasks.nextVisitDue, '2026-11-27');
        const quiet = await night('2026-11-26', [], 0);
        assert.equal(quiet.report.changeCheck.readInFull, false);
        assert.equal(quiet.report.tasks.created, 0);
        assert.match(
            quiet.stdout,
            /Follow-up tasks: no visit due since that run; next visit due 2026-11-27\./
        );
        const due = await night('2026-11-27', [], 0);
        assert.equal(due.report.changeCheck.readInFull, true);
        assert.match(due.report.changeCheck.reason, /a visit is due since 2026-11-27/);
        assert.deepEqual(counts(due.report), {
            wanted: 2,
            created: 1,
            alreadyOpen: 1,
            alreadyClosed: 0,
            failed: 0
        });
        assert.equal((await tasksOf(org.standin)).length, 2);
    });
});

describe('--create-tasks: a drop whose record the org refuses', () => {
    const org = orgOf([INSTALLERS[DROP - 2]!], {
        faults: [{ effect: 'lockRow', recordIds: [DETAIL(1)], times: 'always' }]
    });
    const night = org.night;

    test('its task comes first and is made once; the next night writes the record and makes no second task', async () => {
        const first = await night('2026-11-25');
        assert.equal(first.report.records.failed, 1, 'the brand detail stayed locked');
        assert.equal(first.report.tasks.created, 1, 'the tasks are written before the brand details');
        org.standin.setFaults([]);
        const next = await night('2026-11-26', [], 0);
        assert.equal(next.report.records.written, 1);
        assert.deepEqual(counts(next.report), {
            wanted: 1,
            created: 0,
            alreadyOpen: 1,
            alreadyClosed: 0,
            failed: 0
        });
        const tasks = await tasksOf(org.standin);
        assert.deepEqual(
            tasks.map((task) => task.Follow_Up_Key__c),
            [`${DETAIL(1)}|Type klant gedaald|2026-11-25`]
        );
    });
});

describe('--create-tasks: a night stopped while it writes the tasks', () => {
    const org = orgOf([INSTALLERS[DROP - 2]!], {
        faults: [{ effect: 'requestLimit', method: 'POST', path: '/composite/sobjects' }]
    });

    test('leaves the drop for the next night to find', async () => {
        const stopped = await org.night('2026-11-25', [], 2);
        assert.equal(stopped.report.tasks.created, 0);
        assert.equal(stopped.report.records.written, 0, 'nothing after the tasks was written');
        const next = await org.night('2026-11-26', [], 0);
        assert.equal(next.report.tasks.created, 1);
        assert.deepEqual(
            (await tasksOf(org.standin)).map((task) => task.Follow_Up_Key__c),
            [`${DETAIL(1)}|Type klant gedaald|2026-11-26`]
        );
    });
});

test('--create-tasks with a CSV folder is refused before anything is read: only an org can say which tasks exist', async () => {
    const result = await runCommand(['--from-csv', 'data/csv', '--create-tasks']);
    assert.equal(result.exitCode, 3);
    assert.match(result.stderr, /--create-tasks needs an org/);
});
