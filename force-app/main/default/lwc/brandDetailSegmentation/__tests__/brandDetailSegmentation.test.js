import { createElement } from '@lwc/engine-dom';
import BrandDetailSegmentation from 'c/brandDetailSegmentation';
import { getRecord } from 'lightning/uiRecordApi';
import { getRelatedListRecords } from 'lightning/uiRelatedListApi';
import { getObjectInfos } from 'lightning/uiObjectInfoApi';
import { flushPromises, mockConfigFetch, queryAllDeep, queryDeep, resetDom, visibleText } from 'test-utils';
import config from '../../../staticresources/segmentationConfig.json';

const fixture = (name) => require(`./data/${name}.json`);

const RECORD_ID = 'a01AA00000MrkVlAAA';
const ACCOUNT_ID = '001AA00000KlntA1AA';
// 20 November 2025, mid-morning in the user's time zone: visits due before this day are late.
const NOW = Date.parse('2025-11-20T18:00:00Z');

async function renderPanel({ record, potentials, potentialError, recordError } = {}) {
    const element = createElement('c-brand-detail-segmentation', { is: BrandDetailSegmentation });
    element.recordId = RECORD_ID;
    document.body.appendChild(element);
    if (record) {
        getRecord.emit(fixture(record));
    }
    if (recordError) {
        getRecord.emitError(recordError);
    }
    await flushPromises();
    if (potentials) {
        getRelatedListRecords.emit(fixture(potentials));
    }
    if (potentialError) {
        getRelatedListRecords.emitError(fixture(potentialError));
    }
    await flushPromises();
    return element;
}

const badge = (element) => queryDeep(element, '.type-badge');
const meter = (element) => queryDeep(element, '[role="meter"]');
const moves = (element) => queryAllDeep(element, '.moves__item').map((item) => visibleText(item));

