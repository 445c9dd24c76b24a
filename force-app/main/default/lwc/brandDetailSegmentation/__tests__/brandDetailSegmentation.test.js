import { createElement } from '@lwc/engine-dom';
import BrandDetailSegmentation from 'c/brandDetailSegmentation';
import { getRecord } from 'lightning/uiRecordApi';
import { getRelatedListRecords } from 'lightning/uiRelatedListApi';
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

const fixture = (name) => require(`./data/${name}.json`);

const RECORD_ID = 'a01AA00000MrkVlAAA';
// 20 November 2025, mid-morning in the user's time zone: visits due before this day are late.
const NOW = Date.parse('2025-11-20T18:00:00Z');

/**
 * The panel with its brand detail (`record`: a fixture name, or {error}) and the installer's scenario parts.
 */
async function renderPanel({ record, recordError, installer = {} } = {}) {
    const element = createElement('c-brand-detail-segmentation', { is: BrandDetailSegmentation });
    element.recordId = RECORD_ID;
    document.body.appendChild(element);
    await flushPromises();
    const ownRecord = (wireConfig) => wireConfig.recordId === RECORD_ID;
    if (record) {
        getRecord.emit(fixture(record), ownRecord);
    }
    if (recordError) {
        getRecord.emitError(recordError, ownRecord);
    }
    // The installer's wires get their account id from the record: one more turn before they listen.
    await flushPromises();
    await emitInstaller(installer);
    await flushPromises();
    return element;
}

const scenario = (name, parts = {}) => ({
    record: `getRecord${name}`,
    installer: { ...installerScenario(name), ...parts }
});

const badge = (element) => queryDeep(element, 'lightning-badge.type-badge');
const meter = (element) => queryDeep(element, '[role="meter"]');
const moves = (element) => queryAllDeep(element, '.moves__item').map((item) => visibleText(item));
const note = (element) => queryDeep(element, '.note');
const dates = (element, selector) => queryAllDeep(element, selector).map((date) => date.value);

