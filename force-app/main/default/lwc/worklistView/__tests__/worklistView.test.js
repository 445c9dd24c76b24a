import { customerTypeOrder, isDowngrade } from 'c/segmentRules';
import {
    SECTION_KEYS,
    addDays,
    buildSections,
    daysBetween,
    downgradePairs,
    sectionFilters,
    worklistVariables
} from 'c/worklistView';
import { FOLLOW_UP_REASONS } from '../followUpReasons';
import config from '../../../staticresources/segmentationConfig.json';

const answer = require('../../installerWorklist/__tests__/data/graphqlWorklist.json');

const TODAY = '2025-11-20';
const picklist = { customerType: (value) => `[${value}]` };
const context = { config, today: TODAY, recentDays: 30, pageSize: 5, pages: {}, picklist };

/** An answer with one brand detail node in one section and none in the others. */
function only(sectionKey, node, connection = {}) {
    const empty = { totalCount: 0, pageInfo: { endCursor: null, hasNextPage: false }, edges: [] };
    const query = Object.fromEntries(SECTION_KEYS.map((key) => [key, empty]));
    query[sectionKey] = { ...empty, totalCount: 1, edges: [{ node }], ...connection };
    return { uiapi: { query } };
}

const node = (fields, tasks = []) => ({
    Id: 'a01AA00000WkTestAA',
    Name: { value: 'Vaillant - Test' },
    ...Object.fromEntries(Object.entries(fields).map(([field, value]) => [field, { value }])),
    Tasks: {
        edges: tasks.map(([Id, reason]) => ({
            node: {
                Id,
                Subject: { value: `Taak ${Id}` },
                ActivityDate: { value: '2025-11-30' },
                Follow_Up_Reason__c: { value: reason }
            }
        }))
    }
});

const rowOf = (sectionKey, fields, tasks) =>
    buildSections(only(sectionKey, node(fields, tasks)), context)[0].rows[0];

describe('the worklist filters', () => {
    it('ask for exactly the pairs of Type klant that the rules call a downgrade', () => {
        const types = customerTypeOrder(config);
        const expected = types.flatMap((from) =>
            types.filter((to) => isDowngrade(from, to, config)).map((to) => `${from}>${to}`)
        );
        expect(downgradePairs(config).map((pair) => pair.join('>'))).toEqual(expected);
        expect(expected).toEqual([
            'Get>Win-back',
            'Grow>Win-back',
            'Grow>Get',
            'Keep>Win-back',
            'Keep>Get',
            'Keep>Grow'
        ]);
        const { downgrades } = sectionFilters({ config, userId: '005x', today: TODAY, recentDays: 30 });
        expect(downgrades.and[2].or).toContainEqual({
            Previous_Customer_Type__c: { eq: 'Keep' },
            Customer_Type__c: { eq: 'Grow' }
        });
        expect(downgrades.and[2].or).toHaveLength(6);
    });

    it('ask for the steps up among the unlocked brand details with a stored count of VG boilers to the next type', () => {
        const { gaps } = sectionFilters({ config, userId: '005x', today: TODAY, recentDays: 30 });
        expect(gaps.and).toEqual([
            { Account__r: { OwnerId: { eq: '005x' } } },
            { Classification_Locked__c: { eq: false } },
            { VG_Units_To_Next_Type__c: { ne: null } }
        ]);
    });

    it('start each section after its own cursor', () => {
        const variables = worklistVariables({
            config,
            userId: '005x',
            today: TODAY,
            recentDays: 7,
            pageSize: 10,
            cursors: { overdue: 'abc', downgrades: null, gaps: 'xyz' }
        });
        expect([variables.overdueAfter, variables.downgradeAfter, variables.gapAfter]).toEqual([
            'abc',
            null,
            'xyz'
        ]);
        expect(variables.downgradeWhere.and[1]).toEqual({
            Customer_Type_Changed_On__c: { gte: { value: '2025-11-13' } }
        });
    });
});

describe('calendar days', () => {
    it('add and count across months, years and the switch to winter time', () => {
        expect(addDays('2025-10-21', 30)).toBe('2025-11-20');
        expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
        expect(daysBetween('2025-10-25', '2025-10-27')).toBe(2);
        expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    });
});

