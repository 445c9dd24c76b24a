import { createElement } from '@lwc/engine-dom';
import USER_CURRENCY from '@salesforce/i18n/currency';
import AccountSegmentation from 'c/accountSegmentation';
import { getRecord } from 'lightning/uiRecordApi';
import { getRelatedListRecords } from 'lightning/uiRelatedListApi';
import { mockNavigate } from 'lightning/navigation';
import {
    INSTALLER_ID,
    emitInstaller,
    flushPromises,
    installerScenario,
    queryAllDeep,
    queryDeep,
    visibleText,
    withConfigAndClock
} from 'test-utils';
import config from '../../../staticresources/segmentationConfig.json';

const panelFixture = (name) => require(`../../segmentationPanel/__tests__/data/${name}.json`);

const VAILLANT_DETAIL_ID = 'a01AA00000MrkVlAAA';
const NOW = Date.parse('2025-11-20T18:00:00Z');

async function renderPanel(installer = {}) {
    const element = createElement('c-account-segmentation', { is: AccountSegmentation });
    element.recordId = INSTALLER_ID;
    document.body.appendChild(element);
    // The wires get their config a microtask after connecting; the filtered emits need it.
    await flushPromises();
    await emitInstaller(installer);
    await flushPromises();
    return element;
}

const scenario = (name, parts = {}) => ({ ...installerScenario(name), ...parts });

const summaryBadge = (element) =>
    queryDeep(queryDeep(element, 'c-segmentation-summary'), 'lightning-badge.type-badge');
const brandItems = (element) => queryAllDeep(element, 'c-brand-detail-status');
const moves = (element) => queryAllDeep(element, '.moves__item').map((item) => visibleText(item));
const inputs = (element) =>
    Object.fromEntries(
        queryAllDeep(element, '.inputs .fact').map((fact) => {
            const number = queryDeep(fact, 'lightning-formatted-number');
            return [
                visibleText(queryDeep(fact, 'dt')),
                number ? number.value : visibleText(queryDeep(fact, 'dd'))
            ];
        })
    );

