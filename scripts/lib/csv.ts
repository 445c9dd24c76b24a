import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';

export type CsvRow = Record<string, string>;

/** A whole CSV file is unusable (not one record): the run refuses it with this reason. */
export class CsvFileError extends Error {
    override readonly name = 'CsvFileError';
    constructor(
        readonly file: string,
        reason: string
    ) {
        super(`${file}: ${reason}`);
    }
}

const DELIMITERS = [',', ';', '\t'] as const;

/** Data Loader writes commas; Excel in a Dutch locale writes semicolons. The header row tells which. */
export function detectDelimiter(headerLine: string): string {
    const counts = DELIMITERS.map((delimiter) => headerLine.split(delimiter).length - 1);
    const best = counts.indexOf(Math.max(...counts));
    return counts[best] === 0 ? ',' : DELIMITERS[best] ?? ',';
}

/** UTF-8 (with or without BOM) as Data Loader writes; anything that is not valid UTF-8 is read as Windows-1252. */
export function detectEncoding(sample: Uint8Array): 'utf-8' | 'windows-1252' {
    try {
        new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
        return 'utf-8';
    } catch {
        return 'windows-1252';
    }
}

async function* decode(chunks: AsyncIterable<Buffer>, encoding: string): AsyncGenerator<string> {
    const decoder = new TextDecoder(encoding);
    for await (const chunk of chunks) {
        yield decoder.decode(chunk, { stream: true });
    }
    yield decoder.decode();
}

/**
 * Streams the records of a CSV text (header row of API names) as objects of strings; empty cell = ''.
 * Rows whose column count differs from the header are reported through onBadRow, never thrown.
 */
export async function* parseCsv(
    text: Iterable<string> | AsyncIterable<string> | Readable,
    options: { delimiter?: string; source: string; onBadRow?: (line: number, reason: string) => void }
): AsyncGenerator<CsvRow> {
    const parser = parse({
        columns: (header: string[]) => header.map((name) => name.trim()),
        bom: true,
        delimiter: options.delimiter ?? ',',
        skip_empty_lines: true,
        relax_column_count: true,
        info: true
    });
    const input = text instanceof Readable ? text : Readable.from(text);
    input.on('error', (error) => parser.destroy(error));
    input.pipe(parser);
    let columns = 0;
    for await (const { record, info } of parser as AsyncIterable<{ record: CsvRow; info: { lines: number; columns: unknown[] | boolean; invalid_field_length: number } }>) {
        columns ||= Object.keys(record).length;
        if (Object.keys(record).length !== columns || info.invalid_field_length > 0) {
            options.onBadRow?.(info.lines, `has a different number of columns than the header`);
            continue;
        }
        yield record;
    }
}

/** Reads a CSV file: sniffs encoding and delimiter, checks the required columns, then streams its records. */
export async function readCsvFile(
    file: string,
    requiredColumns: readonly string[],
    onBadRow?: (line: number, reason: string) => void
): Promise<AsyncGenerator<CsvRow>> {
    const handle = await open(file, 'r').catch(() => {
        throw new CsvFileError(file, 'cannot be opened (missing?)');
    });
    const sample = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(sample, 0, sample.length, 0);
    await handle.close();
    const head = sample.subarray(0, bytesRead);
    const encoding = detectEncoding(head);
    const headerLine = new TextDecoder(encoding).decode(head).replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
    if (headerLine.trim() === '') {
        throw new CsvFileError(file, 'is empty (no header row)');
    }
    const delimiter = detectDelimiter(headerLine);
    const header = headerLine.split(delimiter).map((name) => name.replace(/^"|"$/g, '').trim());
    const missing = requiredColumns.filter((column) => !header.includes(column));
    if (missing.length > 0) {
        throw new CsvFileError(file, `misses column(s) ${missing.join(', ')} (header: ${header.join(', ')})`);
    }
    return parseCsv(decode(createReadStream(file), encoding), { delimiter, source: file, onBadRow });
}

/** Writes a CSV file row by row (fixed columns, RFC 4180 quoting by csv-stringify), with backpressure. */
export class CsvFileWriter {
    private readonly out: WriteStream;
    rows = 0;

    constructor(
        readonly file: string,
        readonly columns: readonly string[]
    ) {
        this.out = createWriteStream(file, { encoding: 'utf8' });
        this.out.write(stringify([columns as string[]]));
    }

    async write(values: readonly unknown[]): Promise<void> {
        this.rows++;
        if (!this.out.write(stringify([values.map(cell)]))) {
            await once(this.out, 'drain');
        }
    }

    async close(): Promise<void> {
        this.out.end();
        await once(this.out, 'finish');
    }
}

/** A value as the Bulk API and Data Loader read it: null -> empty cell. */
function cell(value: unknown): string {
    if (value === null || value === undefined) return '';
    return String(value);
}
