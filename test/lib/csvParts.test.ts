import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { csvParts } from '../../scripts/lib/org/write.ts';

const HEADER = 'Id,Name,Note\n';

async function partsOf(text: string, maxBytes: number): Promise<string[]> {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'csv-parts-')), 'rows.csv');
    await writeFile(file, text);
    const parts: string[] = [];
    for await (const part of csvParts(file, maxBytes)) parts.push(part.toString('utf8'));
    return parts;
}

/**
 * Every part is the header plus whole records, within maxBytes unless one record alone is larger (checked for
 * files that end with a line break, as the prepared files do).
 */
function assertParts(parts: string[], body: string, maxBytes?: number): void {
    for (const part of parts) {
        assert.ok(part.startsWith(HEADER), 'each part starts with the header');
        assert.ok(part.endsWith('\n'), 'each part ends with a line break');
        const records = parse(part, { columns: true }) as unknown[];
        assert.ok(
            maxBytes === undefined ||
                Buffer.byteLength(part) - HEADER.length <= maxBytes ||
                records.length === 1,
            `a part of ${Buffer.byteLength(part)} bytes with ${records.length} records`
        );
    }
    const joined = parts.map((part) => part.slice(HEADER.length)).join('');
    assert.equal(
        joined,
        body.endsWith('\n') || body === '' ? body : `${body}\n`,
        'every record once, in order'
    );
}

test('ingest parts: whole records with the header, any quoting, any part size (property)', async () => {
    const cell = fc.string({
        unit: fc.oneof(fc.constantFrom('"', ',', '\n', '–', 'é'), fc.string({ minLength: 1, maxLength: 1 }))
    });
    await fc.assert(
        fc.asyncProperty(
            fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 30 }),
            fc.integer({ min: 1, max: 400 }),
            fc.boolean(),
            async (records, maxBytes, finalBreak) => {
                const body = stringify(records);
                const text = HEADER + (finalBreak ? body : body.replace(/\n$/, ''));
                const parts = await partsOf(text, maxBytes);
                assertParts(parts, text.slice(HEADER.length), finalBreak ? maxBytes : undefined);
            }
        ),
        { numRuns: 100 }
    );
});

test('ingest parts: large files, with and without quoted line breaks, are cut across read chunks', async () => {
    const id = (n: number) => `a01${String(n).padStart(15, '0')}`;
    const plain = Array.from({ length: 60_000 }, (_, n) => `${id(n)},Naam ${n},–\n`).join('');
    const quoted = Array.from(
        { length: 60_000 },
        (_, n) => `${id(n)},Naam ${n},${n % 7 === 0 ? '"regel 1\nregel ""2"", –"' : '–'}\n`
    ).join('');
    for (const body of [plain, quoted]) {
        const maxBytes = 400_000;
        const parts = await partsOf(HEADER + body, maxBytes);
        assert.ok(parts.length > 4, `${parts.length} parts`);
        assertParts(parts, body, maxBytes);
    }
});
