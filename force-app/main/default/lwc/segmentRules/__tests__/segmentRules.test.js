import fc from 'fast-check';
import config from '../../../staticresources/segmentationConfig.json';
import {
    aggregatePotential,
    classify,
    customerType,
    explain,
    isDowngrade,
    isVisitOverdue,
    nextSegment,
    nextVisitDue,
    OWNED_FIELDS,
    plannedUpdate,
    brandDetailFields,
    potentialSegment,
    sharePercent,
    typeMove,
    valueType,
    wholeSharePercent
} from 'c/segmentRules';

const boilers = (brand, units, source = 'Sales') => ({ productGroup: 'Ketels', brand, units, source });

describe('customerType at every boundary', () => {
    it.each([
        [0, 100, false, 'Get'],
        [0, 100, true, 'Win-back'],
        [1, 100, false, 'Get'],
        [4, 100, false, 'Get'],
        [5, 100, false, 'Grow'],
        [1, 21, false, 'Get'], // 4.76%
        [1, 20, false, 'Grow'], // exactly 5%
        [7, 140, false, 'Grow'], // exactly 5% where 7/140 is not exact in binary
        [74, 100, false, 'Grow'],
        [75, 100, false, 'Keep'],
        [2, 3, false, 'Grow'], // 66.67%
        [3, 4, false, 'Keep'], // exactly 75%
        [749, 1000, false, 'Grow'],
        [750, 1000, false, 'Keep'],
        [100, 100, false, 'Keep'],
        [3, 3, true, 'Keep'],
        [0, 0, true, null],
        [0, 0, false, null]
    ])('vg %i of %i (ever had share: %s) is %s', (vg, total, everHad, expected) => {
        expect(customerType(vg, total, everHad, config)).toBe(expected);
    });

    it('matches the exact rational boundary for any total (property)', () => {
        fc.assert(
            fc.property(fc.integer({ min: 1, max: 2_000_000 }), fc.boolean(), (total, everHad) => {
                // Independent oracle with BigInt: the least vg with vg/total >= 5/100 and >= 75/100.
                const ceil = (num, den) => Number((num + den - 1n) / den);
                const growFrom = Math.max(1, ceil(5n * BigInt(total), 100n));
                const keepFrom = ceil(75n * BigInt(total), 100n);
                expect(customerType(growFrom, total, everHad, config)).toBe(
                    growFrom >= keepFrom ? 'Keep' : 'Grow'
                );
                // vg = 0 is Get or Win-back by history, so the unit below the Grow boundary is checked from 1 up.
                const belowGrow = growFrom > 1 ? customerType(growFrom - 1, total, everHad, config) : 'Get';
                expect(belowGrow).toBe('Get');
                expect(customerType(keepFrom, total, everHad, config)).toBe('Keep');
                const belowKeep =
                    keepFrom - 1 >= growFrom ? customerType(keepFrom - 1, total, everHad, config) : 'Grow';
                expect(belowKeep).toBe('Grow');
            })
        );
    });

    it('only changes where a threshold is crossed (property)', () => {
        const rank = { Get: 0, Grow: 1, Keep: 2 };
        fc.assert(
            fc.property(
                fc.integer({ min: 1, max: 100_000 }),
                fc.integer({ min: 1, max: 100_000 }),
                (a, total) => {
                    const vg = Math.min(a, total - 1);
                    const here = customerType(vg, total, false, config);
                    const next = customerType(vg + 1, total, false, config);
                    expect(rank[next]).toBeGreaterThanOrEqual(rank[here]);
                    const shareNext = (vg + 1) / total;
                    const crossed = [0.05, 0.75].some(
                        (t) => vg / total < t + 1e-12 && shareNext >= t - 1e-12
                    );
                    expect(here === next || crossed).toBe(true);
                }
            )
        );
    });
});

