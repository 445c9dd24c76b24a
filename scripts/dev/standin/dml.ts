import { STANDIN_USERS } from './auth.ts';
import { normalizeId } from './ids.ts';
import type { FieldDef, ObjectSchema } from './schema.ts';
import { uniqueKey, type Store, type StoredRecord } from './store.ts';
import { checkValue, type SaveError, type StoredValue } from './values.ts';

/**
 * Record writes as the org performs them for REST sObject Collections and Bulk API 2.0 ingest alike: the
 * same checks in the same order (target record, field access, values, required fields, master record,
 * validation rules, unique values) and the same error codes.
 */

export type WriteOperation = 'create' | 'update' | 'upsert';

export type WriteRequest = {
    object: ObjectSchema;
    operation: WriteOperation;
    /** update: the Id as sent (possibly malformed or missing); upsert on Id: the Id, if any. */
    id?: string | null;
    /** upsert: the field that finds the existing record. */
    externalIdField?: FieldDef;
    /** Fields to set, already read as their types (null clears a field). Never contains Id. */
    values: Map<FieldDef, StoredValue>;
    /** The request could not be read (a Bulk cell of the wrong type): the row fails with this error. */
    rejected?: SaveError;
};

export type WriteResult = { id?: string; created?: boolean; errors: SaveError[] };

export type WriteContext = {
    store: Store;
    /** The call's time: every record written by one call gets the same system dates. */
    now: Date;
    /** The user the call runs as: CreatedById and LastModifiedById of what it writes. */
    userId: string;
    allOrNone: boolean;
    /** Fault injection: true when the record (or its master) is to fail with UNABLE_TO_LOCK_ROW. */
    isLocked: (recordId: string) => boolean;
};

const ROLLED_BACK: SaveError = {
    statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
    message:
        'Record rolled back because not all records were valid and the request was using AllOrNone header',
    fields: []
};

function error(statusCode: string, message: string, fields: string[] = []): SaveError {
    return { statusCode, message, fields };
}

class WriteFailure extends Error {
    constructor(
        readonly saveError: SaveError,
        readonly recordId?: string
    ) {
        super(saveError.message);
    }
}

function fail(statusCode: string, message: string, fields: string[] = [], recordId?: string): never {
    throw new WriteFailure(error(statusCode, message, fields), recordId);
}

/** The org updates one record at most this many times in one call (Bulk batch or collection). */
const MAX_UPDATES_PER_RECORD = 12;

/** What identifies a request's record within a call: its external Id (upsert) or its Id. */
function callKey(request: WriteRequest): { kind: 'externalId' | 'id'; key: string } | undefined {
    const { externalIdField } = request;
    if (request.operation === 'upsert' && externalIdField && externalIdField.name !== 'Id') {
        const key = uniqueKey(externalIdField, request.values.get(externalIdField) ?? null);
        return key === undefined
            ? undefined
            : { kind: 'externalId', key: `${request.object.name}.${externalIdField.name}=${key}` };
    }
    const id = request.id ? normalizeId(request.id) : undefined;
    return id === undefined ? undefined : { kind: 'id', key: id };
}

/**
 * Errors that depend on the other records of the call: an external Id given twice fails every record that
 * gives it; an Id given more than 12 times fails from the 13th on.
 */
function callErrors(requests: WriteRequest[]): Map<WriteRequest, SaveError> {
    const keys = requests.map(callKey);
    const totals = new Map<string, number>();
    for (const found of keys) if (found) totals.set(found.key, (totals.get(found.key) ?? 0) + 1);
    const errors = new Map<WriteRequest, SaveError>();
    const seen = new Map<string, number>();
    requests.forEach((request, index) => {
        const found = keys[index];
        const total = found ? totals.get(found.key)! : 0;
        if (!found || total === 1) return;
        const occurrence = (seen.get(found.key) ?? 0) + 1;
        seen.set(found.key, occurrence);
        if (found.kind === 'externalId') {
            const field = request.externalIdField!;
            errors.set(
                request,
                error(
                    'DUPLICATE_EXTERNAL_ID',
                    `Duplicate external id specified: ${String(request.values.get(field))}`,
                    [field.name]
                )
            );
        } else if (occurrence > MAX_UPDATES_PER_RECORD) {
            const message = `Maximum number of duplicate updates in one batch (${MAX_UPDATES_PER_RECORD} allowed). Attempt to update Id more than once in this Api call: ${found.key}`;
            errors.set(request, error('DUPLICATE_VALUE', message));
        }
    });
    return errors;
}

