import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import { METADATA_DIR } from '../../lib/paths.ts';

/**
 * The org's schema as the stand-in enforces it, read from the package metadata (force-app), so that a write
 * the deployed org would refuse is refused here too.
 */

export type FieldType =
    | 'Id'
    | 'Text'
    | 'AutoNumber'
    | 'Number'
    | 'Percent'
    | 'Currency'
    | 'Checkbox'
    | 'Date'
    | 'DateTime'
    | 'Picklist'
    | 'MultiselectPicklist'
    | 'MasterDetail'
    /** A reference: to a user (CreatedById, OwnerId) or, polymorphic, to a record (Task.WhatId). */
    | 'Lookup';

/**
 * Fields computed on read: the formulas the stand-in can compute (any other formula reads as null), and a
 * task's IsClosed, which its Status decides (each TaskStatus value says whether it closes the task).
 */
export type Formula =
    | { kind: 'daysSince'; dateField: string }
    | { kind: 'notComputed'; text: string }
    | { kind: 'closedStatus'; statusField: string; closedValues: ReadonlySet<string> };

/**
 * What a Lookup may point at, checked on every write: one of the org's active users (OwnerId), or a record of
 * an object that allows activities (Task.WhatId, "Related To").
 */
export type Reference = 'user' | 'activityParent';

export type FieldDef = {
    name: string;
    label: string;
    type: FieldType;
    /** Text: maximum characters. */
    length?: number;
    /** Number, Percent, Currency: total and decimal digits. */
    precision?: number;
    scale?: number;
    /** Must be non-null on create and can't be cleared. */
    required: boolean;
    createable: boolean;
    updateable: boolean;
    unique?: { caseSensitive: boolean };
    externalId: boolean;
    picklist?: { values: ReadonlySet<string>; restricted: boolean };
    /** Value given on create when the field is not set (checkbox default, default picklist value). */
    defaultValue?: string | boolean;
    referenceTo?: string;
    reference?: Reference;
    /** Set on create to the user the call runs as when not given (OwnerId: "Defaulted on create"). */
    defaultsToCurrentUser?: boolean;
    formula?: Formula;
};

export type ValidationRule = {
    name: string;
    errorMessage: string;
    errorDisplayField?: string;
    /** True when the record violates the rule (the rule's error condition holds). */
    violatedBy: (record: Readonly<Record<string, unknown>>) => boolean;
};

export type ObjectSchema = {
    name: string;
    label: string;
    keyPrefix: string;
    /** In output order: Id, Name, the custom fields, the audit fields (dates and users). */
    fields: readonly FieldDef[];
    /** Field lookup by lower-case API name: the API treats field names case-insensitively. */
    fieldByLowerName: ReadonlyMap<string, FieldDef>;
    /** Task has no Name field (its Subject is not a name). */
    nameField:
        | { kind: 'text'; defaultsToId: boolean }
        | { kind: 'autoNumber'; displayFormat: string }
        | { kind: 'none' };
    /** Whether a task's WhatId may point at its records: Account, and a custom object with enableActivities. */
    allowsActivities: boolean;
    validationRules: readonly ValidationRule[];
};

export type OrgSchema = {
    objects: ReadonlyMap<string, ObjectSchema>;
    /** Object lookup by lower-case name (SOQL and sObject names are case-insensitive). */
    objectByLowerName: ReadonlyMap<string, ObjectSchema>;
    objectByKeyPrefix: ReadonlyMap<string, ObjectSchema>;
};

/**
 * The objects the package reads and writes, with the key prefixes the stand-in gives their Ids. A task's custom
 * fields are the activity fields, declared once under objects/Activity and shared by Task and Event.
 */
export const STANDIN_OBJECTS = [
    { name: 'Account', keyPrefix: '001' },
    { name: 'Brand_Detail__c', keyPrefix: 'a01' },
    { name: 'Potential__c', keyPrefix: 'a02' },
    { name: 'Task', keyPrefix: '00T', customFieldsOf: 'Activity' }
] as const;

const parser = new XMLParser({
    // Keep every value a string: picklist values such as "10+" or "007" must not turn into numbers.
    parseTagValue: false,
    isArray: (name) => ['value', 'customValue'].includes(name)
});

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');
const count = z.string().regex(/^\d+$/).transform(Number);

