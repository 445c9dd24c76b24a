import fc from 'fast-check';
import config from '../../../staticresources/segmentationConfig.json';
import {
    aggregatePotential,
    customerType,
    productGroupPotential,
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
