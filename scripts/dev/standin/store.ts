import { STANDIN_USERS } from './auth.ts';
import { IdGenerator, normalizeId } from './ids.ts';
import type { FieldDef, ObjectSchema, OrgSchema } from './schema.ts';
import { isMismatch, parseValue, type StoredValue } from './values.ts';

/**
 * A record as stored: every field of its object. Never mutated once stored (an update stores a new object),
 * so query cursors and Bulk query results keep the snapshot they were taken from, as in an org, without
 * copying. Not frozen, because freezing a million records costs a second: treat it as read-only.
 */
export type StoredRecord = Readonly<Record<string, StoredValue>>;

/** One object's records, with its unique indexes, deleted Ids and Id and auto-number counters. */
class ObjectTable {
    readonly records = new Map<string, StoredRecord>();
    /** Ids of deleted records, so a later write can say ENTITY_IS_DELETED instead of "not found". */
    readonly deleted = new Set<string>();
    /** Unique fields: normalized value → Id. */
    readonly uniqueIndexes = new Map<FieldDef, Map<string, string>>();
    readonly ids: IdGenerator;
    /** A record with every field empty (checkboxes false), in schema order: new records start as its copy. */
    readonly blank: Readonly<Record<string, StoredValue>>;
    /** Fields that default to the user who creates the record (OwnerId). */
    readonly ownedBy: readonly FieldDef[];
    /** The auto-number name's display format split around its digits, e.g. P-{000000} → "P-", 6, "". */
    private readonly autoName?: { prefix: string; digits: number; suffix: string };
    private autoNumber = 0;

    constructor(readonly schema: ObjectSchema) {
        this.ids = new IdGenerator(schema.keyPrefix, (id) => this.records.has(id) || this.deleted.has(id));
        for (const field of schema.fields) {
            if (field.unique) this.uniqueIndexes.set(field, new Map());
        }
        this.blank = Object.fromEntries(
            schema.fields.map((field) => [field.name, field.type === 'Checkbox' ? false : null])
        );
        this.ownedBy = schema.fields.filter((field) => field.defaultsToCurrentUser);
        const format =
            schema.nameField.kind === 'autoNumber'
                ? /^(.*?)\{(0+)\}(.*)$/.exec(schema.nameField.displayFormat)
                : null;
        if (format) this.autoName = { prefix: format[1]!, digits: format[2]!.length, suffix: format[3]! };
    }

    /** The next auto-number name, e.g. P-000042 for the display format P-{000000}. */
    nextAutoName(): string {
        if (!this.autoName) throw new Error(`${this.schema.name} has no auto-number name`);
        this.autoNumber += 1;
        const { prefix, digits, suffix } = this.autoName;
        return prefix + String(this.autoNumber).padStart(digits, '0') + suffix;
    }

    /** Loaded records keep their names; the counter moves past them so new names stay unique. */
    noteAutoName(name: string): void {
        if (!this.autoName) return;
        const { prefix, suffix } = this.autoName;
        if (name.startsWith(prefix) && name.endsWith(suffix)) {
            const counter = Number(name.slice(prefix.length, name.length - suffix.length));
            if (Number.isInteger(counter) && counter > this.autoNumber) this.autoNumber = counter;
        }
    }
}

export function uniqueKey(field: FieldDef, value: StoredValue): string | undefined {
    if (value === null) return undefined;
    const text = String(value);
    return field.unique?.caseSensitive ? text : text.toLowerCase();
}

/** Input for Store.insert: field API names (any case) to values typed as in REST JSON, or as CSV text. */
export type LoadRecord = Record<string, unknown>;

export class Store {
    private readonly tables = new Map<string, ObjectTable>();

    constructor(
        readonly schema: OrgSchema,
        private readonly now: () => Date,
        /** When loaded records that carry no system dates were last changed (default: when they are loaded). */
        private readonly loadedAt?: Date
    ) {
        for (const object of schema.objects.values()) this.tables.set(object.name, new ObjectTable(object));
    }

    private table(objectName: string): ObjectTable {
        const object = this.schema.objectByLowerName.get(objectName.toLowerCase());
        if (!object) throw new Error(`The stand-in does not serve ${objectName}`);
        return this.tables.get(object.name)!;
    }

    objectSchema(objectName: string): ObjectSchema {
        return this.table(objectName).schema;
    }

    get(objectName: string, id: string): StoredRecord | undefined {
        const normalized = normalizeId(id);
        return normalized ? this.table(objectName).records.get(normalized) : undefined;
    }

    /** All records of an object in the order they were created. */
    all(objectName: string): StoredRecord[] {
        return [...this.table(objectName).records.values()];
    }

    count(objectName: string): number {
        return this.table(objectName).records.size;
    }

    isDeleted(objectName: string, id: string): boolean {
        return this.table(objectName).deleted.has(id);
    }

    /** The record holding a unique value, e.g. the Potential__c whose Key__c is given. */
    findByUnique(objectName: string, field: FieldDef, value: StoredValue): StoredRecord | undefined {
        const table = this.table(objectName);
        const key = uniqueKey(field, value);
        const id = key === undefined ? undefined : table.uniqueIndexes.get(field)?.get(key);
        return id === undefined ? undefined : table.records.get(id);
    }

    newId(objectName: string): string {
        return this.table(objectName).ids.newId();
    }

    nextAutoName(objectName: string): string {
        return this.table(objectName).nextAutoName();
    }

