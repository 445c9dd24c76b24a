import { STANDIN_USERS } from './auth.ts';
import { applyWrites, type WriteOperation, type WriteRequest, type WriteResult } from './dml.ts';
import { ApiError, sendJson } from './http.ts';
import { normalizeId } from './ids.ts';
import type { ApiCall, Org } from './org.ts';
import type { FieldDef, ObjectSchema } from './schema.ts';
import { parseSoql, runQuery, SoqlError, type SoqlQuery } from './soql.ts';
import type { StoredRecord } from './store.ts';
import { fieldReader, isMismatch, jsonValue, parseValue, recordUrl, type StoredValue } from './values.ts';

/**
 * REST API resources: versions, resources by version, the users' records, limits, query with nextRecordsUrl
 * paging, and sObject Collections (create, update, upsert of up to 200 records).
 */

const COLLECTION_LIMIT = 200;
/** Open query cursors per user in an org; opening another closes the oldest. */
const MAX_OPEN_CURSORS = 10;

type Cursor = { query: SoqlQuery; records: StoredRecord[]; today: string };

export function toSoqlApiError(error: unknown): unknown {
    return error instanceof SoqlError ? new ApiError(400, error.errorCode, error.message) : error;
}

/** sObject Collections body records: `attributes.type`, an optional id, and field values. */
type CollectionRecord = Record<string, unknown> & { attributes?: { type?: unknown } };

/** The release that introduced an API version: 31.0 was Summer '14, then three releases a year. */
export function releaseName(version: string): string {
    const sinceSummer14 = Math.floor(Number(version)) - 31;
    const season = ['Summer', 'Winter', 'Spring'][sinceSummer14 % 3];
    return `${season} '${14 + Math.floor((sinceSummer14 + 2) / 3)}`;
}

export class RestApi {
    private readonly cursors = new Map<string, Cursor>();

    constructor(private readonly org: Org) {}

    /** GET /services/data: every version the org serves, labelled with its release, oldest first. */
    versions(call: ApiCall): void {
        sendJson(
            call.res,
            200,
            this.org.servedVersions().map((version) => ({
                label: releaseName(version),
                url: `/services/data/v${version}`,
                version
            }))
        );
    }

    /** GET /services/data/vXX.X/: the resources of that version, and the identity URL of the session's user. */
    resources(call: ApiCall): void {
        const resources = Object.fromEntries(
            ['sobjects', 'query', 'queryAll', 'composite', 'jobs', 'limits'].map((name) => [
                name,
                `${call.apiPath}/${name}`
            ])
        );
        resources.identity = this.org.sessions.identityUrl(this.org.instanceUrl, call.user!);
        sendJson(call.res, 200, resources);
    }

    /** GET /sobjects/User/<id>: one of the org's users, as the CLI's login reads its username. */
    user(call: ApiCall, id: string): void {
        const user = Object.values(STANDIN_USERS).find((candidate) => candidate.id === normalizeId(id));
        if (!user) throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
        sendJson(call.res, 200, {
            attributes: { type: 'User', url: `${call.apiPath}/sobjects/User/${user.id}` },
            Id: user.id,
            Username: user.username,
            FirstName: user.firstName,
            LastName: user.lastName,
            Name: `${user.firstName} ${user.lastName}`,
            IsActive: user.active
        });
    }

    limits(call: ApiCall): void {
        const { max, used } = this.org.apiUsage;
        const queryJobs = 10_000;
        sendJson(call.res, 200, {
            DailyApiRequests: { Max: max, Remaining: Math.max(0, max - used) },
            DailyBulkApiBatches: { Max: 15_000, Remaining: 15_000 },
            DailyBulkV2QueryFileStorageMB: { Max: 976_562, Remaining: 976_562 },
            DailyBulkV2QueryJobs: {
                Max: queryJobs,
                Remaining: Math.max(0, queryJobs - this.org.bulkQueryJobsCreated)
            }
        });
    }

    query(call: ApiCall): void {
        const soql = call.url.searchParams.get('q');
        if (!soql) throw new ApiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
        let query: SoqlQuery;
        try {
            query = parseSoql(soql, this.org.schema);
        } catch (error) {
            throw toSoqlApiError(error);
        }
        const object = query.object;
        const records = runQuery(query, this.org.store.all(object.name), this.org.today());
        if (query.count) {
            sendJson(call.res, 200, { totalSize: records.length, done: true, records: [] });
            return;
        }
        const cursorId = this.org.nextId('01g');
        this.cursors.set(cursorId, { query, records, today: this.org.today() });
        if (this.cursors.size > MAX_OPEN_CURSORS) this.cursors.delete(this.cursors.keys().next().value!);
        this.sendPage(call, cursorId, 0);
    }

    queryMore(call: ApiCall, locator: string): void {
        const match = /^(\w+)-(\d+)$/.exec(locator);
        if (!match || !this.cursors.has(match[1]!)) {
            throw new ApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
        }
        this.sendPage(call, match[1]!, Number(match[2]));
    }

    /** The page size the client asked for with Sforce-Query-Options: batchSize=n (200 to 2,000), else the default. */
    private pageSize(call: ApiCall): number {
        const options = String(call.headers['sforce-query-options'] ?? '');
        const asked = Number(/batchSize\s*=\s*(\d+)/i.exec(options)?.[1]);
        return Number.isInteger(asked) && asked >= 200 && asked <= 2000
            ? Math.min(asked, this.org.settings.restPageSize)
            : this.org.settings.restPageSize;
    }

