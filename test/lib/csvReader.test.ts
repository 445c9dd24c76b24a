import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { parseCsvText } from '../../scripts/lib/csv.ts';

/** The records as assigning each cell to its header name in turn makes them. */
function assigned(header: string[], rows: string[][]): Record<string, string>[] {
    return rows.map((cells) => {
        const record: Record<string, string> = {};
        header.forEach((name, index) => {
            record[name.trim()] = cells[index]!;
        });
        return record;
    });
}

test('CSV reader: any header names (quotes, backslashes, repeats, __proto__, numbers) name the cells (property)', () => {
    const name = fc.oneof(
        fc.string({ maxLength: 8 }),
        fc.constantFrom('__proto__', 'constructor', '0', '1e3', '"', '\\', '${x}', '`', 'Id', 'Id ')
    );
    fc.assert(
        fc.property(
            fc.array(name, { minLength: 1, maxLength: 6 }),
            fc.array(fc.array(fc.string({ maxLength: 5 }), { minLength: 6, maxLength: 6 }), { maxLength: 4 }),
            (header, cells) => {
                const rows = cells.map((row) => row.slice(0, header.length));
                const text = stringify([header, ...rows], { quoted_match: /\s/ });
                // A row of one empty cell is an empty line, skipped; a header of empty cells is not a header.
                fc.pre(!header.every((cell) => cell === '') && rows.every((row) => row.join(',') !== ''));
                const records = [...parseCsvText(text, { source: 'header' })];
                assert.deepEqual(records, assigned(header, rows));
                for (const record of records) assert.equal(Object.getPrototypeOf(record), Object.prototype);
            }
        ),
        { numRuns: 300 }
    );
});
