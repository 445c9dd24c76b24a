import type { ServerResponse } from 'node:http';
import { parse } from 'csv-parse/sync';
import { CSV_TYPE } from './http.ts';

/** Bulk API 2.0 column delimiters by their job names. */
export const COLUMN_DELIMITERS = {
    COMMA: ',',
    TAB: '\t',
    PIPE: '|',
    SEMICOLON: ';',
    CARET: '^',
    BACKQUOTE: '`'
} as const;
export type ColumnDelimiter = keyof typeof COLUMN_DELIMITERS;
export const LINE_ENDINGS = { LF: '\n', CRLF: '\r\n' } as const;
export type LineEnding = keyof typeof LINE_ENDINGS;

/**
 * One CSV line with every field quoted, as Bulk API 2.0 writes its results. Written here rather than with
 * csv-stringify because result pages of 50,000 rows are written a million rows at a time; the quoting rule
 * (wrap in quotes, double inner quotes) is all there is to it, and csv-stringify costs three times as much.
 */
export function csvLine(values: readonly string[], delimiter: string, lineEnding: string): string {
    let line = '';
    for (let i = 0; i < values.length; i++) {
        const value = values[i]!;
        if (i > 0) line += delimiter;
        line += value.includes('"') ? `"${value.replaceAll('"', '""')}"` : `"${value}"`;
    }
    return line + lineEnding;
}

/** Rows of CSV text (header first) as csv-parse reads them; ragged rows are kept for the caller to judge. */
export function parseCsvRows(text: string, delimiter: string): string[][] {
    return parse(text, {
        delimiter,
        bom: true,
        relax_column_count: true,
        skip_empty_lines: true
    }) as string[][];
}

const ROWS_PER_WRITE = 1000;

/** Waits until the socket takes more data, or the client hung up (then it never drains). */
function drainedOrClosed(res: ServerResponse): Promise<void> {
    return new Promise((resolve) => {
        const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
        };
        res.on('drain', done);
        res.on('close', done);
    });
}

/**
 * Streams a CSV response in chunks of lines, waiting when the socket's buffer is full, so a page of 50,000
 * records is never held as one string.
 */
export async function streamCsv(
    res: ServerResponse,
    status: number,
    headers: Record<string, string>,
    headerLine: string,
    rowCount: number,
    lineAt: (index: number) => string
): Promise<void> {
    res.writeHead(status, { 'Content-Type': CSV_TYPE, ...headers });
    let chunk = headerLine;
    for (let index = 0; index < rowCount; index++) {
        chunk += lineAt(index);
        if ((index + 1) % ROWS_PER_WRITE === 0) {
            if (!res.write(chunk)) {
                await drainedOrClosed(res);
                if (res.destroyed) return;
            }
            chunk = '';
        }
    }
    res.end(chunk);
}
