import { createElement } from '@lwc/engine-dom';
import PotentialTable from 'c/potentialTable';
import { getRelatedListRecords } from 'lightning/uiRelatedListApi';
import { flushPromises, queryAllDeep, queryDeep, resetDom, visibleText } from 'test-utils';
import config from '../../../staticresources/segmentationConfig.json';

const fixture = (name) => require(`./data/${name}.json`);
const ACCOUNT_ID = '001AA00000KlntA1AA';

async function render() {
    const element = createElement('c-potential-table', { is: PotentialTable });
    const changes = [];
    element.addEventListener('potentialchange', (event) => changes.push(event.detail));
    Object.assign(element, {
        accountId: ACCOUNT_ID,
        config,
        fieldLabels: { brand: 'Merk', units: 'Aantal', source: 'Bron' }
    });
    document.body.appendChild(element);
    await flushPromises();
    return { element, changes };
}

const units = (element) => queryAllDeep(element, 'lightning-formatted-number').map((number) => number.value);

describe('c-potential-table', () => {
    afterEach(() => {
        resetDom();
        jest.clearAllMocks();
    });

    it('reads the potential of the account it is given, and announces that it is loading', async () => {
        const { element } = await render();
        expect(getRelatedListRecords.getLastConfig()).toEqual(
            expect.objectContaining({
                parentRecordId: ACCOUNT_ID,
                relatedListId: 'Potentials__r',
                pageSize: 100
            })
        );
        const spinner = queryDeep(element, 'lightning-spinner');
        expect(spinner.alternativeText).toBe('Potentie laden…');
        await expect(element).toBeAccessible();
    });

    it('shows every product group with its rows VG first, a total and the VG share, and reports the rows', async () => {
        const { element, changes } = await render();
        getRelatedListRecords.emit(fixture('getRelatedListRecordsKeep'));
        await flushPromises();

        expect(queryAllDeep(element, 'tbody').map((group) => visibleText(group))).toEqual([
            'Ketels Vaillant Sales AWB Sales Remeha Sales Intergas Sales Totaal Ketels VG 80%',
            'Lucht-warmtepomp Vaillant Sales Daikin Sales Totaal Lucht-warmtepomp VG 60%',
            'Grond-warmtepomp Niet ingevuld'
        ]);
        expect(units(element)).toEqual([24, 8, 6, 2, 40, 6, 4, 10]);
        expect(queryAllDeep(element, 'lightning-badge.vg-tag').map((badge) => badge.label)).toEqual([
            'VG',
            'VG',
            'VG'
        ]);
        expect(queryDeep(element, 'caption').textContent).toBe('Potentie per productgroep en merk, met bron');
        expect(changes.at(-1).rows.map((row) => `${row.brand} ${row.units}`)).toContain('Vaillant 24');
        await expect(element).toBeAccessible();
    });

    it('marks every estimated row with the estimate icon', async () => {
        const { element } = await render();
        getRelatedListRecords.emit(fixture('getRelatedListRecordsEstimate'));
        await flushPromises();

        const estimates = queryAllDeep(element, 'td.col-source .estimate');
        expect(estimates.map((cell) => visibleText(cell))).toEqual(['Schatting', 'Schatting', 'Schatting']);
        expect(estimates.map((cell) => queryDeep(cell, 'lightning-icon').iconName)).toEqual([
            'utility:formula',
            'utility:formula',
            'utility:formula'
        ]);
    });

    it('shows the empty state when no group has rows', async () => {
        const { element } = await render();
        getRelatedListRecords.emit(fixture('getRelatedListRecordsNoPotential'));
        await flushPromises();

        expect(visibleText(element)).toContain('Nog geen potentie ingevuld.');
        expect(queryDeep(element, 'table')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('says so when the user may not read the potential, and reports no rows', async () => {
        const { element, changes } = await render();
        getRelatedListRecords.emitError(fixture('getRelatedListRecordsNoAccess'));
        await flushPromises();

        expect(visibleText(element)).toBe('Je hebt geen toegang tot de potentie van deze installateur.');
        expect(changes.at(-1)).toEqual({ rows: null });
        await expect(element).toBeAccessible();
    });

    it('shows a failed load through the error panel', async () => {
        const { element } = await render();
        getRelatedListRecords.emitError({ status: 500, body: [{ message: 'Kapot' }] });
        await flushPromises();

        expect(visibleText(element)).toContain('De potentie kon niet worden geladen');
        await expect(element).toBeAccessible();
    });
});
