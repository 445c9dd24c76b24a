import { createElement } from '@lwc/engine-dom';
import AccountSegmentation from 'c/accountSegmentation';
import { getRecord } from 'lightning/uiRecordApi';
import { getRelatedListRecords } from 'lightning/uiRelatedListApi';
import { getObjectInfos } from 'lightning/uiObjectInfoApi';
import { mockNavigate } from 'lightning/navigation';
import { flushPromises, mockConfigFetch, queryAllDeep, queryDeep, resetDom, visibleText } from 'test-utils';
import config from '../../../staticresources/segmentationConfig.json';

const fixture = (name) => require(`./data/${name}.json`);

const ACCOUNT_ID = '001AA00000KlntA1AA';
const VAILLANT_DETAIL_ID = 'a01AA00000MrkVlAAA';
const NOW = Date.parse('2025-11-20T18:00:00Z');

// Two related lists share one adapter: each emit goes to the wire of its own list only.
const brandDetailsList = (wireConfig) => wireConfig.relatedListId === 'Brand_Details__r';
const potentialsList = (wireConfig) => wireConfig.relatedListId === 'Potentials__r';

async function renderPanel({
    account,
    brandDetails,
    brandDetailsError,
    potentials,
    potentialsError,
    accountError
} = {}) {
    const element = createElement('c-account-segmentation', { is: AccountSegmentation });
    element.recordId = ACCOUNT_ID;
    document.body.appendChild(element);
    // The wires get their config a microtask after connecting; the filtered emits below need it.
    await flushPromises();
    if (account) {
        getRecord.emit(fixture(account));
    }
    if (accountError) {
        getRecord.emitError(fixture(accountError));
    }
    if (brandDetails) {
        getRelatedListRecords.emit(fixture(brandDetails), brandDetailsList);
    }
    if (brandDetailsError) {
        getRelatedListRecords.emitError(fixture(brandDetailsError), brandDetailsList);
    }
    if (potentials) {
        getRelatedListRecords.emit(fixture(potentials), potentialsList);
    }
    if (potentialsError) {
        getRelatedListRecords.emitError(fixture(potentialsError), potentialsList);
    }
    await flushPromises();
    return element;
}

const scenario = (name) => ({
    account: `getRecord${name}`,
    brandDetails: `getRelatedListRecordsBrandDetails${name}`,
    potentials: `getRelatedListRecordsPotentials${name}`
});

const summaryBadge = (element) => queryDeep(queryDeep(element, 'c-segmentation-summary'), '.type-badge');
const brandItems = (element) => queryAllDeep(element, 'c-brand-detail-status');
const moves = (element) => queryAllDeep(element, '.moves__item').map((item) => visibleText(item));