describe('potentialSegment', () => {
    it.each([
        [0, null],
        [1, '1+'],
        [9, '1+'],
        [10, '10+'],
        [29, '10+'],
        [30, '30+'],
        [74, '30+'],
        [75, '75+'],
        [149, '75+'],
        [150, '150+'],
        [499, '150+'],
        [500, '500+'],
        [100_000, '500+']
    ])('%i boilers is segment %s', (total, expected) => {
        expect(potentialSegment(total, config)).toBe(expected);
    });

    it('is monotone in the total potential (property)', () => {
        const order = [null, '1+', '10+', '30+', '75+', '150+', '500+'];
        fc.assert(
            fc.property(fc.nat(10_000), fc.nat(10_000), (a, b) => {
                const [low, high] = a <= b ? [a, b] : [b, a];
                expect(order.indexOf(potentialSegment(low, config))).toBeLessThanOrEqual(
                    order.indexOf(potentialSegment(high, config))
                );
            })
        );
    });

    it('names the next segment and the boilers it needs', () => {
        expect(nextSegment(40, config)).toEqual({ segment: '75+', unitsNeeded: 35 });
        expect(nextSegment(0, config)).toEqual({ segment: '1+', unitsNeeded: 1 });
        expect(nextSegment(500, config)).toBeNull();
    });
});

describe('VG share', () => {
    it.each([
        [10, 40, 25],
        [1, 21, 4.76],
        [2, 3, 66.67],
        [1, 3, 33.33],
        [1, 8, 12.5],
        [1, 200000, 0.0], // 0.0005% rounds to 0.00
        [1, 20000, 0.01], // 0.005% rounds half up
        [0, 5, 0],
        [5, 5, 100]
    ])('%i of %i is %d%%', (vg, total, expected) => {
        expect(sharePercent(vg, total)).toBe(expected);
    });

    it('has no share without potential', () => {
        expect(sharePercent(0, 0)).toBeNull();
        expect(wholeSharePercent(0, 0)).toBeNull();
    });

    it('shows whole percent half up', () => {
        expect(wholeSharePercent(1, 8)).toBe(13); // 12.5
        expect(wholeSharePercent(1, 21)).toBe(5); // 4.76
        expect(wholeSharePercent(1, 40)).toBe(3); // 2.5
    });

    it('is always within [0, 100] with two decimals (property)', () => {
        fc.assert(
            fc.property(fc.integer({ min: 1, max: 5_000_000 }), fc.nat(5_000_000), (total, raw) => {
                const share = sharePercent(raw % (total + 1), total);
                expect(share).toBeGreaterThanOrEqual(0);
                expect(share).toBeLessThanOrEqual(100);
                expect(Math.round(share * 100) / 100).toBe(share);
            })
        );
    });
});

describe('klanttype (waarde x potentie)', () => {
    it.each([
        [9999.99, '500+', 'Ontwikkelingsklant'],
        [null, null, 'Transactionele klant'],
        [10000, '10+', 'Transactionele klant'],
        [10000, '30+', 'Grote klant'],
        [250000, '150+', 'Strategische klant'],
        [250000.01, '10+', 'Grote klant'],
        [250000.01, '75+', 'Strategische klant'],
        [0, '75+', 'Ontwikkelingsklant'],
        [1_000_000, null, 'Grote klant']
    ])('revenue %s with segment %s is %s', (revenue, segment, expected) => {
        expect(valueType(revenue, segment, config)).toBe(expected);
    });

    it('derives the next visit from the cadence, none without a visit', () => {
        expect(nextVisitDue('2026-01-31', 'Strategische klant', config)).toBe('2026-03-02');
        expect(nextVisitDue('2025-12-31', 'Transactionele klant', config)).toBe('2026-12-31');
        expect(nextVisitDue(null, 'Grote klant', config)).toBeNull();
        expect(isVisitOverdue('2026-03-02', '2026-03-02')).toBe(false);
        expect(isVisitOverdue('2026-03-01', '2026-03-02')).toBe(true);
        expect(isVisitOverdue(null, '2026-03-02')).toBe(true);
    });

    it('counts the cadence in days from the last visit, leap days included; a date that is none is refused', () => {
        expect(nextVisitDue('2026-01-31', 'Grote klant', config)).toBe('2026-05-01');
        expect(nextVisitDue('2000-01-01', 'Grote klant', config)).toBe('2000-03-31');
        expect(() => nextVisitDue('2026-13-45', 'Grote klant', config)).toThrow(RangeError);
    });
});