describe('c-account-segmentation', () => {
    withConfigAndClock(config, NOW);

    it('shows a loading state until the account and the config have arrived', async () => {
        const element = createElement('c-account-segmentation', { is: AccountSegmentation });
        element.recordId = INSTALLER_ID;
        document.body.appendChild(element);

        expect(queryDeep(element, 'lightning-card').title).toBe('Klantsegmentatie');
        expect(queryDeep(element, 'lightning-spinner').alternativeText).toBe('Segmentatie laden…');
        await expect(element).toBeAccessible();
    });

    it('reads the brand details and the potential of this account', async () => {
        await renderPanel();

        await emitInstaller({ account: installerScenario('Grow').account });
        await flushPromises();

        const configs = [];
        getRelatedListRecords.emit({}, (wireConfig) => configs.push(wireConfig) && false);
        expect(configs).toEqual([
            expect.objectContaining({ parentRecordId: INSTALLER_ID, relatedListId: 'Brand_Details__r' }),
            expect.objectContaining({ parentRecordId: INSTALLER_ID, relatedListId: 'Potentials__r' })
        ]);
        expect(getRecord.getLastConfig().recordId).toBe(INSTALLER_ID);
    });

    describe.each([
        {
            name: 'Keep',
            type: 'Keep',
            moves: ['Bij 3 VG-ketels minder: Grow', 'Nog 35 ketels tot segment 75+']
        },
        { name: 'Grow', type: 'Grow', moves: ['Nog 20 VG-ketels tot Keep', 'Nog 35 ketels tot segment 75+'] },
        { name: 'Get', type: 'Get', moves: ['Nog 1 VG-ketel tot Grow', 'Nog 5 ketels tot segment 30+'] },
        {
            name: 'WinBack',
            type: 'Win-back',
            moves: ['Nog 4 VG-ketels tot Grow', 'Nog 70 ketels tot segment 150+']
        }
    ])('type klant $name', (expected) => {
        let element;

        beforeEach(async () => {
            element = await renderPanel(scenario(expected.name));
        });

        it('summarises the installer’s VG classification and what would move it', () => {
            expect(summaryBadge(element).label).toBe(expected.type);
            expect(moves(element)).toEqual(expected.moves);
            expect(queryDeep(element, '.note')).toBeNull();
        });

        it('lists each VG brand detail in brand order, with its own visits and a history link', () => {
            const items = brandItems(element);
            expect(items.map((item) => visibleText(queryDeep(item, '.status__brand')))).toEqual([
                'Vaillant',
                'AWB'
            ]);
            expect(queryDeep(items[1], '.last-visit c-calendar-date').value).toBe('2025-11-18');
            expect(visibleText(queryDeep(items[0], '.history-link'))).toBe('Historie van Vaillant');
        });

        it('shows the inputs of the classification', () => {
            const { fields } = panelFixture(`getRecord${expected.name}`);
            expect(inputs(element)).toEqual({
                'Bedrijf omvang': fields.Company_Size__c.displayValue,
                'Type markt': fields.Market_Type__c.displayValue,
                'Omzet laatste 12 maanden': fields.Revenue_12M__c.value,
                'VG-ketels gekocht laatste 12 maanden': fields.VG_Units_12M__c.value
            });
            const revenue = queryDeep(element, '.inputs lightning-formatted-number');
            expect([revenue.formatStyle, revenue.currencyCode]).toEqual(['currency', USER_CURRENCY]);
        });

        it('is accessible', async () => {
            await expect(element).toBeAccessible();
        });
    });

    it('opens a brand detail’s history from its link', async () => {
        const element = await renderPanel(scenario('Grow'));
        await flushPromises();

        const link = queryDeep(brandItems(element)[0], '.history-link');
        expect(link.getAttribute('href')).toBe(`/lightning/r/${VAILLANT_DETAIL_ID}/related/Histories/view`);
        link.click();

        expect(mockNavigate).toHaveBeenCalledWith(
            {
                type: 'standard__recordRelationshipPage',
                attributes: {
                    recordId: VAILLANT_DETAIL_ID,
                    objectApiName: 'Brand_Detail__c',
                    relationshipApiName: 'Histories',
                    actionName: 'view'
                }
            },
            undefined
        );
    });

    it('flags a late visit with words and an icon, not colour alone', async () => {
        const element = await renderPanel(scenario('Grow'));

        const [vaillant, awb] = brandItems(element);
        const late = queryDeep(vaillant, '.visit_overdue');
        expect(visibleText(late)).toBe('Bezoek te laat');
        expect(queryDeep(late, 'c-calendar-date').value).toBe('2025-09-30');
        expect(queryDeep(late, 'lightning-icon').iconName).toBe('utility:warning');
        expect(queryDeep(awb, '.visit_overdue')).toBeNull();
        expect(queryDeep(awb, '.visit c-calendar-date').value).toBe('2026-01-17');
    });

    it('takes the summary from an unlocked brand detail and marks the locked one', async () => {
        const element = await renderPanel(scenario('Locked'));

        expect(summaryBadge(element).label).toBe('Grow');
        const [vaillant, awb] = brandItems(element);
        expect(queryDeep(vaillant, 'lightning-badge').label).toBe('Keep');
        expect(visibleText(vaillant)).toContain(
            'Handmatig vastgezet De nachtelijke herclassificatie wijzigt deze merkgegevens niet.'
        );
        expect(queryDeep(awb, '.locked')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('marks an estimated potential', async () => {
        const element = await renderPanel(scenario('Estimate'));

        expect(queryDeep(element, 'lightning-badge.tag_estimate').label).toBe('Schatting');
        expect(queryAllDeep(element, 'td.col-source .estimate')).toHaveLength(3);
        await expect(element).toBeAccessible();
    });

    it('shows empty inputs as not filled and "nog geen potentie ingevuld"', async () => {
        const element = await renderPanel(scenario('NoPotential'));

        expect(inputs(element)['Bedrijf omvang']).toBe('Niet ingevuld');
        expect(inputs(element)['Omzet laatste 12 maanden']).toBe('Niet ingevuld');
        expect(visibleText(element)).toContain('Nog geen potentie ingevuld.');
        expect(summaryBadge(element).label).toBe('Geen type klant');
        await expect(element).toBeAccessible();
    });

    it('says when the installer has no brand details yet', async () => {
        const element = await renderPanel(
            scenario('NoPotential', {
                brandDetails: { data: panelFixture('getRelatedListRecordsBrandDetailsEmpty') }
            })
        );

        expect(visibleText(element)).toContain('Nog geen merkgegevens voor deze installateur.');
        expect(queryDeep(element, 'c-segmentation-summary')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('leaves out inputs the user may not see', async () => {
        const element = await renderPanel(
            scenario('Grow', { account: { data: panelFixture('getRecordHiddenInputs') } })
        );

        const text = visibleText(element);
        expect(text).not.toContain('Bedrijf omvang');
        expect(text).toContain('Je hebt geen toegang tot de invoervelden van deze installateur.');
        await expect(element).toBeAccessible();
    });

    it('says so when the brand details or the potential may not be read', async () => {
        const noAccess = { error: panelFixture('getRelatedListRecordsNoAccess') };
        const element = await renderPanel(scenario('Grow', { brandDetails: noAccess, potentials: noAccess }));

        const text = visibleText(element);
        expect(text).toContain('Je hebt geen toegang tot de merkgegevens van deze installateur.');
        expect(text).toContain('Je hebt geen toegang tot de potentie van deze installateur.');
        expect(queryDeep(element, 'c-error-panel')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows the error panel when the brand details fail to load', async () => {
        const element = await renderPanel(
            scenario('Grow', { brandDetails: { error: panelFixture('getRecordError') } })
        );

        expect(visibleText(queryDeep(element, 'c-error-panel'))).toContain(
            'De merkgegevens konden niet worden geladen'
        );
        expect(queryDeep(element, 'table')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows the error panel when the account cannot be read', async () => {
        const element = await renderPanel({ account: { error: panelFixture('getRecordError') } });

        expect(visibleText(queryDeep(element, 'c-error-panel'))).toContain(
            'De segmentatie kon niet worden geladen'
        );
        await expect(element).toBeAccessible();
    });

    it('uses the org’s field labels once the object info has arrived', async () => {
        const element = await renderPanel(scenario('Grow', { objectInfos: undefined }));
        expect(queryDeep(element, '[role="meter"]').getAttribute('aria-label')).toBe('VG potentie aandeel');
        await emitInstaller({ objectInfos: installerScenario('Grow').objectInfos });
        await flushPromises();

        expect(queryDeep(element, '[role="meter"]').getAttribute('aria-label')).toBe(
            'Vaillant Group potentie aandeel'
        );
        expect(visibleText(element)).toContain('Laatste bezoekdatum');
        await expect(element).toBeAccessible();
    });
});
