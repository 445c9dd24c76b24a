import { createElement } from '@lwc/engine-dom';
import InstallerWorklist from 'c/installerWorklist';
import { gql, graphql } from 'lightning/graphql';
import { getObjectInfos, getPicklistValuesByRecordType } from 'lightning/uiObjectInfoApi';
import { mockGenerateUrl, mockNavigate } from 'lightning/navigation';
import {
    emitGraphQLAnswer,
    flushPromises,
    queryAllDeep,
    queryDeep,
    visibleText,
    withConfigAndClock
} from 'test-utils';
import config from '../../../staticresources/segmentationConfig.json';

// Dates in sentences follow @salesforce/i18n/locale, which sfdx-lwc-jest sets to en-US.
const fixture = (name) => require(`./data/${name}.json`);
const panelFixture = (name) => require(`../../segmentationPanel/__tests__/data/${name}.json`);

// 20 November 2025 in the user's time zone: visits due before this day are late.
const NOW = Date.parse('2025-11-20T18:00:00Z');
// @salesforce/user/Id as sfdx-lwc-jest answers it.
const USER_ID = '005000000000000000';

// The query text as the component hands it to gql, when its module loaded (before any mock is cleared).
const QUERY = gql.mock.calls[0][0].join('');

/** The orderBy fields of one subquery of the worklist query, in order. */
function orderOf(alias) {
    const subquery = new RegExp(`${alias}: Brand_Detail__c\\(([\\s\\S]*?)\\)\\s*\\{`).exec(QUERY)[1];
    const block = /orderBy: \{([\s\S]*?)\n\s*\}/.exec(subquery)[1];
    return [...block.matchAll(/(\w+): \{ order: (ASC|DESC)/g)].map(([, field, order]) => `${field} ${order}`);
}

async function renderWorklist(properties = {}) {
    const element = createElement('c-installer-worklist', { is: InstallerWorklist });
    Object.assign(element, properties);
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

async function emitLabels() {
    getObjectInfos.emit(panelFixture('getObjectInfos'));
    await flushPromises();
    getPicklistValuesByRecordType.emit(panelFixture('getPicklistValuesByRecordType'));
    await flushPromises();
}

async function emitWorklist(name) {
    graphql.emit(fixture(name));
    await flushPromises();
}

const sectionTitles = (element) => queryAllDeep(element, 'h3').map((heading) => visibleText(heading));
const sectionOf = (element, key) =>
    queryAllDeep(element, 'c-worklist-section').find((candidate) => candidate.section.key === key);
const badgesOf = (element, key) =>
    queryAllDeep(sectionOf(element, key), 'lightning-badge').map((badge) => ({
        label: badge.label,
        variant: badge.dataset.variant
    }));
const rowsOf = (element, key) =>
    queryAllDeep(element, 'c-worklist-section')
        .filter((candidate) => candidate.section.key === key)
        .flatMap((candidate) => queryAllDeep(candidate, 'c-worklist-row'))
        .map((row) => visibleText(row));
const button = (element, key, className) =>
    queryDeep(sectionOf(element, key), `lightning-button.${className}`);

describe('c-installer-worklist', () => {
    withConfigAndClock(config, NOW);

    it('shows a loading state in a lightning-card until the worklist has arrived', async () => {
        const element = await renderWorklist();

        expect(queryDeep(element, 'lightning-card').title).toBe('Mijn installateurs');
        expect(queryDeep(element, 'lightning-spinner').alternativeText).toBe('Werklijst laden…');
        await expect(element).toBeAccessible();
    });

    it("asks for the user's own installers, today's overdue visits and the recent downgrades the rules name", async () => {
        await renderWorklist({ pageSize: 5, recentDays: 30 });

        const { variables } = graphql.getLastConfig();
        const mine = { Account__r: { OwnerId: { eq: USER_ID } } };
        expect(variables.pageSize).toBe(5);
        expect(variables.overdueWhere.and[0]).toEqual(mine);
        expect(variables.overdueWhere.and[1].or).toEqual([
            { Next_Visit_Due__c: { lt: { value: '2025-11-20' } } },
            { Last_Visit_Date__c: { eq: null } }
        ]);
        expect(variables.downgradeWhere.and[0]).toEqual(mine);
        expect(variables.downgradeWhere.and[1]).toEqual({
            Customer_Type_Changed_On__c: { gte: { value: '2025-10-21' } }
        });
        expect(variables.gapWhere.and[0]).toEqual(mine);
        expect([variables.overdueAfter, variables.downgradeAfter, variables.gapAfter]).toEqual([
            null,
            null,
            null
        ]);
    });

    it('sorts the smallest steps up on the server by the stored VG boilers to the next type, exactly', () => {
        expect(orderOf('gaps')).toEqual(['VG_Units_To_Next_Type__c ASC', 'Value_Type__c ASC', 'Id ASC']);
        expect(orderOf('overdue')).toEqual(['Value_Type__c ASC', 'Next_Visit_Due__c ASC', 'Id ASC']);
    });

    it('lists the overdue visits, the downgrades and the smallest steps up, each with its links', async () => {
        const element = await renderWorklist();
        await emitLabels();
        await emitWorklist('graphqlWorklist');

        expect(sectionTitles(element)).toEqual([
            'Bezoek te laat (7)',
            'Type klant gedaald in de laatste 30 dagen (2)',
            'Kleinste stap naar een hoger type klant (23)'
        ]);
        const overdue = rowsOf(element, 'overdue');
        expect(overdue).toHaveLength(5);
        expect(overdue[0]).toBe(
            'AWB - Technisch Bureau Maas Nog nooit bezocht Strategische klant Geen open opvolgtaak'
        );
        expect(overdue[1]).toContain('Vaillant - Brink Verwarming B.V. 50 dagen te laat Strategische klant');
        expect(overdue[1]).toContain(
            'Opvolgtaak: Bezoek gepland: Brink Verwarming B.V. (Vaillant) vervalt Oct 1, 2025'
        );
        expect(overdue[2]).toContain('38 dagen te laat Grote klant');
        // Visited today: the stored due date is from before the visit, the rules say it is not late any more.
        expect(overdue[3]).toContain('Bezoek geregistreerd; verdwijnt vannacht van de lijst');
        expect(overdue[4]).toContain('51 dagen te laat Ontwikkelingsklant Geen open opvolgtaak');
        expect(badgesOf(element, 'overdue')).toEqual([
            { label: 'Grow', variant: 'grow' },
            { label: 'Keep', variant: 'keep' },
            { label: 'Grow', variant: 'grow' },
            { label: 'Keep', variant: 'keep' },
            { label: 'Get', variant: 'get' }
        ]);

        expect(rowsOf(element, 'downgrades')).toEqual([
            expect.stringContaining(
                'Van Keep naar Grow op Nov 18, 2025 Strategische klant Opvolgtaak: Keep → Grow'
            ),
            expect.stringContaining(
                'Van Grow naar Get op Nov 3, 2025 Transactionele klant Geen open opvolgtaak'
            )
        ]);

        // In the order the server sorts them: fewest VG boilers to the next type first.
        expect(rowsOf(element, 'gaps').map((row) => /Nog \d+ VG-ketels? tot \w+/.exec(row)?.[0])).toEqual([
            'Nog 1 VG-ketel tot Grow',
            'Nog 2 VG-ketels tot Grow',
            'Nog 3 VG-ketels tot Keep',
            'Nog 5 VG-ketels tot Grow',
            'Nog 30 VG-ketels tot Keep'
        ]);

        const links = queryAllDeep(sectionOf(element, 'overdue'), 'a').map((link) =>
            link.getAttribute('href')
        );
        expect(links.slice(0, 3)).toEqual([
            '/lightning/r/Brand_Detail__c/a01AA00000WkMaasAA/view',
            '/lightning/r/Brand_Detail__c/a01AA00000WkBrnkAA/view',
            '/lightning/r/Task/00TAA00000WkT01AAA/view'
        ]);
        await expect(element).toBeAccessible();
    });

    it('opens the brand detail and the follow-up task in Lightning', async () => {
        const element = await renderWorklist();
        await emitWorklist('graphqlWorklist');

        const [record, task] = queryAllDeep(sectionOf(element, 'downgrades'), 'a');
        record.click();
        task.click();

        expect(mockNavigate.mock.calls.map(([pageReference]) => pageReference)).toEqual([
            {
                type: 'standard__recordPage',
                attributes: {
                    recordId: 'a01AA00000WkWillAA',
                    objectApiName: 'Brand_Detail__c',
                    actionName: 'view'
                }
            },
            {
                type: 'standard__recordPage',
                attributes: { recordId: '00TAA00000WkT04AAA', objectApiName: 'Task', actionName: 'view' }
            }
        ]);
        expect(mockGenerateUrl).toHaveBeenCalled();
    });

    it('pages a section forward after its end cursor and back to the start', async () => {
        const element = await renderWorklist();
        await emitWorklist('graphqlWorklist');
        expect(visibleText(sectionOf(element, 'overdue'))).toContain('Pagina 1 van 2');
        expect(button(element, 'overdue', 'pager__previous').disabled).toBe(true);
        // Every row of the downgrades fits one page: no buttons there.
        expect(queryDeep(sectionOf(element, 'downgrades'), 'nav')).toBeNull();

        button(element, 'overdue', 'pager__next').click();
        await flushPromises();
        expect(graphql.getLastConfig().variables.overdueAfter).toBe('djE6NA==');
        expect(graphql.getLastConfig().variables.gapAfter).toBeNull();

        await emitWorklist('graphqlWorklistOverduePage2');
        expect(visibleText(sectionOf(element, 'overdue'))).toContain('Pagina 2 van 2');
        expect(rowsOf(element, 'overdue')).toEqual([
            'AWB - Prins Klimaattechniek 50 dagen te laat Transactionele klant Geen open opvolgtaak',
            'Vaillant - Van Veen Installatietechniek 18 dagen te laat Transactionele klant Geen open opvolgtaak'
        ]);
        expect(button(element, 'overdue', 'pager__next').disabled).toBe(true);
        expect(button(element, 'overdue', 'pager__previous').disabled).toBe(false);
        await expect(element).toBeAccessible();

        button(element, 'overdue', 'pager__previous').click();
        await flushPromises();
        expect(graphql.getLastConfig().variables.overdueAfter).toBeNull();
    });

    it('says so when none of the installers needs action', async () => {
        const element = await renderWorklist();
        await emitWorklist('graphqlWorklistEmpty');

        expect(queryAllDeep(element, 'c-worklist-section')).toHaveLength(0);
        expect(visibleText(element)).toBe('Geen van je installateurs vraagt nu actie.');
        await expect(element).toBeAccessible();
    });

    it('shows the error panel when the query fails', async () => {
        const element = await renderWorklist();
        graphql.emitErrors(fixture('graphqlWorklistErrors'));
        await flushPromises();

        const panel = queryDeep(element, 'c-error-panel');
        expect(panel.friendlyMessage).toBe('De werklijst kon niet worden geladen');
        expect(panel.errors).toEqual(fixture('graphqlWorklistErrors'));
        queryDeep(panel, 'button.details-toggle').click();
        await flushPromises();
        expect(visibleText(panel)).toContain("Field 'Follow_Up_Reason__c' in type 'Task' is undefined");
        await expect(element).toBeAccessible();
    });

    it('shows what did load, and the errors of the part that did not', async () => {
        const element = await renderWorklist();
        emitGraphQLAnswer({
            data: fixture('graphqlWorklist'),
            errors: fixture('graphqlWorklistPartialErrors')
        });
        await flushPromises();

        const panel = queryDeep(element, 'c-error-panel.partial-error');
        expect(panel.friendlyMessage).toBe('Een deel van de werklijst kon niet worden geladen');
        expect(queryAllDeep(element, 'c-worklist-section')).toHaveLength(3);
        await expect(element).toBeAccessible();
    });
});
