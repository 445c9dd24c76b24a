import config from '../../../staticresources/segmentationConfig.json';
import {
    buildPotentialGroups,
    buildStatus,
    customerTypeVariant,
    fieldLabels,
    leadingBrandDetail,
    sortBrandDetails,
    todayInUserTimeZone
} from 'c/segmentationView';

const detail = (overrides) => ({
    id: 'a01',
    brand: 'Vaillant',
    brandLabel: 'Vaillant',
    customerType: 'Grow',
    customerTypeLabel: 'Grow',
    valueType: 'Grote klant',
    lastVisitDate: '2025-10-01',
    growthLabel: null,
    locked: false,
    ...overrides
});

describe('todayInUserTimeZone', () => {
    it('takes the date in the user’s Salesforce time zone, not UTC', () => {
        // The jest user lives in America/Los_Angeles: 05:00 UTC is still the evening before there.
        expect(todayInUserTimeZone(Date.parse('2025-11-20T05:00:00Z'))).toBe('2025-11-19');
        expect(todayInUserTimeZone(Date.parse('2025-11-20T09:00:00Z'))).toBe('2025-11-20');
    });
});

describe('buildStatus', () => {
    it('does not call a visit due today late', () => {
        const status = buildStatus(detail({ lastVisitDate: '2025-08-22' }), config, '2025-11-20');
        expect(status.nextVisitText).toBe('Nov 20, 2025');
        expect(status.overdue).toBe(false);
        expect(buildStatus(detail({ lastVisitDate: '2025-08-21' }), config, '2025-11-20').overdue).toBe(true);
    });

    it('has no due date without a klanttype, and only a missing visit is late', () => {
        const status = buildStatus(detail({ valueType: null }), config, '2025-11-20');
        expect(status.nextVisitText).toBe('Nog niet geclassificeerd');
        expect(status.overdue).toBe(false);
        expect(
            buildStatus(detail({ valueType: null, lastVisitDate: null }), config, '2025-11-20').overdue
        ).toBe(true);
    });

    it('reads an empty growth as not filled in', () => {
        expect(buildStatus(detail({}), config, '2025-11-20').growthText).toBe('Niet ingevuld');
    });
});

describe('brand details of one installer', () => {
    it('orders them as the config lists the VG brands, unknown brands last', () => {
        const sorted = sortBrandDetails(
            [detail({ brand: 'Overig' }), detail({ brand: 'AWB' }), detail({ brand: 'Vaillant' })],
            config
        );
        expect(sorted.map((d) => d.brand)).toEqual(['Vaillant', 'AWB', 'Overig']);
    });

    it('leads with the first unlocked one, or the first when all are locked', () => {
        const vaillant = detail({ brand: 'Vaillant', locked: true });
        const awb = detail({ brand: 'AWB' });
        expect(leadingBrandDetail([vaillant, awb])).toBe(awb);
        expect(leadingBrandDetail([vaillant, { ...awb, locked: true }])).toBe(vaillant);
        expect(leadingBrandDetail([])).toBeNull();
    });
});

describe('view helpers', () => {
    it('gives each config type its own badge style', () => {
        expect(
            ['Win-back', 'Get', 'Grow', 'Keep', 'Other'].map((type) => customerTypeVariant(type, config))
        ).toEqual(['win-back', 'get', 'grow', 'keep', 'none']);
    });

    it('falls back to the package labels for fields the object info does not carry', () => {
        const labels = fieldLabels({
            results: [
                {
                    statusCode: 200,
                    result: { apiName: 'Potential__c', fields: { Units__c: { label: 'Eenheden' } } }
                },
                { statusCode: 403, result: null }
            ]
        });
        expect(labels.units).toBe('Eenheden');
        expect(labels.brand).toBe('Merk');
        expect(labels.valueType).toBe('Klanttype (waarde x potentie)');
    });

    it('sorts a group VG first, then the competitors in config order, then unknown brands by name', () => {
        const row = (brand, units) => ({
            id: brand,
            productGroup: 'Ketels',
            productGroupLabel: 'Ketels',
            brand,
            brandLabel: brand,
            units,
            source: 'Sales',
            sourceLabel: 'Sales'
        });
        const [boilers] = buildPotentialGroups(
            [row('Zeta', 1), row('Remeha', 5), row('AWB', 2), row('Alpha', 1), row('Vaillant', 3)],
            config
        );
        expect(boilers.rows.map((r) => r.brandText)).toEqual(['Vaillant', 'AWB', 'Remeha', 'Alpha', 'Zeta']);
        expect(boilers.totalUnitsText).toBe('12');
        expect(boilers.shareText).toBe('VG 42%');
    });
});
