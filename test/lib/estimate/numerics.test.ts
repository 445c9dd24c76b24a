import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FoldedNormalEquations, predict } from '../../../scripts/lib/reclassify/estimate/linear.ts';
import { splitWholeUnits } from '../../../scripts/lib/reclassify/estimate/split.ts';
import { Random } from '../../../scripts/lib/random.ts';

describe('FoldedNormalEquations', () => {
    test('recovers the coefficients of exactly linear data, per left-out fold too', () => {
        const random = new Random(1);
        const equations = new FoldedNormalEquations(3, 2, 4);
        const x = new Float64Array(3);
        for (let n = 0; n < 400; n++) {
            x[0] = 1;
            x[1] = random.uniform(-5, 5);
            x[2] = random.chance(0.5) ? 1 : 0;
            equations.add(n % 4, x, [2 + 3 * x[1] - x[2], -1 + 0.5 * x[2]]);
        }
        for (const excluded of [-1, 0, 3]) {
            const weights = equations.solve(excluded, 1e-9);
            const expected = [2, 3, -1, -1, 0, 0.5];
            expected.forEach((value, index) =>
                assert.ok(Math.abs((weights[index] ?? NaN) - value) < 1e-6, `w${index}`)
            );
            assert.ok(Math.abs(predict(weights, 3, 0, Float64Array.from([1, 2, 1])) - 7) < 1e-6);
        }
    });

    test('a column the data never fills gets weight 0 instead of breaking the solve', () => {
        const equations = new FoldedNormalEquations(3, 1, 2);
        for (let n = 0; n < 50; n++) equations.add(n % 2, Float64Array.from([1, n, 0]), [4 + n]);
        const weights = equations.solve(-1, 1e-6);
        assert.ok(Math.abs((weights[0] ?? NaN) - 4) < 1e-3 && Math.abs((weights[1] ?? NaN) - 1) < 1e-4);
        assert.equal(weights[2], 0);
    });
});

describe('splitWholeUnits', () => {
    test('gives exactly the units, in proportion, largest remainder first', () => {
        const out = new Int32Array(4);
        splitWholeUnits(10, [0.5, 0.3, 0.15, 0.05], out);
        assert.deepEqual([...out], [5, 3, 2, 0]);
        splitWholeUnits(7, [1, 1, 1, 0], out);
        assert.deepEqual([...out], [3, 2, 2, 0]);
        splitWholeUnits(0, [1, 2, 3, 4], out);
        assert.deepEqual([...out], [0, 0, 0, 0]);
    });

    test('splits equally when no weights are known, and writes at the offset', () => {
        const out = [9, 9, 9, 9, 9];
        splitWholeUnits(5, [0, 0], out, 3);
        assert.deepEqual(out, [9, 9, 9, 3, 2]);
    });

    test('always sums to the units', () => {
        const random = new Random(2);
        const out = new Int32Array(6);
        for (let n = 0; n < 500; n++) {
            const units = random.int(1000);
            const weights = Array.from({ length: 6 }, () => random.next());
            splitWholeUnits(units, weights, out);
            assert.equal(
                out.reduce((sum, value) => sum + value, 0),
                units
            );
            assert.ok(out.every((value) => value >= 0));
        }
    });
});