    private sendPage(call: ApiCall, cursorId: string, offset: number): void {
        const { query, records, today } = this.cursors.get(cursorId)!;
        const end = Math.min(records.length, offset + this.pageSize(call));
        const readers = query.fields.map((field) => ({ field, read: fieldReader(field, today) }));
        const page = records.slice(offset, end).map((record) => {
            const json: Record<string, unknown> = {
                attributes: {
                    type: query.object.name,
                    url: recordUrl(call.apiPath, query.object, String(record.Id))
                }
            };
            for (const { field, read } of readers) json[field.name] = jsonValue(field, read(record));
            return json;
        });
        const done = end >= records.length;
        sendJson(call.res, 200, {
            totalSize: records.length,
            done,
            ...(done ? {} : { nextRecordsUrl: `${call.apiPath}/query/${cursorId}-${end}` }),
            records: page
        });
    }

    /** POST (create), PATCH (update) /composite/sobjects, PATCH /composite/sobjects/Object/ExternalIdField (upsert). */
    collection(call: ApiCall, operation: WriteOperation, upsertObject?: string, upsertField?: string): void {
        const body = call.json() as { allOrNone?: unknown; records?: unknown } | null;
        if (!body || typeof body !== 'object' || !Array.isArray(body.records)) {
            throw new ApiError(
                400,
                'JSON_PARSER_ERROR',
                'The request body must be an object with a records array'
            );
        }
        if (body.records.length > COLLECTION_LIMIT) {
            throw new ApiError(
                400,
                'EXCEEDED_ID_LIMIT',
                'record limit reached. cannot submit more than 200 records into this call'
            );
        }
        let upsertTarget: { object: ObjectSchema; field: FieldDef } | undefined;
        if (operation === 'upsert') upsertTarget = this.upsertTarget(upsertObject!, upsertField!);
        const requests = (body.records as CollectionRecord[]).map((record) =>
            this.writeRequest(record, operation, upsertTarget)
        );
        const results = applyWrites(
            requests,
            this.org.writeContext(call.facts, body.allOrNone === true, call.user!)
        );
        this.org.countWrites(requests, results);
        sendJson(
            call.res,
            200,
            results.map((result) => saveResultJson(result, operation))
        );
    }

    private upsertTarget(objectName: string, fieldName: string): { object: ObjectSchema; field: FieldDef } {
        const object = this.org.schema.objectByLowerName.get(objectName.toLowerCase());
        if (!object) throw new ApiError(404, 'NOT_FOUND', `The requested resource does not exist`);
        const field = object.fieldByLowerName.get(fieldName.toLowerCase());
        if (!field || (!field.externalId && field.name !== 'Id')) {
            throw new ApiError(
                404,
                'NOT_FOUND',
                `Provided external ID field does not exist or is not accessible: ${fieldName}`
            );
        }
        return { object, field };
    }

    /** Reads one body record; what the org can't deserialize fails the whole request with 400. */
    private writeRequest(
        record: CollectionRecord,
        operation: WriteOperation,
        upsertTarget: { object: ObjectSchema; field: FieldDef } | undefined
    ): WriteRequest {
        if (!record || typeof record !== 'object' || typeof record.attributes?.type !== 'string') {
            throw new ApiError(400, 'JSON_PARSER_ERROR', 'Each record needs an attributes map with a type');
        }
        const typeName = record.attributes.type;
        const object = this.org.schema.objectByLowerName.get(typeName.toLowerCase());
        if (!object) throw new ApiError(400, 'INVALID_TYPE', `sObject type '${typeName}' is not supported.`);
        if (upsertTarget && object !== upsertTarget.object) {
            throw new ApiError(
                400,
                'INVALID_TYPE',
                `Records of type ${typeName} can't be upserted as ${upsertTarget.object.name}`
            );
        }
        const values = new Map<FieldDef, StoredValue>();
        let id: string | null | undefined;
        for (const [key, raw] of Object.entries(record)) {
            if (key === 'attributes') continue;
            const field = object.fieldByLowerName.get(key.toLowerCase());
            if (!field) {
                throw new ApiError(
                    400,
                    'INVALID_FIELD',
                    `No such column '${key}' on sobject of type ${object.name}`
                );
            }
            if (field.name === 'Id') {
                id = raw === null ? null : String(raw);
                continue;
            }
            const value = parseValue(field, raw);
            if (isMismatch(value)) {
                throw new ApiError(
                    400,
                    'JSON_PARSER_ERROR',
                    `Cannot deserialize instance of ${value.mismatch} from ${typeof raw === 'string' ? 'VALUE_STRING' : 'VALUE'} value ${String(raw)} or request may be missing a required field`
                );
            }
            values.set(field, value);
        }
        const request: WriteRequest = { object, operation, values };
        if (id !== undefined) request.id = id;
        if (upsertTarget) request.externalIdField = upsertTarget.field;
        return request;
    }
}

/** The SaveResult / UpsertResult JSON of sObject Collections (its errors use `statusCode`). */
function saveResultJson(result: WriteResult, operation: WriteOperation): Record<string, unknown> {
    const json: Record<string, unknown> = {};
    if (result.id !== undefined) json.id = result.id;
    json.success = result.errors.length === 0;
    json.errors = result.errors;
    if (operation === 'upsert' && result.errors.length === 0) json.created = result.created === true;
    return json;
}
