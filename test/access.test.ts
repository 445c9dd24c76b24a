import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { OWNED_FIELDS } from '../force-app/main/default/lwc/segmentRules/segmentRules.js';
import { loadConfig } from '../scripts/lib/config.ts';
import { readPicklists } from '../scripts/lib/picklists.ts';
import { fieldsOf, recordSchemas } from '../scripts/lib/reclassify/records.ts';
import { METADATA_DIR } from '../scripts/lib/paths.ts';
import { FOLLOW_UP_READ_FIELDS } from '../scripts/lib/org/followUps.ts';
import {
    FOLLOW_UP_KEY_FIELD,
    FOLLOW_UP_REASON_FIELD,
    FOLLOW_UP_TASK_FIELDS,
    taskFieldPermissions
} from '../scripts/lib/followUpTasks.ts';

const parser = new XMLParser({
    isArray: (name) =>
        ['fieldPermissions', 'objectPermissions', 'userPermissions', 'filters', 'columns'].includes(name)
});

type FieldPermission = { field: string; readable: boolean; editable: boolean };
type UserPermission = { name: string; enabled: boolean };
type ObjectPermission = {
    object: string;
    allowRead: boolean;
    allowCreate: boolean;
    allowEdit: boolean;
    allowDelete: boolean;
};

function permissionSet(name: string) {
    const xml = readFileSync(
        path.join(METADATA_DIR, 'permissionsets', `${name}.permissionset-meta.xml`),
        'utf8'
    );
    const set = (
        parser.parse(xml) as {
            PermissionSet: {
                fieldPermissions: FieldPermission[];
                objectPermissions: ObjectPermission[];
                userPermissions?: UserPermission[];
            };
        }
    ).PermissionSet;
    const editable = set.fieldPermissions
        .filter((permission) => permission.editable)
        .map((permission) => permission.field)
        .sort();
    const readable = set.fieldPermissions
        .filter((permission) => permission.readable)
        .map((permission) => permission.field)
        .sort();
    const object = (name: string) => set.objectPermissions.find((permission) => permission.object === name);
    const user = (set.userPermissions ?? [])
        .filter((permission) => permission.enabled)
        .map((permission) => permission.name)
        .sort();
    return { editable, readable, object, user };
}

const owned = OWNED_FIELDS.map((field) => `Brand_Detail__c.${field}`);

test('the integration user may edit exactly the fields the command writes, and read what it reads', () => {
    const integration = permissionSet('Klantsegmentatie_Integration');
    // Derived from the code: owned Brand_Detail__c fields (update file), the estimate upsert columns and the fields
    // of a new follow-up task.
    const written = [
        ...owned,
        'Potential__c.Key__c',
        'Potential__c.Source__c',
        ...taskFieldPermissions(FOLLOW_UP_TASK_FIELDS)
    ].sort();
    assert.deepEqual(integration.editable, written);
    // With --create-tasks the accounts are read with their owner, and the package's tasks are read back.
    const schemas = recordSchemas(loadConfig(), readPicklists(), { owners: true });
    const read = [
        ...fieldsOf(schemas.account).map((field) => `Account.${field}`),
        ...fieldsOf(schemas.potential).map((field) => `Potential__c.${field}`),
        ...fieldsOf(schemas.brandDetail).map((field) => `Brand_Detail__c.${field}`),
        ...taskFieldPermissions(FOLLOW_UP_READ_FIELDS).filter((field) => field.startsWith('Task.'))
    ].filter((field) => !/\.(Id|Name|OwnerId|Account__c|Brand__c|Product_Group__c|Units__c)$/.test(field)); // standard or required: always visible
    assert.ok(read.includes('Task.Follow_Up_Key__c'), 'the key it recognises its tasks by');
    for (const field of read) {
        assert.ok(integration.readable.includes(field), `integration user cannot read ${field}`);
    }
    assert.deepEqual(integration.object('Brand_Detail__c'), {
        ...integration.object('Brand_Detail__c'),
        allowCreate: false,
        allowEdit: true,
        allowDelete: false
    });
    assert.deepEqual(integration.object('Potential__c'), {
        ...integration.object('Potential__c'),
        allowCreate: true,
        allowEdit: true,
        allowDelete: false
    });
    assert.equal(integration.object('Account')?.allowEdit, false);
    // Tasks have no object permissions: Access Activities lets the user see them at all, Edit Tasks create them.
    assert.deepEqual(integration.user, ['ActivitiesAccess', 'ApiEnabled', 'EditTask']);
});