describe('classify', () => {
    it('classifies the seed example "De heer R. Loon": 10 of 40 boilers VG, estimated', () => {
        const potential = aggregatePotential(
            [
                boilers('Vaillant', 6, 'Schatting'),
                boilers('AWB', 4, 'Schatting'),
                boilers('Remeha', 30, 'Schatting'),
                { productGroup: 'Lucht-warmtepomp', brand: 'Vaillant', units: 12, source: 'Sales' }
            ],
            config
        );
        const result = classify({ revenue12m: 42000, vgUnits12m: 8, everHadShare: false }, potential, config);
        expect(result).toEqual({
            customerType: 'Grow',
            segment: '30+',
            sharePercent: 25,
            boilerPotential: 40,
            potentialSource: 'Potentie is een schatting',
            valueType: 'Grote klant',
            everHadShare: true,
            reason: 'VG 10 van 40 ketels (25%): Grow (5–75%). Segment 30+ (30–74). Keep vanaf 30 VG-ketels. Potentie is een schatting.',
            vgUnitsToNextType: 20
        });
    });

    it('is Win-back when VG had a share before, and remembers it when VG units were bought', () => {
        const potential = aggregatePotential([boilers('Remeha', 12)], config);
        expect(
            classify({ revenue12m: 0, vgUnits12m: 0, everHadShare: true }, potential, config).customerType
        ).toBe('Win-back');
        const bought = classify({ revenue12m: 0, vgUnits12m: 3, everHadShare: false }, potential, config);
        expect(bought).toMatchObject({ customerType: 'Win-back', everHadShare: true });
        const never = classify({ revenue12m: 0, vgUnits12m: null, everHadShare: false }, potential, config);
        expect(never).toMatchObject({
            customerType: 'Get',
            everHadShare: false,
            potentialSource: 'Potentie is ingevuld'
        });
    });

    it('explains why there is no type without potential', () => {
        const result = classify(
            { revenue12m: null, vgUnits12m: null, everHadShare: false },
            aggregatePotential([], config),
            config
        );
        expect(result).toMatchObject({
            customerType: null,
            segment: null,
            sharePercent: null,
            boilerPotential: 0
        });
        expect(result.reason).toBe('Geen ketelpotentie bekend: geen type klant en geen segment.');
    });

    it('says what would move a Keep and a Get', () => {
        expect(typeMove(30, 40, config)).toEqual({ type: 'Grow', vgUnits: 30, direction: 'down' });
        expect(typeMove(0, 40, config)).toEqual({ type: 'Grow', vgUnits: 2, direction: 'up' });
        expect(typeMove(0, 3, config)).toEqual({ type: 'Grow', vgUnits: 1, direction: 'up' });
        expect(typeMove(0, 1, config)).toEqual({ type: 'Keep', vgUnits: 1, direction: 'up' });
        expect(explain({ total: 600, vg: 600, enteredBySales: true }, 'Keep', config)).toBe(
            'VG 600 van 600 ketels (100%): Keep (75–100%). Segment 500+ (500 of meer). Grow onder 450 VG-ketels.'
        );
    });

    it('keeps the explanation within 255 characters (property)', () => {
        fc.assert(
            fc.property(fc.nat(10_000_000), fc.nat(10_000_000), fc.boolean(), (a, b, sales) => {
                const potential = { total: Math.max(a, b), vg: Math.min(a, b), enteredBySales: sales };
                const type = customerType(potential.vg, potential.total, false, config);
                expect(explain(potential, type, config).length).toBeLessThanOrEqual(255);
            })
        );
    });

    it('explains by the config it is given; a segment in no band is refused every time', () => {
        const potential = { total: 40, vg: 10, enteredBySales: false };
        const first = explain(potential, 'Grow', config);
        expect(explain({ ...potential }, 'Grow', config)).toBe(first);
        expect(explain({ ...potential, enteredBySales: true }, 'Grow', config)).toBe(
            first.replace(' Potentie is een schatting.', '')
        );
        const stricter = { ...config, customerTypes: { ...config.customerTypes, growFromPercent: 30 } };
        expect(explain(potential, 'Get', stricter)).toContain('Get (0–30%)');
        expect(explain(potential, 'Grow', config)).toBe(first);
        const noBand = { ...config, potentialBands: { Klein: [null] } };
        expect(() => valueType(0, '10+', noBand)).toThrow(/segment 10\+ is in no potential band/);
        expect(() => valueType(0, '10+', noBand)).toThrow(/segment 10\+ is in no potential band/);
    });
});