const fieldMeta = z.object({
    CustomField: z.object({
        fullName: z.string(),
        label: z.string().optional(),
        type: z.string(),
        required: flag.optional(),
        length: count.optional(),
        precision: count.optional(),
        scale: count.optional(),
        unique: flag.optional(),
        caseSensitive: flag.optional(),
        externalId: flag.optional(),
        defaultValue: z.string().optional(),
        formula: z.string().optional(),
        referenceTo: z.string().optional(),
        reparentableMasterDetail: flag.optional(),
        valueSet: z
            .object({
                restricted: flag.optional(),
                valueSetName: z.string().optional(),
                valueSetDefinition: z
                    .object({ value: z.array(z.object({ fullName: z.string(), default: flag.optional() })) })
                    .optional()
            })
            .optional()
    })
});

const objectMeta = z.object({
    CustomObject: z.object({
        label: z.string(),
        enableActivities: flag.optional(),
        nameField: z.object({
            label: z.string(),
            type: z.enum(['Text', 'AutoNumber']),
            displayFormat: z.string().optional()
        })
    })
});

const globalValueSetMeta = z.object({
    GlobalValueSet: z.object({ customValue: z.array(z.object({ fullName: z.string() })) })
});

const validationRuleMeta = z.object({
    ValidationRule: z.object({
        fullName: z.string(),
        active: flag,
        errorConditionFormula: z.string(),
        errorDisplayField: z.string().optional(),
        errorMessage: z.string()
    })
});

function readXml<T>(file: string, shape: z.ZodType<T>): T {
    const result = shape.safeParse(parser.parse(readFileSync(file, 'utf8')));
    if (!result.success) {
        const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
        throw new Error(`Unexpected metadata in ${file}: ${problems.join('; ')}`);
    }
    return result.data;
}

function filesIn(dir: string, suffix: string): string[] {
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
        .filter((name) => name.endsWith(suffix))
        .sort()
        .map((name) => path.join(dir, name));
}

function readGlobalValueSets(root: string): Map<string, Set<string>> {
    const sets = new Map<string, Set<string>>();
    for (const file of filesIn(path.join(root, 'globalValueSets'), '.globalValueSet-meta.xml')) {
        const doc = readXml(file, globalValueSetMeta);
        sets.set(
            path.basename(file, '.globalValueSet-meta.xml'),
            new Set(doc.GlobalValueSet.customValue.map((v) => v.fullName))
        );
    }
    return sets;
}

/** Recognises `TODAY() - D` (optionally inside `IF(ISBLANK(D), NULL, …)`), the one formula shape in use. */
function parseFormula(text: string): Formula {
    const compact = text.replace(/\s+/g, '');
    const daysSince =
        /^IF\(ISBLANK\((\w+)\),NULL,TODAY\(\)-(\w+)\)$/.exec(compact) ?? /^()TODAY\(\)-(\w+)$/.exec(compact);
    if (daysSince && (daysSince[1] === '' || daysSince[1] === daysSince[2])) {
        return { kind: 'daysSince', dateField: daysSince[2]! };
    }
    return { kind: 'notComputed', text };
}

const FIELD_TYPES = new Set<string>([
    'Text',
    'Number',
    'Percent',
    'Currency',
    'Checkbox',
    'Date',
    'DateTime',
    'Picklist',
    'MultiselectPicklist',
    'MasterDetail'
]);

function customField(file: string, globalValueSets: Map<string, Set<string>>): FieldDef {
    const meta = readXml(file, fieldMeta).CustomField;
    if (!FIELD_TYPES.has(meta.type)) {
        throw new Error(`${file}: field type ${meta.type} is not supported by the stand-in`);
    }
    const type = meta.type as FieldType;
    const field: FieldDef = {
        name: meta.fullName,
        label: meta.label ?? meta.fullName,
        type,
        // Master-detail fields are always required; the API refuses a child without its master.
        required: meta.required === true || type === 'MasterDetail',
        createable: meta.formula === undefined,
        updateable:
            meta.formula === undefined && (type !== 'MasterDetail' || meta.reparentableMasterDetail === true),
        externalId: meta.externalId === true
    };
    if (meta.length !== undefined) field.length = meta.length;
    if (meta.precision !== undefined) field.precision = meta.precision;
    if (meta.scale !== undefined) field.scale = meta.scale;
    if (meta.unique) field.unique = { caseSensitive: meta.caseSensitive === true };
    if (meta.referenceTo) field.referenceTo = meta.referenceTo;
    if (meta.formula !== undefined) field.formula = parseFormula(meta.formula);
    if (type === 'Checkbox') field.defaultValue = meta.defaultValue === 'true';
    if (meta.valueSet) {
        const { valueSetName, valueSetDefinition, restricted } = meta.valueSet;
        if (valueSetName) {
            const values = globalValueSets.get(valueSetName);
            if (!values) throw new Error(`${file}: global value set ${valueSetName} not found`);
            // A picklist bound to a global value set is always restricted.
            field.picklist = { values, restricted: true };
        } else {
            const values = valueSetDefinition?.value ?? [];
            field.picklist = {
                values: new Set(values.map((v) => v.fullName)),
                restricted: restricted === true
            };
            const defaultValue = values.find((v) => v.default === true);
            if (defaultValue && type === 'Picklist') field.defaultValue = defaultValue.fullName;
        }
    }
    return field;
}

