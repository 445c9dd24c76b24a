import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../scripts/lib/config.ts';
import {
    dropFollowUp,
    followUpDueDate,
    noteExisting,
    verdictOf,
    visitFollowUp,
    type DropFacts,
    type FollowUpAbout
} from '../../scripts/lib/reclassify/followUpDecisions.ts';
import { FOLLOW_UP_TASK_FIELDS } from '../../scripts/lib/followUpTasks.ts';

const config = loadConfig();
const TODAY = '2026-11-25';
const ABOUT: FollowUpAbout = {
    brandDetailId: 'a018d0000000001AAA',
    accountName: 'De heer R. Loon',
    brand: 'Vaillant',
    ownerId: '005SI0000000002AAA'
};

/** The date `days` before TODAY. */
function daysAgo(days: number): string {
    return new Date(Date.parse(`${TODAY}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

describe('visit tasks: due by the klanttype cadence', () => {
    test('not yet due: no task; due today (last visit exactly one cadence ago): a task due today', () => {
        for (const [valueType, days] of [
            ['Strategische klant', 30],
            ['Grote klant', 90],
            ['Ontwikkelingsklant', 60],
            ['Transactionele klant', 365]
        ] as const) {
            assert.equal(
                visitFollowUp(ABOUT, { lastVisitDate: daysAgo(days - 1), valueType }, config, TODAY),
                undefined,
                `${valueType}: visited ${days - 1} days ago is not due`
            );
            const due = visitFollowUp(ABOUT, { lastVisitDate: daysAgo(days), valueType }, config, TODAY);
            assert.equal(due?.ActivityDate, TODAY, `${valueType}: visited ${days} days ago is due today`);
            assert.equal(due?.Follow_Up_Key__c, `${ABOUT.brandDetailId}|Bezoek gepland|${TODAY}`);
        }
    });

    test('an overdue visit: the key names its due date, the task is due today', () => {
        const task = visitFollowUp(
            ABOUT,
            { lastVisitDate: '2026-06-01', valueType: 'Grote klant' },
            config,
            TODAY
        )!;
        assert.equal(task.Follow_Up_Key__c, `${ABOUT.brandDetailId}|Bezoek gepland|2026-08-30`);
        assert.equal(task.ActivityDate, TODAY);
        assert.deepEqual(Object.keys(task).sort(), [...FOLLOW_UP_TASK_FIELDS].sort());
        assert.deepEqual(
            [task.OwnerId, task.WhatId, task.Follow_Up_Reason__c],
            [ABOUT.ownerId, ABOUT.brandDetailId, 'Bezoek gepland']
        );
        assert.equal(task.Subject, 'Bezoek De heer R. Loon (Vaillant): Grote klant, elke 90 dagen');
        assert.equal(
            task.Description.split('\n')[0],
            'Bezoek aan de beurt: laatste bezoek 1 juni 2026 (177 dagen geleden); Grote klant (maximaal benutten): elke 90 dagen, dus uiterlijk 30 augustus 2026.'
        );
    });

    test('never visited: due now, and one occasion until a visit is logged', () => {
        const task = visitFollowUp(
            { ...ABOUT, accountName: null, brand: null },
            { lastVisitDate: null, valueType: 'Strategische klant' },
            config,
            TODAY
        )!;
        assert.equal(task.Follow_Up_Key__c, `${ABOUT.brandDetailId}|Bezoek gepland|nooit-bezocht`);
        assert.equal(task.ActivityDate, TODAY);
        assert.equal(task.Subject, 'Bezoek Installateur: Strategische klant, elke 30 dagen');
        assert.match(
            task.Description,
            /^Bezoek aan de beurt: nog nooit bezocht; Strategische klant \(samen bouwen\)/
        );
        const tomorrow = visitFollowUp(
            ABOUT,
            { lastVisitDate: null, valueType: 'Grote klant' },
            config,
            '2026-11-26'
        )!;
        assert.equal(tomorrow.Follow_Up_Key__c, task.Follow_Up_Key__c, 'the same occasion every night');
    });

    test('the subject fits the 255 characters of Task.Subject', () => {
        const task = visitFollowUp(
            { ...ABOUT, accountName: 'x'.repeat(255) },
            { lastVisitDate: null, valueType: 'Grote klant' },
            config,
            TODAY
        )!;
        assert.equal(task.Subject.length, 255);
    });
});

describe('drop tasks: Type klant went down', () => {
    const drop = (facts: Partial<DropFacts>) =>
        dropFollowUp(
            ABOUT,
            {
                from: 'Keep',
                to: 'Grow',
                storedSharePercent: 80,
                vg: 33,
                total: 60,
                lastVisitDate: null,
                valueType: 'Grote klant',
                ...facts
            },
            config,
            TODAY
        );

    test('Keep → Grow says what happened with the numbers; the key names tonight', () => {
        const task = drop({})!;
        assert.equal(task.Follow_Up_Key__c, `${ABOUT.brandDetailId}|Type klant gedaald|${TODAY}`);
        assert.equal(task.Follow_Up_Reason__c, 'Type klant gedaald');
        assert.equal(task.Subject, 'Type klant gedaald: De heer R. Loon (Vaillant), Keep → Grow');
        assert.deepEqual(task.Description.split('\n').slice(0, 2), [
            'Keep → Grow: VG-aandeel 80% → 55%, nog 12 VG-ketels tot Keep.',
            'VG 33 van 60 ketels.'
        ]);
    });

    test('Grow → Get and anything → Win-back are drops; one boiler is singular', () => {
        assert.equal(
            drop({ from: 'Grow', to: 'Get', storedSharePercent: 5, vg: 1, total: 21 })!.Description.split(
                '\n'
            )[0],
            'Grow → Get: VG-aandeel 5,00% → 4,76%, nog 1 VG-ketel tot Grow.'
        );
        assert.equal(
            drop({
                from: 'Keep',
                to: 'Win-back',
                storedSharePercent: 100,
                vg: 0,
                total: 40
            })!.Description.split('\n')[0],
            'Keep → Win-back: VG-aandeel 100% → 0%, nog 2 VG-ketels tot Grow.'
        );
        assert.ok(drop({ from: 'Get', to: 'Win-back', vg: 0, total: 40 }));
    });

    test('no task for a rise, no move, a first classification or a type cleared', () => {
        for (const [from, to] of [
            ['Get', 'Grow'],
            ['Win-back', 'Get'],
            ['Grow', 'Grow'],
            [null, 'Get'],
            ['Keep', null]
        ] as const) {
            assert.equal(drop({ from, to }), undefined, `${from} → ${to}`);
        }
    });

    test('a share that was blank before: only the share now', () => {
        assert.match(
            drop({ storedSharePercent: null })!.Description,
            /^Keep → Grow: VG-aandeel nu 55%, nog 12/
        );
    });

    test('due at the next visit by the cadence, or today when the visit is due already', () => {
        const upcoming = drop({ lastVisitDate: '2026-11-01', valueType: 'Grote klant' })!;
        assert.equal(upcoming.ActivityDate, '2027-01-30');
        assert.match(upcoming.Description, /uiterlijk 30 januari 2027 \(Grote klant: elke 90 dagen\)\.$/);
        const overdue = drop({ lastVisitDate: '2026-01-01', valueType: 'Grote klant' })!;
        assert.equal(overdue.ActivityDate, TODAY);
        assert.match(overdue.Description, /dat is aan de beurt/);
    });
});

test('followUpDueDate: the next due date, never before today', () => {
    assert.equal(followUpDueDate('2026-12-01', TODAY), '2026-12-01');
    assert.equal(followUpDueDate(TODAY, TODAY), TODAY);
    assert.equal(followUpDueDate('2025-01-01', TODAY), TODAY);
    assert.equal(followUpDueDate(null, TODAY), TODAY);
});

describe('verdict: one open task per brand detail and reason, one task per occasion', () => {
    const KEY = `${ABOUT.brandDetailId}|Bezoek gepland|2026-11-20`;
    const OLDER = `${ABOUT.brandDetailId}|Bezoek gepland|2026-08-22`;
    const verdict = (...found: { key: string; isClosed: boolean }[]) =>
        verdictOf(found.reduce((known, task) => noteExisting(known, KEY, task), 0));

    test('nothing there: create', () => {
        assert.equal(verdict(), 'create');
    });
    test('open for this occasion, or still open for an older one: already open', () => {
        assert.equal(verdict({ key: KEY, isClosed: false }), 'alreadyOpen');
        assert.equal(verdict({ key: OLDER, isClosed: false }), 'alreadyOpen');
        assert.equal(verdict({ key: KEY, isClosed: true }, { key: OLDER, isClosed: false }), 'alreadyOpen');
    });
    test('closed for this occasion (a person closed it without logging the visit): never again', () => {
        assert.equal(verdict({ key: KEY, isClosed: true }), 'alreadyClosed');
    });
    test('only closed tasks of older occasions: a new occasion gets its task', () => {
        assert.equal(verdict({ key: OLDER, isClosed: true }), 'create');
    });
});