describe('c-brand-detail-segmentation', () => {
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

    it('shows a loading state until the record and the config have arrived', async () => {
        const element = createElement('c-brand-detail-segmentation', { is: BrandDetailSegmentation });
        element.recordId = RECORD_ID;
        document.body.appendChild(element);

        expect(visibleText(element)).toContain('Segmentatie laden…');
        expect(queryDeep(element, '[role="status"]')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    describe.each([
        {
            name: 'Keep',
            variant: 'keep',
            segment: '30+',
            share: 80,
            boilers: '40 ketels',
            moves: ['Bij 3 VG-ketels minder: Grow', 'Nog 35 ketels tot segment 75+'],
            valueType: 'Grote klant',
            strategy: 'Strategie: maximaal benutten · bezoek elke 90 dagen',
            nextVisit: 'Dec 30, 2025',
            overdue: false
        },
        {
            name: 'Grow',
            variant: 'grow',
            segment: '30+',
            share: 25,
            boilers: '40 ketels',
            moves: ['Nog 20 VG-ketels tot Keep', 'Nog 35 ketels tot segment 75+'],
            valueType: 'Ontwikkelingsklant',
            strategy: 'Strategie: actief in contact komen · bezoek elke 60 dagen',
            nextVisit: 'Sep 30, 2025',
            overdue: true
        },
        {
            name: 'Get',
            variant: 'get',
            segment: '10+',
            share: 4,
            boilers: '25 ketels',
            moves: ['Nog 1 VG-ketel tot Grow', 'Nog 5 ketels tot segment 30+'],
            valueType: 'Transactionele klant',
            strategy: 'Strategie: behouden · bezoek elke 365 dagen',
            nextVisit: 'Jun 15, 2026',
            overdue: false
        },
        {
            name: 'WinBack',
            variant: 'win-back',
            segment: '75+',
            share: 0,
            boilers: '80 ketels',
            moves: ['Nog 4 VG-ketels tot Grow', 'Nog 70 ketels tot segment 150+'],
            valueType: 'Strategische klant',
            strategy: 'Strategie: samen bouwen · bezoek elke 30 dagen',
            nextVisit: 'Nog nooit bezocht',
            overdue: true
        }
    ])('type klant $name', (expected) => {
        let element;

        beforeEach(async () => {
            element = await renderPanel({
                record: `getRecord${expected.name}`,
                potentials: `getRelatedListRecords${expected.name}`
            });
        });

        it('shows the type as a badge with its own colour and icon', () => {
            const stored = fixture(`getRecord${expected.name}`).fields.Customer_Type__c.value;
            expect(visibleText(badge(element))).toBe(stored);
            expect(badge(element).dataset.variant).toBe(expected.variant);
            expect(badge(element).className).toContain(`type-badge_${expected.variant}`);
            expect(
                queryDeep(badge(element), 'c-segment-icon')?.name ??
                    queryDeep(element, '.type-badge__icon').name
            ).toBe(expected.variant);
        });

        it('shows segment, boiler potential and the VG share as a meter with its thresholds', () => {
            const text = visibleText(element);
            expect(text).toContain(`Totale potentie segment ${expected.segment}`);
            expect(text).toContain(`Totale ketelpotentie ${expected.boilers}`);
            expect(meter(element).getAttribute('aria-valuenow')).toBe(String(expected.share));
            expect(meter(element).getAttribute('aria-valuetext')).toBe(
                `${expected.share}% VG-aandeel; grenzen bij 5% en 75%`
            );
            expect(queryAllDeep(element, '.meter__mark-label').map((mark) => mark.textContent)).toEqual([
                '5%',
                '75%'
            ]);
        });

        it('says what would move it, computed from the current potential', () => {
            expect(moves(element)).toEqual(expected.moves);
        });

        it('shows the klanttype with its strategy and the next visit', () => {
            const text = visibleText(element);
            expect(text).toContain(`Klanttype (waarde x potentie) ${expected.valueType}`);
            expect(text).toContain(expected.strategy);
            expect(visibleText(queryDeep(element, '.visit'))).toContain(expected.nextVisit);
            expect(queryDeep(element, '.visit_overdue') !== null).toBe(expected.overdue);
            expect(text.includes('Bezoek te laat')).toBe(expected.overdue);
        });

        it('shows the explanation and when it was classified', () => {
            const { fields } = fixture(`getRecord${expected.name}`);
            expect(visibleText(element)).toContain(`Toelichting ${fields.Classification_Reason__c.value}`);
            expect(visibleText(element)).toContain(
                `Laatst geclassificeerd: ${fields.Classified_At__c.displayValue}`
            );
        });

        it('is accessible', async () => {
            await expect(element).toBeAccessible();
        });
    });

    it('reads the potential of the brand detail’s account once the record has arrived', async () => {
        const element = createElement('c-brand-detail-segmentation', { is: BrandDetailSegmentation });
        element.recordId = RECORD_ID;
        document.body.appendChild(element);
        expect(getRelatedListRecords.getLastConfig().parentRecordId).toBeUndefined();

        getRecord.emit(fixture('getRecordGrow'));
        await flushPromises();

        expect(getRecord.getLastConfig().recordId).toBe(RECORD_ID);
        expect(getRelatedListRecords.getLastConfig()).toEqual(
            expect.objectContaining({ parentRecordId: ACCOUNT_ID, relatedListId: 'Potentials__r' })
        );
    });

    it('shows the potential per product group and brand with the source of each row', async () => {
        const element = await renderPanel({
            record: 'getRecordKeep',
            potentials: 'getRelatedListRecordsKeep'
        });

        const groups = queryAllDeep(element, 'tbody').map((group) => visibleText(group));
        expect(groups).toEqual([
            'Ketels Vaillant VG 24 Sales AWB VG 8 Sales Remeha 6 Sales Intergas 2 Sales Totaal Ketels 40 VG 80%',
            'Lucht-warmtepomp Vaillant VG 6 Sales Daikin 4 Sales Totaal Lucht-warmtepomp 10 VG 60%',
            'Grond-warmtepomp Niet ingevuld'
        ]);
        expect(queryDeep(element, 'caption').textContent).toBe('Potentie per productgroep en merk, met bron');
        await expect(element).toBeAccessible();
    });

    it('marks a locked record and says the nightly run leaves it alone', async () => {
        const element = await renderPanel({
            record: 'getRecordLocked',
            potentials: 'getRelatedListRecordsLocked'
        });

        const text = visibleText(element);
        expect(visibleText(queryDeep(element, '.tag_locked'))).toBe('Handmatig vastgezet');
        expect(text).toContain('De nachtelijke herclassificatie wijzigt deze merkgegevens niet.');
        expect(visibleText(badge(element))).toBe('Keep');
        expect(text).toContain(
            'Volgens de huidige potentie: Grow, segment 30+. Handmatig vastgezet, dus de herclassificatie wijzigt dit niet.'
        );
        expect(moves(element)).toEqual(['Nog 15 VG-ketels tot Keep', 'Nog 35 ketels tot segment 75+']);
        await expect(element).toBeAccessible();
    });

    it('marks an estimated potential visibly, in the summary and on every row', async () => {
        const element = await renderPanel({
            record: 'getRecordEstimate',
            potentials: 'getRelatedListRecordsEstimate'
        });

        expect(visibleText(queryDeep(element, '.tag_estimate'))).toBe('Schatting');
        expect(visibleText(element)).toContain('Potentie berekening Potentie is een schatting');
        const sources = queryAllDeep(element, 'tbody tr td.col-source .estimate').map((cell) =>
            visibleText(cell)
        );
        expect(sources).toEqual(['Schatting', 'Schatting', 'Schatting']);
        await expect(element).toBeAccessible();
    });

    it('shows "nog geen potentie ingevuld" and no type without potential', async () => {
        const element = await renderPanel({
            record: 'getRecordNoPotential',
            potentials: 'getRelatedListRecordsNoPotential'
        });

        const text = visibleText(element);
        expect(text).toContain('Nog geen potentie ingevuld.');
        expect(visibleText(badge(element))).toBe('Geen type klant');
        expect(text).toContain('Totale potentie segment Geen segment');
        expect(text).toContain('Geen aandeel: geen ketelpotentie');
        expect(meter(element)).toBeNull();
        expect(moves(element)).toEqual([]);
        expect(queryDeep(element, 'table')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('uses the org’s field labels once the object info has arrived', async () => {
        const element = await renderPanel({
            record: 'getRecordGrow',
            potentials: 'getRelatedListRecordsGrow'
        });
        expect(meter(element).getAttribute('aria-label')).toBe('VG potentie aandeel');

        getObjectInfos.emit(fixture('getObjectInfos'));
        await flushPromises();

        expect(meter(element).getAttribute('aria-label')).toBe('Vaillant Group potentie aandeel');
        expect(queryAllDeep(element, 'thead th').map((th) => th.textContent)).toEqual([
            'Merk',
            'Aantal',
            'Bron'
        ]);
        await expect(element).toBeAccessible();
    });

    it('says so when field-level security hides the classification', async () => {
        const element = await renderPanel({ record: 'getRecordHiddenFields' });

        expect(visibleText(element)).toContain('Je hebt geen toegang tot de segmentatievelden.');
        expect(badge(element)).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('keeps the classification and says so when the potential may not be read', async () => {
        const element = await renderPanel({
            record: 'getRecordGrow',
            potentialError: 'getRelatedListRecordsNoAccess'
        });

        expect(visibleText(badge(element))).toBe('Grow');
        expect(visibleText(element)).toContain('Je hebt geen toegang tot de potentie van deze installateur.');
        expect(moves(element)).toEqual([]);
        await expect(element).toBeAccessible();
    });

    it('shows the error panel with the reason when the record cannot be read', async () => {
        const element = await renderPanel({ recordError: fixture('getRecordError') });

        const panel = queryDeep(element, 'c-error-panel');
        expect(panel).not.toBeNull();
        expect(visibleText(panel)).toContain('De segmentatie kon niet worden geladen');
        expect(visibleText(panel)).not.toContain('An unexpected error occurred');

        queryDeep(panel, 'button').click();
        await flushPromises();
        expect(visibleText(panel)).toContain('An unexpected error occurred');
        await expect(element).toBeAccessible();
    });
});
