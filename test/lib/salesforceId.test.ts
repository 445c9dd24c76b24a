import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { normalizeId } from '../../scripts/lib/salesforceId.ts';

test('a 15-character Id gets its case-safe suffix; an 18-character one is itself', () => {
    // A at position 4 of the first block of five, V at position 2 of the third.
    assert.equal(normalizeId('001A0000006Vm9r'), '001A0000006Vm9rIAC');
    assert.equal(normalizeId('001A0000006Vm9rIAC'), '001A0000006Vm9rIAC');
    assert.equal(normalizeId('0018d0000000001'), '0018d0000000001AAA');
});

test('what is not an Id is none', () => {
    for (const value of [
        '',
        '001A0000006Vm9',
        '001A0000006Vm9rIA',
        '001A0000006Vm9r!AC',
        '001A0000006Vm9rI#C'
    ]) {
        assert.equal(normalizeId(value), undefined, value);
    }
});

test('the 15- and the 18-character form of any Id are one Id (property)', () => {
    const char = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz');
    fc.assert(
        fc.property(fc.array(char, { minLength: 15, maxLength: 15 }), (chars) => {
            const id15 = chars.join('');
            const id18 = normalizeId(id15);
            assert.ok(id18 !== undefined && id18.startsWith(id15) && id18.length === 18);
            assert.equal(normalizeId(id18), id18);
        }),
        { numRuns: 500 }
    );
});
