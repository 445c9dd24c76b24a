import fc from 'fast-check';
import config from '../../../staticresources/segmentationConfig.json';
import { customerType, explain } from 'c/segmentRules';
import { picklistLabels } from 'c/installerRecords';
import {
    buildPotentialGroups,
    buildStatus,
    buildSummary,
    currentClassification,
    customerTypeBadge,
    explanationText,
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
        expect(status.nextVisitDue).toBe('2025-11-20');
        expect(status.overdue).toBe(false);
        expect(buildStatus(detail({ lastVisitDate: '2025-08-21' }), config, '2025-11-20').overdue).toBe(true);
    });

    it('has no due date without a klanttype, and only a missing visit is late', () => {
        const status = buildStatus(detail({ valueType: null }), config, '2025-11-20');
        expect(status.nextVisitDue).toBeNull();
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
    it('gives each config type its own badge theme and icon, in the rules module’s type order', () => {
        const badges = ['Win-back', 'Get', 'Grow', 'Keep', 'Other'].map((type) =>
            customerTypeBadge(type, type, config)
        );
        expect(badges.map((badge) => badge.variant)).toEqual(['win-back', 'get', 'grow', 'keep', 'none']);
        expect(new Set(badges.map((badge) => badge.className)).size).toBe(5);
        expect(new Set(badges.slice(0, 4).map((badge) => badge.iconName)).size).toBe(4);
        expect(badges[4].label).toBe('Geen type klant');
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
        expect(boilers.totalUnits).toBe(12);
        expect(boilers.shareText).toBe('VG 42%');
    });
});

const SAME_LABELS = picklistLabels(undefined);

describe('the explanation in the user’s language', () => {
    it('is in Dutch the very sentence the rules module writes to Classification_Reason__c', () => {
        const potential = fc.nat({ max: 1200 }).chain((total) =>
            fc.record({
                total: fc.constant(total),
                vg: fc.nat({ max: total }),
                enteredBySales: fc.boolean()
            })
        );
        fc.assert(
            fc.property(potential, fc.boolean(), (boilers, everHadShare) => {
                const type = customerType(boilers.vg, boilers.total, everHadShare || boilers.vg > 0, config);
                expect(explanationText(boilers, type, config, SAME_LABELS)).toBe(
                    explain(boilers, type, config)
                );
            }),
            { numRuns: 1000 }
        );
    });
});

describe('one consistent picture', () => {
    const stored = (overrides) =>
        detail({
            customerType: 'Keep',
            customerTypeLabel: 'Keep',
            segment: '30+',
            segmentLabel: '30+',
            share: 80,
            boilerPotential: 40,
            potentialSource: 'Potentie is ingevuld',
            valueType: 'Grote klant',
            ...overrides
        });
    const installer = { revenue12m: 120000, vgUnits12m: 0, everHadShare: true };
    const rows = (vg) => [
        { productGroup: 'Ketels', brand: 'Vaillant', units: vg, source: 'Sales' },
        { productGroup: 'Ketels', brand: 'Remeha', units: 40 - vg, source: 'Sales' }
    ];

    it('explains and moves from the stored values when the current data give the same classification', () => {
        const summary = buildSummary(
            stored(),
            currentClassification(installer, rows(32), config),
            config,
            SAME_LABELS
        );
        expect(summary.outdatedText).toBeNull();
        expect(summary.moves.map((move) => move.text)).toEqual([
            'Bij 3 VG-ketels minder: Grow',
            'Nog 35 ketels tot segment 75+'
        ]);
        expect(summary.reason).toBe(explain({ total: 40, vg: 32, enteredBySales: true }, 'Keep', config));
    });

    it('shows no move computed from other numbers than the meter when the record is locked and outdated', () => {
        const summary = buildSummary(
            stored({ locked: true }),
            currentClassification(installer, rows(15), config),
            config,
            SAME_LABELS
        );
        expect(summary.share.percent).toBe(80);
        expect(summary.moves).toEqual([]);
        expect(summary.reason).toBeNull();
        expect(summary.outdatedText).toBe(
            'Volgens de huidige gegevens: Grow, segment 30+, VG 38%, Grote klant. Handmatig vastgezet, dus de herclassificatie wijzigt dit niet.'
        );
    });

    it('calls a record outdated when only its klanttype would change (revenue edited today)', () => {
        const current = currentClassification({ ...installer, revenue12m: 300000 }, rows(32), config);
        const summary = buildSummary(stored(), current, config, SAME_LABELS);
        expect(summary.outdatedText).toBe(
            'Volgens de huidige gegevens: Keep, segment 30+, VG 80%, Strategische klant. De herclassificatie van vannacht werkt dit bij.'
        );
        expect(summary.moves).toEqual([]);
    });

    it('shows no explanation and no moves while the current data are unknown', () => {
        const summary = buildSummary(stored(), null, config, SAME_LABELS);
        expect(summary.reason).toBeNull();
        expect(summary.moves).toEqual([]);
        expect(summary.outdatedText).toBeNull();
    });
});