/** The record an update or upsert addresses, or undefined when an upsert is to create one. */
function findTarget(request: WriteRequest, store: Store): StoredRecord | undefined {
    const { object, externalIdField } = request;
    if (request.operation === 'upsert' && externalIdField && externalIdField.name !== 'Id') {
        const value = request.values.get(externalIdField) ?? null;
        if (value === null) fail('MISSING_ARGUMENT', `${externalIdField.name} not specified`);
        return store.findByUnique(object.name, externalIdField, value);
    }
    if (request.id === undefined || request.id === null || request.id === '') {
        if (request.operation === 'upsert') return undefined;
        fail('MISSING_ARGUMENT', 'Id not specified in an update call');
    }
    const id = normalizeId(request.id);
    if (!id || !id.startsWith(object.keyPrefix)) {
        fail('MALFORMED_ID', `${object.label} ID: id value of incorrect type: ${request.id}`, ['Id']);
    }
    if (store.isDeleted(object.name, id)) fail('ENTITY_IS_DELETED', 'entity is deleted', [], id);
    const record = store.get(object.name, id);
    if (!record) fail('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [], id);
    return record;
}

function checkAccess(request: WriteRequest, creating: boolean): void {
    if (creating && request.operation !== 'upsert' && request.id) {
        fail('INVALID_FIELD_FOR_INSERT_UPDATE', 'cannot specify Id in an insert call', ['Id']);
    }
    const denied = [...request.values.keys()]
        .filter((field) => (creating ? !field.createable : !field.updateable))
        .map((field) => field.name);
    if (denied.length > 0) {
        fail(
            'INVALID_FIELD_FOR_INSERT_UPDATE',
            `Unable to create/update fields: ${denied.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
            denied
        );
    }
}

function newRecord(
    object: ObjectSchema,
    id: string,
    store: Store,
    timestamp: string,
    userId: string
): Record<string, StoredValue> {
    const record: Record<string, StoredValue> = {};
    for (const field of object.fields) {
        record[field.name] = field.defaultsToCurrentUser ? userId : (field.defaultValue ?? null);
    }
    record.Id = id;
    if (object.nameField.kind === 'autoNumber') record.Name = store.nextAutoName(object.name);
    record.CreatedDate = timestamp;
    record.CreatedById = userId;
    return record;
}

/**
 * The Id a reference field names, checked as the org checks it: well formed, of an object the field may point
 * at, not deleted, there. Returns its 18-character form.
 */
function liveTarget(
    store: Store,
    field: FieldDef,
    given: string,
    label: string,
    allows: (target: ObjectSchema) => boolean
): string {
    const id = normalizeId(given);
    if (!id) fail('MALFORMED_ID', `${label}: id value of incorrect type: ${given}`, [field.name]);
    const target = store.schema.objectByKeyPrefix.get(id.slice(0, 3));
    if (!target || !allows(target)) {
        fail('FIELD_INTEGRITY_EXCEPTION', `${label}: id value of incorrect type: ${given}`, [field.name]);
    }
    if (store.isDeleted(target.name, id)) fail('ENTITY_IS_DELETED', 'entity is deleted', [field.name]);
    if (!store.get(target.name, id)) {
        fail('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [field.name]);
    }
    return id;
}

/** An owner must be one of the org's users, and active. */
function checkOwner(field: FieldDef, given: string): void {
    const user = Object.values(STANDIN_USERS).find((candidate) => candidate.id === given);
    if (!user) fail('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [field.name]);
    // Reported as "INACTIVE_OWNER_OR_USER, operation performed with inactive user: []" (no fields).
    if (!user.active) fail('INACTIVE_OWNER_OR_USER', 'operation performed with inactive user');
}

/**
 * The records a write points at, only where it writes them: a master-detail value a live record of its master;
 * an owner one of the org's active users; a task's WhatId a live record of an object that allows activities.
 */
function checkReferences(
    object: ObjectSchema,
    record: Record<string, StoredValue>,
    request: WriteRequest,
    store: Store
): void {
    for (const field of object.fields) {
        const given = record[field.name];
        if (!request.values.has(field) || given === null || given === undefined) continue;
        if (field.type === 'MasterDetail') {
            const master = store.objectSchema(field.referenceTo!);
            const label = `${master.label} ID`;
            record[field.name] = liveTarget(
                store,
                field,
                String(given),
                label,
                (target) => target === master
            );
        } else if (field.reference === 'activityParent') {
            const allows = (target: ObjectSchema) => target.allowsActivities;
            record[field.name] = liveTarget(store, field, String(given), field.label, allows);
        } else if (field.reference === 'user') {
            checkOwner(field, String(given));
        }
    }
}

function checkLocks(
    object: ObjectSchema,
    record: Record<string, StoredValue>,
    context: WriteContext,
    existing: boolean
): void {
    // Saving a detail record locks its master too, so a locked Account fails its children's writes.
    const candidates = [
        ...(existing ? [String(record.Id)] : []),
        ...object.fields
            .filter((f) => f.type === 'MasterDetail' && record[f.name] !== null)
            .map((f) => String(record[f.name]))
    ];
    const locked = candidates.find((id) => context.isLocked(id));
    if (locked) {
        fail(
            'UNABLE_TO_LOCK_ROW',
            `unable to obtain exclusive access to this record or 1 records: ${locked}`
        );
    }
}

function checkUnique(object: ObjectSchema, record: Record<string, StoredValue>, store: Store): void {
    for (const field of object.fields) {
        if (!field.unique) continue;
        const holder = store.findByUnique(object.name, field, record[field.name] ?? null);
        if (holder && holder.Id !== record.Id) {
            fail(
                'DUPLICATE_VALUE',
                `duplicate value found: ${field.name} duplicates value on record with id: ${String(holder.Id)}`,
                [field.name]
            );
        }
    }
}

/** One record: check everything, then build the new version. Throws WriteFailure with the first error. */
function prepare(
    request: WriteRequest,
    context: WriteContext,
    callError: SaveError | undefined
): { record: StoredRecord; previous: StoredRecord | undefined } {
    if (request.rejected) throw new WriteFailure(request.rejected);
    if (callError) {
        throw new WriteFailure(
            callError,
            request.operation === 'upsert' ? undefined : normalizeId(request.id!)
        );
    }
    const existing = request.operation === 'create' ? undefined : findTarget(request, context.store);
    try {
        return { record: buildRecord(request, context, existing), previous: existing };
    } catch (failure) {
        // Once the record is found, its failures name it (as the org's SaveResult does).
        if (failure instanceof WriteFailure && existing && !failure.recordId) {
            throw new WriteFailure(failure.saveError, String(existing.Id));
        }
        throw failure;
    }
}

function buildRecord(
    request: WriteRequest,
    context: WriteContext,
    existing: StoredRecord | undefined
): StoredRecord {
    const { object } = request;
    const { store } = context;
    const creating = existing === undefined;
    checkAccess(request, creating);
    for (const [field, value] of request.values) {
        const problem = checkValue(field, value);
        if (problem) throw new WriteFailure(problem);
    }
    const timestamp = context.now.toISOString();
    const record = existing
        ? { ...existing }
        : newRecord(object, store.newId(object.name), store, timestamp, context.userId);
    for (const [field, value] of request.values) {
        record[field.name] = field.type === 'Checkbox' && value === null ? false : value;
    }
    if (
        creating &&
        object.nameField.kind === 'text' &&
        object.nameField.defaultsToId &&
        record.Name === null
    ) {
        record.Name = record.Id ?? null;
    }
    record.LastModifiedDate = timestamp;
    record.LastModifiedById = context.userId;
    record.SystemModstamp = timestamp;
    checkLocks(object, record, context, !creating);
    const missing = object.fields
        .filter((field) => field.required && record[field.name] === null)
        .map((f) => f.name);
    if (missing.length > 0) {
        fail('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
    }
    checkReferences(object, record, request, store);
    for (const rule of object.validationRules) {
        if (rule.violatedBy(record)) {
            fail(
                'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                rule.errorMessage,
                rule.errorDisplayField ? [rule.errorDisplayField] : []
            );
        }
    }
    checkUnique(object, record, store);
    return record;
}

/**
 * Applies writes in order, each seeing the ones before it. With allOrNone, one failure undoes every write
 * of the call and the records that had succeeded report ALL_OR_NONE_OPERATION_ROLLED_BACK.
 */
export function applyWrites(requests: WriteRequest[], context: WriteContext): WriteResult[] {
    const { store } = context;
    const callErrorOf = callErrors(requests);
    const undo: (() => void)[] = [];
    const results: WriteResult[] = [];
    for (const request of requests) {
        try {
            const { record, previous } = prepare(request, context, callErrorOf.get(request));
            const objectName = request.object.name;
            const created = previous === undefined;
            store.write(objectName, record);
            undo.push(
                previous
                    ? () => store.write(objectName, previous)
                    : () => store.discard(objectName, String(record.Id))
            );
            const result: WriteResult = { id: String(record.Id), errors: [] };
            if (request.operation === 'upsert') result.created = created;
            results.push(result);
        } catch (failure) {
            if (!(failure instanceof WriteFailure)) throw failure;
            results.push(
                failure.recordId
                    ? { id: failure.recordId, errors: [failure.saveError] }
                    : { errors: [failure.saveError] }
            );
        }
    }
    if (context.allOrNone && results.some((result) => result.errors.length > 0)) {
        for (const step of undo.reverse()) step();
        return results.map((result, index) => {
            if (result.errors.length > 0) return result;
            // A rolled-back insert never got an Id; a rolled-back update keeps the one it was sent.
            return requests[index]!.operation === 'update'
                ? { id: result.id!, errors: [ROLLED_BACK] }
                : { errors: [ROLLED_BACK] };
        });
    }
    return results;
}
