import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { LoadRecord, Store } from './store.ts';

const BATCH = 10_000;

/**
 * Loads a Data Loader / Bulk API CSV (header row of API names; Id column kept when given; empty cell or
 * #N/A = null) into the store, streaming so that a file of a million rows is never held whole.
 * Load masters before details: a child row must name a loaded parent. Returns the number of records.
 */
export async function loadCsv(
    store: Store,
    objectName: string,
    input: Readable | string | Buffer
): Promise<number> {
    const source = typeof input === 'string' || Buffer.isBuffer(input) ? Readable.from([input]) : input;
    const parser = source.pipe(parse({ bom: true, skip_empty_lines: true }));
    let header: string[] | undefined;
    let batch: LoadRecord[] = [];
    let loaded = 0;
    for await (const row of parser as AsyncIterable<string[]>) {
        if (!header) {
            header = row.map((name) => name.trim());
            continue;
        }
        const record: LoadRecord = {};
        for (let i = 0; i < header.length; i++) {
            const cell = row[i];
            if (cell !== undefined && cell !== '' && cell !== '#N/A') record[header[i]!] = cell;
        }
        batch.push(record);
        if (batch.length === BATCH) {
            loaded += store.insert(objectName, batch).length;
            batch = [];
        }
    }
    return loaded + store.insert(objectName, batch).length;
}