describe('c-account-segmentation', () => {
    let nowSpy;

    beforeEach(() => {
        mockConfigFetch({ body: config });
        nowSpy = jest.spyOn(Date, 'now').mockReturnValue(NOW);
    });

    afterEach(() => {
        resetDom();
        nowSpy.mockRestore();
        jest.clearAllMocks();
    });

    it('shows a loading state until the account and the config have arrived', async () => {
        const element = createElement('c-account-segmentation', { is: AccountSegmentation });
        element.recordId = ACCOUNT_ID;
        document.body.appendChild(element);

        expect(visibleText(element)).toContain('Segmentatie laden…');
        await expect(element).toBeAccessible();
    });

    it('reads the brand details and the potential of this account', async () => {
        await renderPanel();

        const configs = [];
        getRelatedListRecords.emit(fixture('getRelatedListRecordsBrandDetailsEmpty'), (wireConfig) => {
            configs.push(wireConfig);
            return false;
        });
        expect(configs).toEqual([
            expect.objectContaining({ parentRecordId: ACCOUNT_ID, relatedListId: 'Brand_Details__r' }),
            expect.objectContaining({ parentRecordId: ACCOUNT_ID, relatedListId: 'Potentials__r' })
        ]);
        expect(getRecord.getLastConfig().recordId).toBe(ACCOUNT_ID);
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
            expect(visibleText(summaryBadge(element))).toBe(expected.type);
            expect(moves(element)).toEqual(expected.moves);
        });

        it('lists each VG brand detail in brand order, with its own visits and a history link', () => {
            const items = brandItems(element);
            expect(items.map((item) => visibleText(queryDeep(item, '.status__brand')))).toEqual([
                'Vaillant',
                'AWB'
            ]);
            expect(visibleText(items[1])).toContain('Laatste bezoekdatum Nov 18, 2025');
            expect(visibleText(queryDeep(items[0], '.history-link'))).toBe('Historie van Vaillant');
        });

        it('shows the inputs of the classification', () => {
            const { fields } = fixture(`getRecord${expected.name}`);
            const text = visibleText(element);
            expect(text).toContain(`Bedrijf omvang ${fields.Company_Size__c.displayValue}`);
            expect(text).toContain(`Type markt ${fields.Market_Type__c.displayValue}`);
            expect(text).toContain(`Omzet laatste 12 maanden ${fields.Revenue_12M__c.displayValue}`);
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
        expect(visibleText(late)).toBe('Sep 30, 2025 Bezoek te laat');
        expect(queryDeep(late, 'c-segment-icon').name).toBe('warning');
        expect(queryDeep(awb, '.visit_overdue')).toBeNull();
        expect(visibleText(queryDeep(awb, '.visit'))).toBe('Jan 17, 2026');
    });

    it('takes the summary from an unlocked brand detail and marks the locked one', async () => {
        const element = await renderPanel(scenario('Locked'));

        expect(visibleText(summaryBadge(element))).toBe('Grow');
        const [vaillant, awb] = brandItems(element);
        expect(visibleText(queryDeep(vaillant, '.type-badge'))).toBe('Keep');
        expect(visibleText(vaillant)).toContain(
            'Handmatig vastgezet De nachtelijke herclassificatie wijzigt deze merkgegevens niet.'
        );
        expect(queryDeep(awb, '.locked')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('marks an estimated potential', async () => {
        const element = await renderPanel(scenario('Estimate'));

        expect(visibleText(queryDeep(element, '.tag_estimate'))).toBe('Schatting');
        expect(queryAllDeep(element, 'td.col-source .estimate')).toHaveLength(3);
        await expect(element).toBeAccessible();
    });

    it('shows empty inputs as not filled and "nog geen potentie ingevuld"', async () => {
        const element = await renderPanel(scenario('NoPotential'));

        const text = visibleText(element);
        expect(text).toContain('Bedrijf omvang Niet ingevuld');
        expect(text).toContain('Nog geen potentie ingevuld.');
        expect(visibleText(summaryBadge(element))).toBe('Geen type klant');
        await expect(element).toBeAccessible();
    });

    it('says when the installer has no brand details yet', async () => {
        const element = await renderPanel({
            account: 'getRecordGrow',
            brandDetails: 'getRelatedListRecordsBrandDetailsEmpty',
            potentials: 'getRelatedListRecordsPotentialsNoPotential'
        });

        expect(visibleText(element)).toContain('Nog geen merkgegevens voor deze installateur.');
        expect(queryDeep(element, 'c-segmentation-summary')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('leaves out inputs the user may not see', async () => {
        const element = await renderPanel({ ...scenario('Grow'), account: 'getRecordHiddenInputs' });

        const text = visibleText(element);
        expect(text).not.toContain('Bedrijf omvang');
        expect(text).toContain('Je hebt geen toegang tot de invoervelden van deze installateur.');
        await expect(element).toBeAccessible();
    });

    it('says so when the brand details or the potential may not be read', async () => {
        const element = await renderPanel({
            account: 'getRecordGrow',
            brandDetailsError: 'getRelatedListRecordsNoAccess',
            potentialsError: 'getRelatedListRecordsNoAccess'
        });

        const text = visibleText(element);
        expect(text).toContain('Je hebt geen toegang tot de merkgegevens van deze installateur.');
        expect(text).toContain('Je hebt geen toegang tot de potentie van deze installateur.');
        expect(queryDeep(element, 'c-error-panel')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows the error panel when the brand details fail to load', async () => {
        const element = await renderPanel({
            account: 'getRecordGrow',
            brandDetailsError: 'getRecordError',
            potentials: 'getRelatedListRecordsPotentialsGrow'
        });

        expect(visibleText(queryDeep(element, 'c-error-panel'))).toContain(
            'De merkgegevens konden niet worden geladen'
        );
        expect(queryDeep(element, 'table')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows the error panel when the account cannot be read', async () => {
        const element = await renderPanel({ accountError: 'getRecordError' });

        expect(visibleText(queryDeep(element, 'c-error-panel'))).toContain(
            'De segmentatie kon niet worden geladen'
        );
        await expect(element).toBeAccessible();
    });

    it('uses the org’s field labels once the object info has arrived', async () => {
        const element = await renderPanel(scenario('Grow'));
        getObjectInfos.emit(fixture('getObjectInfos'));
        await flushPromises();

        expect(queryDeep(element, '[role="meter"]').getAttribute('aria-label')).toBe(
            'Vaillant Group potentie aandeel'
        );
        expect(visibleText(element)).toContain('Laatste bezoekdatum');
        await expect(element).toBeAccessible();
    });
});