const COMPARATORS: Record<string, (left: number, right: number) => boolean> = {
    '<': (l, r) => l < r,
    '<=': (l, r) => l <= r,
    '>': (l, r) => l > r,
    '>=': (l, r) => l >= r,
    '=': (l, r) => l === r,
    '<>': (l, r) => l !== r
};

/**
 * Validation rules of the form `Field <op> number`. Any other formula stops the stand-in with an error, so a
 * new rule in the metadata can't be silently ignored (a real org would enforce it).
 */
function validationRule(file: string, fields: Map<string, FieldDef>): ValidationRule | undefined {
    const meta = readXml(file, validationRuleMeta).ValidationRule;
    if (!meta.active) return undefined;
    const match = /^\s*(\w+)\s*(<=|>=|<>|<|>|=)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(meta.errorConditionFormula);
    const field = match ? fields.get(match[1]!.toLowerCase()) : undefined;
    if (!match || !field) {
        throw new Error(
            `${file}: validation rule formula not supported by the stand-in: ${meta.errorConditionFormula}`
        );
    }
    const compare = COMPARATORS[match[2]!]!;
    const bound = Number(match[3]);
    const rule: ValidationRule = {
        name: meta.fullName,
        errorMessage: meta.errorMessage,
        // Salesforce formulas treat a blank number as blank: the comparison is false, the rule passes.
        violatedBy: (record) => {
            const value = record[field.name];
            return typeof value === 'number' && compare(value, bound);
        }
    };
    if (meta.errorDisplayField) rule.errorDisplayField = meta.errorDisplayField;
    return rule;
}

function standardField(name: string, label: string, type: FieldType, more: Partial<FieldDef> = {}): FieldDef {
    return {
        name,
        label,
        type,
        required: false,
        createable: true,
        updateable: true,
        externalId: false,
        ...more
    };
}

/** OwnerId: a user, "Defaulted on create" to the user who creates the record (Account and Task reference). */
const OWNER_ID = standardField('OwnerId', 'Owner ID', 'Lookup', {
    reference: 'user',
    defaultsToCurrentUser: true
});

/** The TaskStatus and TaskPriority values of a new org; Completed is the status whose IsClosed is true. */
const TASK_STATUSES = ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'];
const CLOSED_TASK_STATUSES: ReadonlySet<string> = new Set(['Completed']);
const TASK_PRIORITIES = ['High', 'Normal', 'Low'];

function picklist(values: string[]): FieldDef['picklist'] {
    return { values: new Set(values), restricted: true };
}

/**
 * Standard fields beyond Id and Name: those the project's sample data carries (data/csv/Account.csv), the
 * account owner, and the Task fields the follow-up tasks use (Task, Object Reference).
 */
const STANDARD_FIELDS: Record<string, FieldDef[]> = {
    Account: [standardField('BillingCity', 'Billing City', 'Text', { length: 40 }), OWNER_ID],
    Task: [
        OWNER_ID,
        standardField('WhatId', 'Related To ID', 'Lookup', { reference: 'activityParent' }),
        standardField('Subject', 'Subject', 'Text', { length: 255 }),
        standardField('Description', 'Comments', 'Text', { length: 32_000 }),
        standardField('ActivityDate', 'Due Date', 'Date'),
        standardField('Status', 'Status', 'Picklist', {
            required: true,
            picklist: picklist(TASK_STATUSES),
            defaultValue: 'Not Started'
        }),
        standardField('Priority', 'Priority', 'Picklist', {
            required: true,
            picklist: picklist(TASK_PRIORITIES),
            defaultValue: 'Normal'
        }),
        standardField('IsClosed', 'Closed', 'Checkbox', {
            createable: false,
            updateable: false,
            formula: { kind: 'closedStatus', statusField: 'Status', closedValues: CLOSED_TASK_STATUSES }
        })
    ]
};

/** Audit fields every record has, set by the org on each write: never written by a client. */
function systemField(name: string, label: string, type: 'DateTime' | 'Lookup'): FieldDef {
    return {
        name,
        label,
        type,
        required: false,
        createable: false,
        updateable: false,
        externalId: false
    };
}