test('a follow-up task is recognised by package fields the integration writes on Task and Event alike', () => {
    const permitted = taskFieldPermissions(FOLLOW_UP_TASK_FIELDS);
    for (const field of [FOLLOW_UP_KEY_FIELD, FOLLOW_UP_REASON_FIELD]) {
        assert.deepEqual(
            permitted.filter((name) => name.endsWith(`.${field}`)),
            [`Task.${field}`, `Event.${field}`],
            `${field} is one Activity field, permitted as Task and as Event`
        );
    }
    assert.deepEqual(
        taskFieldPermissions(['OwnerId', 'Subject']),
        [],
        'required fields have no field-level security'
    );
});

test('account managers read every owned field but can edit none of them', () => {
    const sales = permissionSet('Klantsegmentatie_Sales');
    const taskFields = taskFieldPermissions([FOLLOW_UP_KEY_FIELD, FOLLOW_UP_REASON_FIELD]);
    for (const field of [...owned, ...taskFields]) {
        assert.ok(sales.readable.includes(field), `sales cannot read ${field}`);
        assert.ok(!sales.editable.includes(field), `sales can edit package-owned ${field}`);
    }
    for (const input of [
        'Brand_Detail__c.Last_Visit_Date__c',
        'Brand_Detail__c.Classification_Locked__c',
        'Brand_Detail__c.Potential_Growth__c',
        'Account.Company_Size__c',
        'Account.Revenue_12M__c'
    ]) {
        assert.ok(sales.editable.includes(input), `sales cannot edit input ${input}`);
    }
    assert.deepEqual(sales.user, [], 'task access comes from the account managers own profile');
});

function listView(name: string) {
    const xml = readFileSync(
        path.join(METADATA_DIR, 'objects/Brand_Detail__c/listViews', `${name}.listView-meta.xml`),
        'utf8'
    );
    return (
        parser.parse(xml) as {
            ListView: {
                label: string;
                booleanFilter?: string;
                filters: { field: string; operation: string; value?: string }[];
            };
        }
    ).ListView;
}

test('sales have a list view per Type klant, per segment group, for overdue visits and for recent type changes', () => {
    const config = loadConfig();
    const types = [
        config.customerTypes.winBack,
        config.customerTypes.get,
        config.customerTypes.grow,
        config.customerTypes.keep
    ];
    for (const type of types) {
        const view = listView(`Type_${type.replace('-', '_')}`);
        assert.deepEqual(view.filters, [{ field: 'Customer_Type__c', operation: 'equals', value: type }]);
    }
    const groups = ['1_en_10', '30_en_75', '150_en_500'].map(
        (name) => listView(`Segment_${name}`).filters[0]?.value
    );
    assert.deepEqual(
        groups.join(',').split(','),
        config.segments.map((segment) => segment.name)
    );
    const overdue = listView('Bezoek_te_laat');
    assert.equal(overdue.booleanFilter, '1 OR 2');
    assert.deepEqual(overdue.filters, [
        { field: 'Next_Visit_Due__c', operation: 'lessThan', value: 'TODAY' },
        { field: 'Last_Visit_Date__c', operation: 'equals' }
    ]);
    assert.deepEqual(listView('Type_klant_gewijzigd_7_dagen').filters, [
        { field: 'Customer_Type_Changed_On__c', operation: 'equals', value: 'LAST_N_DAYS:7' }
    ]);
});
