import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';

export type CsvRow = Record<string, string>;

/**
 * Set on a row whose cell count differs from the header's, with the reason: such a row is still yielded, its
 * cells named by position (missing ones empty), so that the reader of the records can reject it with the rest
 * of what it knows (its Id, its account) instead of it silently going missing.
 */
export const ROW_FAULT: unique symbol = Symbol('row fault');
export type CsvRecord = CsvRow & { [ROW_FAULT]?: string };

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
    return counts[best] === 0 ? ',' : (DELIMITERS[best] ?? ',');
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

/** A string that shares nothing with the text it was cut from. */
function ownCopy(value: string): string {
    return Buffer.from(value, 'utf8').toString('utf8');
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** A record of one row: each cell under its header name, in turn (a repeated name keeps its last cell). */
function recordOf(header: readonly string[], cells: readonly string[]): CsvRecord {
    const record: CsvRecord = {};
    for (let index = 0; index < header.length; index++) record[header[index]!] = cells[index] ?? '';
    return record;
}

/**
 * RFC 4180 records of a CSV text that arrives in pieces (the Bulk API's result pages, a file's chunks), keyed by
 * the header row's (trimmed) names: quoted cells with "" escapes and line breaks, CRLF / LF / CR record ends,
 * empty lines skipped, a leading BOM dropped. A record cut off at the end of a piece waits for the next one.
 * A row whose cell count differs from the header's is yielded with ROW_FAULT set.
 * Written for millions of records a run: one generator step per record, a quoted cell found with indexOf, an
 * unquoted one with a char-code loop. A quote inside an unquoted cell, text after a closing quote or an
 * unclosed quote makes the text unusable (CsvFileError).
 */
export class CsvReader {
    private rest = '';
    private started = false;
    /** Line on which the next record starts. */
    private line = 1;
    /** Line on which the record yielded last starts: where an admin finds it in the file. */
    recordLine = 0;
    private header: string[] | undefined;
    private readonly delimiter: number;

    constructor(
        delimiter: string,
        private readonly source: string
    ) {
        this.delimiter = delimiter.charCodeAt(0);
    }

    /** The records completed by this piece (final: there is no more text; an unfinished record is an error). */
    *records(piece: string, final: boolean): Generator<CsvRecord> {
        const text = this.rest === '' ? piece : this.rest + piece;
        this.rest = '';
        const length = text.length;
        const delimiter = this.delimiter;
        const cells: string[] = [];
        let position = 0;
        if (!this.started && length > 0) {
            this.started = true;
            if (text.charCodeAt(0) === 0xfeff) position = 1;
        }
        while (position < length) {
            const start = position;
            const first = text.charCodeAt(position);
            if (first === LF || first === CR) {
                // An empty line: skipped (a CR at the very end may still be followed by its LF).
                if (first === CR && position + 1 === length && !final) {
                    this.rest = text.slice(position);
                    return;
                }
                position += first === CR && text.charCodeAt(position + 1) === LF ? 2 : 1;
                this.line++;
                continue;
            }
            cells.length = 0;
            const startLine = this.line;
            let complete = false;
            for (;;) {
                let value: string;
                if (text.charCodeAt(position) === QUOTE) {
                    const from = position + 1;
                    let quote = text.indexOf('"', from);
                    if (quote !== -1 && quote + 1 < length && text.charCodeAt(quote + 1) !== QUOTE) {
                        value = text.slice(from, quote);
                    } else {
                        value = '';
                        let chunk = from;
                        for (;;) {
                            if (quote === -1 || (quote + 1 === length && !final)) break;
                            if (text.charCodeAt(quote + 1) !== QUOTE) break;
                            value += text.slice(chunk, quote + 1);
                            chunk = quote + 2;
                            quote = text.indexOf('"', chunk);
                        }
                        if (quote === -1 || (quote + 1 === length && !final)) {
                            if (final)
                                throw new CsvFileError(
                                    this.source,
                                    `line ${this.line}: a quoted cell is not closed`
                                );
                            break;
                        }
                        value += text.slice(chunk, quote);
                    }
                    position = quote + 1;
                    const next = text.charCodeAt(position);
                    if (position < length && next !== delimiter && next !== LF && next !== CR) {
                        throw new CsvFileError(
                            this.source,
                            `line ${this.lineAt(text, start, position)}: text after the closing quote of a cell`
                        );
                    }
                } else {
                    let end = position;
                    while (end < length) {
                        const char = text.charCodeAt(end);
                        if (char === delimiter || char === LF || char === CR) break;
                        if (char === QUOTE) {
                            throw new CsvFileError(
                                this.source,
                                `line ${this.lineAt(text, start, end)}: a quote inside an unquoted cell`
                            );
                        }
                        end++;
                    }
                    if (end === length && !final) break;
                    value = text.slice(position, end);
                    position = end;
                }
                cells.push(value);
                if (position >= length) {
                    complete = final;
                    break;
                }
                const char = text.charCodeAt(position);
                if (char === delimiter) {
                    position++;
                    continue;
                }
                if (char === CR && position + 1 === length && !final) break;
                position += char === CR && text.charCodeAt(position + 1) === LF ? 2 : 1;
                complete = true;
                break;
            }
            if (!complete) {
                this.rest = text.slice(start);
                return;
            }
            // The line the record ends on: its start line plus the line breaks inside quoted cells.
            const line = this.lineAt(text, start, position - 1);
            this.line = line + 1;
            const header = this.header;
            if (!header) {
                this.header = cells.map((name) => name.trim());
                continue;
            }
            // The text's last record is copied out of it: the reader's caller still holds that record while the
            // next piece (a 10–25 MB Bulk result page) is fetched, and a cell sliced from this text would keep it alive.
            if (position >= length) for (const [index, cell] of cells.entries()) cells[index] = ownCopy(cell);
            this.recordLine = startLine;
            const record = recordOf(header, cells);
            if (cells.length !== header.length)
                record[ROW_FAULT] = `has ${cells.length} cells, the header ${header.length}`;
            yield record;
        }
    }

    /** The line of text[end], for a record that starts at text[start] on this.line. */
    private lineAt(text: string, start: number, end: number): number {
        let line = this.line;
        for (let at = text.indexOf('\n', start); at !== -1 && at < end; at = text.indexOf('\n', at + 1))
            line++;
        return line;
    }
}

/**
 * The records of one whole CSV text (a Bulk API result page), synchronously: no stream, no promise per record.
 * Same rules as parseCsv.
 */
export function parseCsvText(
    text: string,
    options: { delimiter?: string; source: string }
): Generator<CsvRecord> {
    return new CsvReader(options.delimiter ?? ',', options.source).records(text, true);
}

async function* readPieces(
    reader: CsvReader,
    text: Iterable<string> | AsyncIterable<string> | Readable
): AsyncGenerator<CsvRecord> {
    const decoder = new TextDecoder('utf-8');
    for await (const chunk of text as AsyncIterable<string | Buffer>) {
        const piece = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
        for (const record of reader.records(piece, false)) yield record;
    }
    for (const record of reader.records(decoder.decode(), true)) yield record;
}

/**
 * Streams the records of a CSV text (header row of API names) as objects of strings; empty cell = ''.
 * A row whose column count differs from the header is yielded with ROW_FAULT, never thrown; a text that is
 * not CSV at all (an unclosed or stray quote) throws CsvFileError.
 */
export function parseCsv(
    text: Iterable<string> | AsyncIterable<string> | Readable,
    options: { delimiter?: string; source: string }
): AsyncGenerator<CsvRecord> {
    return readPieces(new CsvReader(options.delimiter ?? ',', options.source), text);
}

/** An opened CSV file: its header checked, its records to stream, and where the record read last starts. */
export type CsvFile = {
    /** The delimiter the header row uses: `;` is what Excel writes in a Dutch locale. */
    delimiter: string;
    records: AsyncGenerator<CsvRecord>;
    /** The file line on which the record yielded last starts. */
    line(): number;
};

/** Opens a CSV file: sniffs encoding and delimiter and checks the required columns (CsvFileError if not). */
export async function openCsvFile(file: string, requiredColumns: readonly string[]): Promise<CsvFile> {
    const handle = await open(file, 'r').catch(() => {
        throw new CsvFileError(file, 'cannot be opened (missing?)');
    });
    const sample = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(sample, 0, sample.length, 0);
    await handle.close();
    const head = sample.subarray(0, bytesRead);
    const encoding = detectEncoding(head);
    const headerLine =
        new TextDecoder(encoding)
            .decode(head)
            .replace(/^\uFEFF/, '')
            .split(/\r?\n/, 1)[0] ?? '';
    if (headerLine.trim() === '') {
        throw new CsvFileError(file, 'is empty (no header row)');
    }
    const delimiter = detectDelimiter(headerLine);
    const header = headerLine.split(delimiter).map((name) => name.replace(/^"|"$/g, '').trim());
    const missing = requiredColumns.filter((column) => !header.includes(column));
    if (missing.length > 0) {
        throw new CsvFileError(file, `misses column(s) ${missing.join(', ')} (header: ${header.join(', ')})`);
    }
    const reader = new CsvReader(delimiter, file);
    return {
        delimiter,
        records: readPieces(reader, decode(createReadStream(file), encoding)),
        line: () => reader.recordLine
    };
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