/** The Name field and how it is filled: a standard object's text name, a custom object's text or auto-number. */
function nameFieldOf(
    objectDir: string,
    name: string
): { label: string; nameField: ObjectSchema['nameField']; def?: FieldDef; allowsActivities: boolean } {
    const standardName = standardField('Name', 'Name', 'Text', { length: 255, required: true });
    if (name === 'Task') return { label: name, nameField: { kind: 'none' }, allowsActivities: false };
    if (!name.endsWith('__c')) {
        return {
            label: name,
            nameField: { kind: 'text', defaultsToId: false },
            def: standardName,
            allowsActivities: name === 'Account'
        };
    }
    const meta = readXml(path.join(objectDir, `${name}.object-meta.xml`), objectMeta).CustomObject;
    const allowsActivities = meta.enableActivities === true;
    if (meta.nameField.type === 'AutoNumber') {
        const { length: _length, ...def } = standardName;
        return {
            label: meta.label,
            nameField: { kind: 'autoNumber', displayFormat: meta.nameField.displayFormat ?? '{0}' },
            def: {
                ...def,
                label: meta.nameField.label,
                type: 'AutoNumber',
                required: false,
                createable: false,
                updateable: false
            },
            allowsActivities
        };
    }
    // A custom object's text name is 80 characters; left empty on create it takes the record Id.
    return {
        label: meta.label,
        nameField: { kind: 'text', defaultsToId: true },
        def: { ...standardName, label: meta.nameField.label, length: 80, required: false },
        allowsActivities
    };
}

function readObject(
    root: string,
    object: { name: string; keyPrefix: string; customFieldsOf?: string },
    globalValueSets: Map<string, Set<string>>
): ObjectSchema {
    const { name, keyPrefix } = object;
    const objectDir = path.join(root, 'objects', name);
    const { label, nameField, def: nameFieldDef, allowsActivities } = nameFieldOf(objectDir, name);
    const fieldsDir = path.join(root, 'objects', object.customFieldsOf ?? name, 'fields');
    const custom = filesIn(fieldsDir, '.field-meta.xml').map((file) => customField(file, globalValueSets));
    if (name.endsWith('__c') && custom.length === 0)
        throw new Error(`No field metadata for ${name} in ${objectDir}`);
    const fields: FieldDef[] = [
        {
            name: 'Id',
            label: `${label} ID`,
            type: 'Id',
            required: false,
            createable: false,
            updateable: false,
            externalId: false
        },
        ...(nameFieldDef ? [nameFieldDef] : []),
        ...(STANDARD_FIELDS[name] ?? []),
        ...custom,
        systemField('CreatedDate', 'Created Date', 'DateTime'),
        systemField('CreatedById', 'Created By ID', 'Lookup'),
        systemField('LastModifiedDate', 'Last Modified Date', 'DateTime'),
        systemField('LastModifiedById', 'Last Modified By ID', 'Lookup'),
        systemField('SystemModstamp', 'System Modstamp', 'DateTime')
    ];
    const fieldByLowerName = new Map(fields.map((field) => [field.name.toLowerCase(), field]));
    const validationRules = filesIn(path.join(objectDir, 'validationRules'), '.validationRule-meta.xml')
        .map((file) => validationRule(file, fieldByLowerName))
        .filter((rule): rule is ValidationRule => rule !== undefined);
    return { name, label, keyPrefix, fields, fieldByLowerName, nameField, allowsActivities, validationRules };
}

/** Reads the schema of Account, Brand_Detail__c, Potential__c and Task from force-app (or another metadata root). */
export function readOrgSchema(root: string = METADATA_DIR): OrgSchema {
    const globalValueSets = readGlobalValueSets(root);
    const objects = new Map<string, ObjectSchema>();
    for (const object of STANDIN_OBJECTS) {
        objects.set(object.name, readObject(root, object, globalValueSets));
    }
    for (const object of objects.values()) {
        for (const field of object.fields) {
            if (field.referenceTo && !objects.has(field.referenceTo)) {
                throw new Error(
                    `${object.name}.${field.name} refers to ${field.referenceTo}, which the stand-in does not serve`
                );
            }
        }
    }
    return {
        objects,
        objectByLowerName: new Map(
            [...objects.values()].map((object) => [object.name.toLowerCase(), object])
        ),
        objectByKeyPrefix: new Map([...objects.values()].map((object) => [object.keyPrefix, object]))
    };
}