describe('c-brand-detail-segmentation', () => {
    withConfigAndClock(config, NOW);

    it('shows a loading state in a lightning-card until the record and the config have arrived', async () => {
        const element = createElement('c-brand-detail-segmentation', { is: BrandDetailSegmentation });
        element.recordId = RECORD_ID;
        document.body.appendChild(element);

        expect(queryDeep(element, 'lightning-card').title).toBe('Klantsegmentatie');
        expect(queryDeep(element, 'lightning-spinner').alternativeText).toBe('Segmentatie laden…');
        await expect(element).toBeAccessible();
    });

    it('reads its installer (account, brand details, potential) once the record has arrived', async () => {
        const element = createElement('c-brand-detail-segmentation', { is: BrandDetailSegmentation });
        element.recordId = RECORD_ID;
        document.body.appendChild(element);
        await flushPromises();
        expect(getRelatedListRecords.getLastConfig().parentRecordId).toBeUndefined();

        getRecord.emit(fixture('getRecordGrow'), (wireConfig) => wireConfig.recordId === RECORD_ID);
        await flushPromises();
        await flushPromises();

        const configs = [];
        getRecord.emit({}, (wireConfig) => configs.push(wireConfig) && false);
        getRelatedListRecords.emit({}, (wireConfig) => configs.push(wireConfig) && false);
        expect(configs).toHaveLength(4);
        expect(configs).toEqual(
            expect.arrayContaining([
                expect.objectContaining({ recordId: RECORD_ID }),
                expect.objectContaining({ recordId: INSTALLER_ID }),
                expect.objectContaining({ parentRecordId: INSTALLER_ID, relatedListId: 'Brand_Details__r' }),
                expect.objectContaining({ parentRecordId: INSTALLER_ID, relatedListId: 'Potentials__r' })
            ])
        );
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
            nextVisit: '2025-12-30',
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
            nextVisit: '2025-09-30',
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
            nextVisit: '2026-06-15',
            overdue: false
        },
        {
            // VG had no share before and has none now, but the installer bought VG boilers this year: the night
            // calls that Win-back (VG_Units_12M__c), and so does the panel, without an "outdated" note.
            name: 'WinBack',
            variant: 'win-back',
            segment: '75+',
            share: 0,
            boilers: '80 ketels',
            moves: ['Nog 4 VG-ketels tot Grow', 'Nog 70 ketels tot segment 150+'],
            valueType: 'Strategische klant',
            strategy: 'Strategie: samen bouwen · bezoek elke 30 dagen',
            nextVisit: null,
            overdue: true
        }
    ])('type klant $name', (expected) => {
        let element;

        beforeEach(async () => {
            element = await renderPanel(scenario(expected.name));
        });

        it('shows the type as a lightning-badge with its own theme and icon', () => {
            const stored = fixture(`getRecord${expected.name}`).fields.Customer_Type__c;
            expect(badge(element).label).toBe(stored.displayValue);
            expect(badge(element).dataset.variant).toBe(expected.variant);
            expect(badge(element).iconName).toMatch(/^utility:/);
            expect(queryDeep(element, 'lightning-card').title).toBe('Klantsegmentatie Vaillant');
        });

        it('shows segment, boiler potential and the VG share as a meter with its thresholds', () => {
            const text = visibleText(element);
            expect(text).toContain(`Totale potentie segment ${expected.segment}`);
            expect(text).toContain(`Totale ketelpotentie ${expected.boilers}`);
            expect(meter(element).getAttribute('aria-valuenow')).toBe(String(expected.share));
            expect(meter(element).getAttribute('aria-valuetext')).toBe(
                `${expected.share}% VG-aandeel; grenzen bij 5% en 75%`
            );
        });

        it('says what would move it, and that the stored classification is what the data give', () => {
            expect(moves(element)).toEqual(expected.moves);
            expect(note(element)).toBeNull();
        });

        it('shows the klanttype with its strategy and the next visit', () => {
            const text = visibleText(element);
            expect(text).toContain(`Klanttype (waarde x potentie) ${expected.valueType}`);
            expect(text).toContain(expected.strategy);
            expect(dates(element, '.visit c-calendar-date')).toEqual(
                expected.nextVisit ? [expected.nextVisit] : []
            );
            expect(queryDeep(element, '.visit_overdue') !== null).toBe(expected.overdue);
            expect(text.includes('Bezoek te laat')).toBe(expected.overdue);
        });

        it('explains it in the user’s language, and says when it was classified', () => {
            const { fields } = fixture(`getRecord${expected.name}`);
            // In Dutch the panel's own sentence is the one the nightly run stored.
            expect(visibleText(queryDeep(element, '.reason'))).toBe(
                `Toelichting ${fields.Classification_Reason__c.value}`
            );
            expect(dates(element, '.classified-at lightning-formatted-date-time')).toEqual([
                fields.Classified_At__c.value
            ]);
        });

        it('is accessible', async () => {
            await expect(element).toBeAccessible();
        });
    });

    it('shows one consistent picture when the record is locked and the potential has moved on', async () => {
        const element = await renderPanel(scenario('Locked'));

        expect(queryDeep(element, 'lightning-badge.tag_locked').label).toBe('Handmatig vastgezet');
        expect(visibleText(element)).toContain(
            'De nachtelijke herclassificatie wijzigt deze merkgegevens niet.'
        );
        // The stored picture: Keep at 80% ...
        expect(badge(element).label).toBe('Keep');
        expect(meter(element).getAttribute('aria-valuenow')).toBe('80');
        // ... no move or explanation counted from the current 38% beside it, and one note with what it gives.
        expect(moves(element)).toEqual([]);
        expect(queryDeep(element, '.reason')).toBeNull();
        expect(visibleText(note(element))).toBe(
            'Volgens de huidige gegevens: Grow, segment 30+, VG 38%, Grote klant. Handmatig vastgezet, dus de herclassificatie wijzigt dit niet.'
        );
        expect(queryDeep(note(element), 'lightning-icon').iconName).toBe('utility:info');
        await expect(element).toBeAccessible();
    });

    it('words computed values with the picklist labels Lightning Data Service gives', async () => {
        const picklists = installerScenario('Locked').picklists.data;
        const translated = JSON.parse(JSON.stringify(picklists));
        translated.picklistFieldValues.Value_Type__c.values.find((v) => v.value === 'Grote klant').label =
            'Large Customer';
        const element = await renderPanel(scenario('Locked', { picklists: { data: translated } }));

        expect(visibleText(note(element))).toContain('Grow, segment 30+, VG 38%, Large Customer.');
    });

    it('marks an estimated potential visibly', async () => {
        const element = await renderPanel(scenario('Estimate'));

        const tag = queryDeep(element, 'lightning-badge.tag_estimate');
        expect(tag.label).toBe('Schatting');
        expect(tag.iconName).toBe('utility:formula');
        expect(visibleText(element)).toContain('Potentie berekening Potentie is een schatting');
        expect(visibleText(queryDeep(element, '.reason'))).toContain('Potentie is een schatting.');
        await expect(element).toBeAccessible();
    });

    it('shows "nog geen potentie ingevuld" and no type without potential', async () => {
        const element = await renderPanel(scenario('NoPotential'));

        const text = visibleText(element);
        expect(text).toContain('Nog geen potentie ingevuld.');
        expect(badge(element).label).toBe('Geen type klant');
        expect(text).toContain('Totale potentie segment Geen segment');
        expect(text).toContain('Geen aandeel: geen ketelpotentie');
        expect(meter(element)).toBeNull();
        expect(moves(element)).toEqual([]);
        expect(queryDeep(element, 'table')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('uses its own field labels until the object info has arrived', async () => {
        const element = await renderPanel(scenario('Grow', { objectInfos: undefined }));
        expect(meter(element).getAttribute('aria-label')).toBe('VG potentie aandeel');

        await emitInstaller({ objectInfos: installerScenario('Grow').objectInfos });
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

    it('keeps the stored classification, with nothing computed, when the potential may not be read', async () => {
        const element = await renderPanel(
            scenario('Grow', {
                potentials: {
                    error: require('../../potentialTable/__tests__/data/getRelatedListRecordsNoAccess.json')
                }
            })
        );

        expect(badge(element).label).toBe('Grow');
        expect(visibleText(element)).toContain('Je hebt geen toegang tot de potentie van deze installateur.');
        expect(queryDeep(element, '.reason')).toBeNull();
        expect(moves(element)).toEqual([]);
        await expect(element).toBeAccessible();
    });

    it('shows the error panel with the reason when the record cannot be read', async () => {
        const element = await renderPanel({ recordError: fixture('getRecordError') });

        const panel = queryDeep(element, 'c-error-panel');
        expect(visibleText(panel)).toContain('De segmentatie kon niet worden geladen');
        expect(visibleText(panel)).not.toContain('An unexpected error occurred');

        queryDeep(panel, 'button').click();
        await flushPromises();
        expect(visibleText(panel)).toContain('An unexpected error occurred');
        await expect(element).toBeAccessible();
    });
});