describe('plannedUpdate', () => {
    const clock = { now: '2026-11-25T01:00:00.000Z', today: '2026-11-25' };
    const installer = { revenue12m: 42000, vgUnits12m: 0, everHadShare: false };
    const computedFor = (vg, total, lastVisit = '2026-10-01') =>
        brandDetailFields(
            classify(installer, { total, vg, enteredBySales: true }, config),
            lastVisit,
            config
        );

    it('writes nothing when the stored values equal the computed ones at the field scale', () => {
        const computed = computedFor(1, 3);
        const stored = {
            ...computed,
            VG_Potential_Share__c: '33.330',
            Boiler_Potential__c: '3',
            Classification_Locked__c: false
        };
        expect(plannedUpdate(stored, computed, clock)).toBeNull();
    });

    it('writes only the changed fields, stamps the run and records a type change', () => {
        const before = { ...computedFor(1, 40), Classification_Locked__c: false };
        const changes = plannedUpdate(before, computedFor(10, 40), clock);
        expect(changes).toEqual({
            Customer_Type__c: 'Grow',
            VG_Potential_Share__c: 25,
            Classification_Reason__c: computedFor(10, 40).Classification_Reason__c,
            VG_Units_To_Next_Type__c: 20,
            Classified_At__c: clock.now,
            Previous_Customer_Type__c: 'Get',
            Customer_Type_Changed_On__c: clock.today
        });
    });

    it('does not call a first classification a type change, and clears what no longer applies', () => {
        const changes = plannedUpdate({ Classification_Locked__c: false }, computedFor(0, 0, null), clock);
        expect(changes).not.toHaveProperty('Previous_Customer_Type__c');
        const cleared = plannedUpdate(
            { ...computedFor(5, 10), Classification_Locked__c: false },
            computedFor(0, 0),
            clock
        );
        expect(cleared).toMatchObject({
            Customer_Type__c: null,
            Potential_Segment__c: null,
            VG_Potential_Share__c: null
        });
    });

    it('never writes a locked record, and only ever writes owned fields (property)', () => {
        const value = fc.oneof(fc.constant(null), fc.string(), fc.integer(), fc.boolean());
        fc.assert(
            fc.property(
                fc.dictionary(fc.string(), value),
                fc.nat(1000),
                fc.nat(1000),
                fc.boolean(),
                (stored, a, b, locked) => {
                    const record = { ...stored, Classification_Locked__c: locked };
                    const changes = plannedUpdate(record, computedFor(Math.min(a, b), Math.max(a, b)), clock);
                    const writesOnlyOwned = Object.keys(changes ?? {}).every((field) =>
                        OWNED_FIELDS.includes(field)
                    );
                    expect(locked ? changes === null : writesOnlyOwned).toBe(true);
                }
            )
        );
    });
});

describe('isDowngrade', () => {
    it.each([
        ['Keep', 'Grow', true],
        ['Grow', 'Get', true],
        ['Keep', 'Get', true],
        ['Get', 'Win-back', true],
        ['Grow', 'Win-back', true],
        ['Get', 'Grow', false],
        ['Win-back', 'Get', false],
        ['Keep', 'Keep', false],
        [null, 'Get', false],
        ['Grow', null, false]
    ])('%s -> %s is a downgrade: %s', (from, to, expected) => {
        expect(isDowngrade(from, to, config)).toBe(expected);
    });
});