    /**
     * Loads records as if they already existed in the org (test fixtures, CSV exports): given Ids and system
     * dates and users are kept, values are read as their field's type, but picklist and validation rules are not applied,
     * since an org can hold values that are no longer allowed. Unknown or formula fields, malformed values,
     * duplicate Ids or unique values, and children whose master is not loaded are refused with an Error.
     */
    insert(objectName: string, records: Iterable<LoadRecord>): string[] {
        const table = this.table(objectName);
        const object = table.schema;
        const fieldOf = new Map<string, FieldDef>();
        const masters = object.fields
            .filter((field) => field.type === 'MasterDetail')
            .map((field) => ({ field, parents: this.table(field.referenceTo!).records }));
        const timestamp = (this.loadedAt ?? this.now()).toISOString();
        const ids: string[] = [];
        for (const input of records) {
            // A copy of the blank record: one object shape for all records keeps a million of them compact.
            const record: Record<string, StoredValue> = { ...table.blank };
            for (const key in input) {
                let field = fieldOf.get(key);
                if (!field) {
                    field = object.fieldByLowerName.get(key.toLowerCase());
                    if (!field) throw new Error(`${object.name} has no field ${key}`);
                    if (field.formula) throw new Error(`${object.name}.${field.name} is a formula field`);
                    fieldOf.set(key, field);
                }
                const raw = input[key];
                const value = parseValue(field, raw);
                if (isMismatch(value)) {
                    throw new Error(
                        `${object.name}.${field.name}: ${JSON.stringify(raw)} is not a valid ${value.mismatch}`
                    );
                }
                record[field.name] = value;
            }
            const given = record.Id;
            const id = given === null ? table.ids.newId() : normalizeId(String(given));
            if (!id || !id.startsWith(object.keyPrefix)) {
                throw new Error(`${object.name}: malformed Id ${String(given)}`);
            }
            if (table.records.has(id)) throw new Error(`${object.name}: duplicate Id ${id}`);
            record.Id = id;
            const { nameField } = object;
            if (nameField.kind !== 'none' && record.Name === null) {
                record.Name =
                    nameField.kind === 'autoNumber'
                        ? table.nextAutoName()
                        : nameField.defaultsToId
                          ? id
                          : null;
            } else if (nameField.kind === 'autoNumber') {
                table.noteAutoName(String(record.Name));
            }
            record.CreatedDate ??= timestamp;
            // Records that do not say who made them were entered by sales, and belong to whoever made them.
            record.CreatedById ??= STANDIN_USERS.sales.id;
            for (const field of table.ownedBy) record[field.name] ??= record.CreatedById;
            record.LastModifiedDate ??= record.CreatedDate;
            record.LastModifiedById ??= record.CreatedById;
            record.SystemModstamp ??= record.LastModifiedDate;
            for (const { field, parents } of masters) {
                const given = record[field.name];
                if (given === null) continue;
                const parentId = normalizeId(String(given));
                if (!parentId || !parents.has(parentId)) {
                    throw new Error(
                        `${object.name} ${id}: ${field.name} ${String(given)} is not a loaded ${field.referenceTo}`
                    );
                }
                record[field.name] = parentId;
            }
            this.write(object.name, record);
            ids.push(id);
        }
        return ids;
    }

    /** Puts a record in place of its previous version, keeping the unique indexes in step. */
    write(objectName: string, record: StoredRecord): void {
        const table = this.table(objectName);
        const id = String(record.Id);
        const previous = table.records.get(id);
        for (const [field, index] of table.uniqueIndexes) {
            const oldKey = previous ? uniqueKey(field, previous[field.name] ?? null) : undefined;
            const newKey = uniqueKey(field, record[field.name] ?? null);
            if (oldKey === newKey) continue;
            if (newKey !== undefined) {
                const holder = index.get(newKey);
                if (holder !== undefined && holder !== id) {
                    throw new Error(
                        `${objectName}.${field.name}: duplicate value ${String(record[field.name])} (record ${holder})`
                    );
                }
                index.set(newKey, id);
            }
            if (oldKey !== undefined) index.delete(oldKey);
        }
        table.records.set(id, record);
    }

    /** Takes a record out without leaving a trace, to undo an insert that an all-or-none call rolls back. */
    discard(objectName: string, id: string): void {
        const table = this.table(objectName);
        const record = table.records.get(id);
        if (!record) return;
        for (const [field, index] of table.uniqueIndexes) {
            const key = uniqueKey(field, record[field.name] ?? null);
            if (key !== undefined) index.delete(key);
        }
        table.records.delete(id);
    }

    /** Deletes records and, as master-detail does, their detail records; later writes see ENTITY_IS_DELETED. */
    delete(objectName: string, ids: Iterable<string>): void {
        const table = this.table(objectName);
        const doomed = new Set(
            [...ids].map((id) => normalizeId(id) ?? id).filter((id) => table.records.has(id))
        );
        for (const child of this.schema.objects.values()) {
            const masters = child.fields.filter(
                (field) => field.type === 'MasterDetail' && field.referenceTo === table.schema.name
            );
            if (masters.length === 0) continue;
            const orphans = this.all(child.name)
                .filter((record) => masters.some((field) => doomed.has(String(record[field.name]))))
                .map((record) => String(record.Id));
            if (orphans.length > 0) this.delete(child.name, orphans);
        }
        for (const id of doomed) {
            this.discard(table.schema.name, id);
            table.deleted.add(id);
        }
    }
}
