import fc from 'fast-check';
import config from '../../../staticresources/segmentationConfig.json';
import {
    aggregatePotential,
    customerType,
    productGroupPotential,
    stepUp,
    stepUpType,
    vgUnitsToTypeChange,
    wholePercentFromStored
} from 'c/segmentRules';

describe('wholePercentFromStored', () => {
    it.each([
        [25, 25],
        [4.76, 5],
        [4.5, 5],
        [4.49, 4],
        [74.5, 75],
        [74.49, 74],
        [0, 0],
        [100, 100],
        [null, null],
        [undefined, null]
    ])('shows %p as %p', (stored, expected) => {
        expect(wholePercentFromStored(stored)).toBe(expected);
    });
});

describe('vgUnitsToTypeChange', () => {
    it('counts the VG boilers up to the next type, and down from Keep', () => {
        expect(vgUnitsToTypeChange(10, 40, config)).toEqual({ type: 'Keep', units: 20, direction: 'up' });
        expect(vgUnitsToTypeChange(1, 40, config)).toEqual({ type: 'Grow', units: 1, direction: 'up' });
        expect(vgUnitsToTypeChange(0, 80, config)).toEqual({ type: 'Grow', units: 4, direction: 'up' });
        expect(vgUnitsToTypeChange(30, 40, config)).toEqual({ type: 'Grow', units: 1, direction: 'down' });
        expect(vgUnitsToTypeChange(40, 40, config)).toEqual({ type: 'Grow', units: 11, direction: 'down' });
        expect(vgUnitsToTypeChange(0, 0, config)).toBeNull();
    });

    it('names the type where the move lands when the Grow and Keep floors coincide (total 1)', () => {
        expect(vgUnitsToTypeChange(0, 1, config)).toEqual({ type: 'Keep', units: 1, direction: 'up' });
        expect(vgUnitsToTypeChange(1, 1, config)).toEqual({ type: 'Win-back', units: 1, direction: 'down' });
    });

    it('lands exactly on the other type (property)', () => {
        fc.assert(
            fc.property(fc.integer({ min: 1, max: 100_000 }), fc.nat(), (total, raw) => {
                const vg = raw % (total + 1);
                const change = vgUnitsToTypeChange(vg, total, config);
                expect(change.units).toBeGreaterThan(0);
                const moved = change.direction === 'up' ? vg + change.units : vg - change.units;
                expect(customerType(moved, total, true, config)).toBe(change.type);
                // One boiler short of the move keeps the current type (from zero VG the first boiler turns
                // Win-back into Get, which is not the move the panel points at).
                const almost = change.direction === 'up' ? moved - 1 : moved + 1;
                const sameType =
                    customerType(almost, total, true, config) === customerType(vg, total, true, config);
                expect(vg === 0 || sameType).toBe(true);
            })
        );
    });
});

describe('stepUp and stepUpType', () => {
    it('counts the VG boilers to the next type up; none at Keep or without potential', () => {
        expect(stepUp(10, 40, config)).toEqual({ type: 'Keep', units: 20 });
        expect(stepUp(0, 80, config)).toEqual({ type: 'Grow', units: 4 });
        expect(stepUp(0, 1, config)).toEqual({ type: 'Keep', units: 1 });
        expect(stepUp(30, 40, config)).toBeNull();
        expect(stepUp(0, 0, config)).toBeNull();
    });

    it('names the type a step up reaches from the stored type alone', () => {
        expect(stepUpType('Win-back', 80, config)).toBe('Grow');
        expect(stepUpType('Get', 1, config)).toBe('Keep');
        expect(stepUpType('Grow', 40, config)).toBe('Keep');
        expect(stepUpType('Keep', 40, config)).toBeNull();
        expect(stepUpType('Grow', 0, config)).toBeNull();
        expect(stepUpType(null, 40, config)).toBeNull();
    });

    it('reaches from the stored type the type the VG boilers reach (property)', () => {
        fc.assert(
            fc.property(fc.integer({ min: 0, max: 100_000 }), fc.nat(), fc.boolean(), (total, raw, had) => {
                const vg = raw % (total + 1);
                const type = customerType(vg, total, had, config);
                expect(stepUpType(type, total, config)).toBe(stepUp(vg, total, config)?.type ?? null);
            })
        );
    });
});

describe('productGroupPotential', () => {
    const rows = [
        { productGroup: 'Ketels', brand: 'Vaillant', units: 10, source: 'Sales' },
        { productGroup: 'Ketels', brand: 'Remeha', units: 30, source: 'Sales' },
        { productGroup: 'Lucht-warmtepomp', brand: 'AWB', units: 4, source: 'Schatting' },
        { productGroup: 'Lucht-warmtepomp', brand: 'Daikin', units: 6, source: 'Schatting' }
    ];

    it('counts one product group like the boiler potential', () => {
        expect(productGroupPotential(rows, 'Lucht-warmtepomp', config)).toEqual({
            total: 10,
            vg: 4,
            enteredBySales: false
        });
        expect(productGroupPotential(rows, 'Ketels', config)).toEqual(aggregatePotential(rows, config));
        expect(productGroupPotential(rows, 'Grond-warmtepomp', config)).toEqual({
            total: 0,
            vg: 0,
            enteredBySales: false
        });
    });
});