describe('overdue rows', () => {
    const visit = (fields) => rowOf('overdue', { Value_Type__c: 'Grote klant', ...fields }).reason;

    it('count the days since the due date of the current last visit and the klanttype cadence', () => {
        // Grote klant: a visit every 90 days; 2025-08-21 + 90 = 2025-11-19.
        expect(visit({ Last_Visit_Date__c: '2025-08-21' })).toEqual({
            text: '1 dag te laat',
            iconName: 'utility:warning',
            late: true
        });
        expect(visit({ Last_Visit_Date__c: '2025-08-20' }).text).toBe('2 dagen te laat');
    });

    it('say never visited, or only that the visit is late without a klanttype to count from', () => {
        expect(visit({ Last_Visit_Date__c: null }).text).toBe('Nog nooit bezocht');
        expect(visit({ Last_Visit_Date__c: '2025-01-01', Value_Type__c: null }).text).toBe('Bezoek te laat');
    });

    it('say that a visit recorded since the night leaves the list, once it is not late by the rules', () => {
        // 2025-08-22 + 90 = 2025-11-20: due today is not late.
        expect(visit({ Last_Visit_Date__c: '2025-08-22' })).toEqual({
            text: 'Bezoek geregistreerd; verdwijnt vannacht van de lijst',
            iconName: 'utility:success',
            late: false
        });
    });

    it('link to the open visit task, not to another follow-up task of the brand detail', () => {
        const tasks = [
            ['00T1', FOLLOW_UP_REASONS.customerTypeDropped],
            ['00T2', FOLLOW_UP_REASONS.visitDue]
        ];
        expect(rowOf('overdue', { Last_Visit_Date__c: null }, tasks).task).toEqual({
            id: '00T2',
            subject: 'Taak 00T2',
            dueText: 'vervalt Nov 30, 2025'
        });
        expect(rowOf('overdue', { Last_Visit_Date__c: null }, tasks.slice(0, 1)).task).toBeNull();
        expect(rowOf('downgrades', {}, tasks).task.id).toBe('00T1');
        expect(rowOf('gaps', {}, tasks).task.id).toBe('00T1');
    });
});

describe('steps up', () => {
    const step = (fields) => rowOf('gaps', fields).reason;

    it('name the VG boilers the nightly run stored, and the type they reach, in the user language of its label', () => {
        expect(
            step({ Customer_Type__c: 'Grow', VG_Units_To_Next_Type__c: 3, Boiler_Potential__c: 40 })
        ).toEqual({
            text: 'Nog 3 VG-ketels tot [Keep]',
            iconName: 'utility:trending',
            late: false
        });
        expect(
            step({ Customer_Type__c: 'Win-back', VG_Units_To_Next_Type__c: 1, Boiler_Potential__c: 8 }).text
        ).toBe('Nog 1 VG-ketel tot [Grow]');
        // With one boiler in all, the first VG boiler is already Keep.
        expect(
            step({ Customer_Type__c: 'Get', VG_Units_To_Next_Type__c: 1, Boiler_Potential__c: 1 }).text
        ).toBe('Nog 1 VG-ketel tot [Keep]');
    });

    it('show no step without a stored count, or from the top type', () => {
        expect(
            step({ Customer_Type__c: 'Grow', VG_Units_To_Next_Type__c: null, Boiler_Potential__c: 40 })
        ).toBeNull();
        expect(
            step({ Customer_Type__c: 'Keep', VG_Units_To_Next_Type__c: 2, Boiler_Potential__c: 40 })
        ).toBeNull();
    });
});

describe('buildSections', () => {
    it('leaves out sections without rows and pages by the count the server gives', () => {
        const sections = buildSections(
            only('downgrades', node({ Previous_Customer_Type__c: 'Keep', Customer_Type__c: 'Grow' }), {
                totalCount: 12,
                pageInfo: { endCursor: 'c2', hasNextPage: true }
            }),
            { ...context, pages: { downgrades: 2 } }
        );
        expect(sections.map((section) => section.key)).toEqual(['downgrades']);
        expect(sections[0]).toMatchObject({
            title: 'Type klant gedaald in de laatste 30 dagen (12)',
            pageText: 'Pagina 2 van 3',
            pagerLabel: "Pagina's: Type klant gedaald in de laatste 30 dagen (12)",
            hasPrevious: true,
            hasNext: true,
            endCursor: 'c2'
        });
    });

    it('keeps every section in the order the server sent', () => {
        const sections = buildSections(answer, context);
        for (const section of sections) {
            expect(section.rows.map((row) => row.id)).toEqual(
                answer.uiapi.query[section.key].edges.map(({ node: { Id } }) => Id)
            );
        }
        expect(sections.map((section) => section.key)).toEqual(SECTION_KEYS);
    });
});
