import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BitSet, SmallIntColumn, TextIndex } from '../../scripts/lib/storage/columns.ts';

test('small whole numbers: two bytes each until one does not fit, then every value kept in four', () => {
    const column = new SmallIntColumn(2);
    const values = [0, 1, 65_535, 7, 3_000];
    values.forEach((value, row) => {
        column.ensure(row + 1);
        column.set(row * 2, value);
        column.set(row * 2 + 1, row);
    });
    assert.equal(column.data.BYTES_PER_ELEMENT, 2);
    column.ensure(5_000);
    column.set(9_999, 65_536);
    assert.equal(column.data.BYTES_PER_ELEMENT, 4);
    column.set(1, 2_000_000_000);
    assert.deepEqual([...column.data.subarray(0, 10)], [0, 2_000_000_000, 1, 1, 65_535, 2, 7, 3, 3_000, 4]);
    assert.equal(column.data[9_999], 65_536);
    assert.ok(column.data.length >= 10_000);
});

test('bits: each cell on its own, set once and kept', () => {
    const seen = new BitSet(1_000);
    const cells = [0, 7, 8, 9, 511, 999];
    for (const cell of cells) {
        assert.equal(seen.has(cell), false);
        seen.add(cell);
    }
    for (let cell = 0; cell < 1_000; cell++)
        assert.equal(seen.has(cell), cells.includes(cell), `cell ${cell}`);
});

test('text index: any sequence of lookups, repeated or not, finds the row each value was added as (property)', () => {
    fc.assert(
        fc.property(
            fc.uniqueArray(fc.string({ maxLength: 4 }), { maxLength: 40 }),
            fc.array(fc.string({ maxLength: 4 }), { maxLength: 60 }),
            (values, others) => {
                const index = new TextIndex();
                const rows = new Map(values.map((value) => [value, index.add(value)]));
                const lookups = [...values, ...values.slice().reverse(), ...others, ...values];
                for (const value of lookups) assert.equal(index.get(value), rows.get(value), value);
            }
        )
    );
});
