import type { IncomingMessage, ServerResponse } from 'node:http';

/** The REST error body: `[{"message": …, "errorCode": …, "fields": […]}]` (fields only where the org gives them). */
export type ApiErrorBody = { message: string; errorCode: string; fields?: string[] }[];

/** An error answered with the org's JSON error array and status; handlers throw it, the server sends it. */
export class ApiError extends Error {
    override readonly name = 'ApiError';
    constructor(
        readonly status: number,
        readonly errorCode: string,
        message: string,
        readonly fields?: string[]
    ) {
        super(message);
    }

    body(): ApiErrorBody {
        return [
            this.fields
                ? { message: this.message, errorCode: this.errorCode, fields: this.fields }
                : { message: this.message, errorCode: this.errorCode }
        ];
    }
}

export const JSON_TYPE = 'application/json;charset=UTF-8';
export const CSV_TYPE = 'text/csv';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number): void {
    res.writeHead(status);
    res.end();
}

/** Reads the whole request body; past `limit` bytes the request is refused with 413 before reading on. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
    const declared = Number(req.headers['content-length']);
    if (declared > limit) {
        throw new ApiError(413, 'REQUEST_ENTITY_TOO_LARGE', `Request body exceeds ${limit} bytes`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > limit) {
            throw new ApiError(413, 'REQUEST_ENTITY_TOO_LARGE', `Request body exceeds ${limit} bytes`);
        }
        chunks.push(chunk);
    }
    return Buffer.concat(chunks);
}

/** Parses a JSON request body as the org does: unreadable JSON is a 400 JSON_PARSER_ERROR. */
export function parseJsonBody(body: Buffer): unknown {
    try {
        return JSON.parse(body.toString('utf8'));
    } catch (error) {
        throw new ApiError(
            400,
            'JSON_PARSER_ERROR',
            `Unexpected character in the request body: ${(error as Error).message}`
        );
    }
}

/** Counts the body bytes a response sends, whichever way the handler writes it. */
export function countSentBytes(res: ServerResponse, count: (bytes: number) => void): void {
    const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
    const end = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => ServerResponse;
    const size = (chunk: unknown) =>
        typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk instanceof Uint8Array ? chunk.length : 0;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
        count(size(chunk));
        return write(chunk, ...rest);
    }) as ServerResponse['write'];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
        if (typeof chunk !== 'function') count(size(chunk));
        return end(chunk, ...rest);
    }) as ServerResponse['end'];
}

/** Makes a response swallow whatever the handler writes: the request is served, its answer never leaves. */
export function discardResponse(res: ServerResponse): void {
    res.writeHead = (() => res) as ServerResponse['writeHead'];
    res.write = (() => true) as ServerResponse['write'];
    res.end = (() => res) as ServerResponse['end'];
}
