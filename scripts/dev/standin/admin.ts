import type { IncomingMessage, ServerResponse } from 'node:http';
import { csvLine, streamCsv } from './csv.ts';
import { loadCsv } from './csv-load.ts';
import { readBody, sendEmpty, sendJson } from './http.ts';
import type { Org } from './org.ts';
import { csvValue, fieldReader } from './values.ts';

/**
 * Test and benchmark controls under /__standin/ (not Salesforce paths; no auth, not counted in stats):
 *   POST /__standin/load/<Object>      CSV body → {"object", "loaded"}   load records (Ids kept)
 *   GET  /__standin/records/<Object>   → CSV of every record (?fields=Id,Name to choose columns)
 *   GET  /__standin/stats              → stats JSON
 *   POST /__standin/reset-stats        → 204
 *   POST /__standin/faults             JSON array of fault rules → 204 (replaces the rules)
 */

const ADMIN_BODY_LIMIT = 1024 ** 3;

function adminError(res: ServerResponse, status: number, message: string): void {
    sendJson(res, status, { error: message });
}

export async function handleAdmin(
    org: Org,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL
): Promise<void> {
    const [, , action, objectName] = url.pathname.split('/');
    try {
        if (req.method === 'GET' && action === 'stats') {
            sendJson(res, 200, org.stats.snapshot(org.apiUsage));
        } else if (req.method === 'POST' && action === 'reset-stats') {
            org.stats.reset();
            sendEmpty(res, 204);
        } else if (req.method === 'POST' && action === 'faults') {
            const body = JSON.parse((await readBody(req, ADMIN_BODY_LIMIT)).toString('utf8')) as unknown;
            org.faults.set(body);
            sendEmpty(res, 204);
        } else if (req.method === 'POST' && action === 'load' && objectName) {
            const object = org.store.objectSchema(objectName);
            sendJson(res, 200, { object: object.name, loaded: await loadCsv(org.store, object.name, req) });
        } else if (req.method === 'GET' && action === 'records' && objectName) {
            await sendRecords(org, res, objectName, url.searchParams.get('fields'));
        } else {
            adminError(res, 404, `No stand-in admin resource ${req.method ?? ''} ${url.pathname}`);
        }
    } catch (error) {
        if (!res.headersSent) adminError(res, 400, (error as Error).message);
        else res.destroy();
    }
}

async function sendRecords(
    org: Org,
    res: ServerResponse,
    objectName: string,
    fieldList: string | null
): Promise<void> {
    const object = org.store.objectSchema(objectName);
    const fields = fieldList
        ? fieldList.split(',').map((name) => {
              const field = object.fieldByLowerName.get(name.trim().toLowerCase());
              if (!field) throw new Error(`${object.name} has no field ${name}`);
              return field;
          })
        : object.fields;
    const readers = fields.map((field) => fieldReader(field, org.today()));
    const records = org.store.all(object.name);
    await streamCsv(
        res,
        200,
        {},
        csvLine(
            fields.map((f) => f.name),
            ',',
            '\n'
        ),
        records.length,
        (i) =>
            csvLine(
                readers.map((read) => csvValue(read(records[i]!))),
                ',',
                '\n'
            )
    );
}
