import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { OWNED_FIELDS } from '../force-app/main/default/lwc/segmentRules/segmentRules.js';
import { loadConfig } from '../scripts/lib/config.ts';
import { readPicklists } from '../scripts/lib/picklists.ts';
import { fieldsOf, recordSchemas } from '../scripts/lib/reclassify/records.ts';
import { API_VERSION, METADATA_DIR, REPO_ROOT } from '../scripts/lib/paths.ts';
import {
    FOLLOW_UP_KEY_FIELD,
    FOLLOW_UP_REASON_FIELD,
    FOLLOW_UP_REASONS,
    followUpKey,
    NEVER_VISITED
} from '../scripts/lib/followUpTasks.ts';

const parser = new XMLParser();

async function filesUnder(dir: string, suffix: string): Promise<string[]> {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
        .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
        .map((entry) => path.join(entry.parentPath, entry.name));
}

type FieldMeta = {
    type: string;
    formula?: string;
    precision?: number;
    scale?: number;
    length?: number;
    externalId?: boolean;
    unique?: boolean;
    trackHistory?: boolean;
};

function fieldMeta(object: string, field: string): FieldMeta | undefined {
    try {
        const xml = readFileSync(
            path.join(METADATA_DIR, 'objects', object, 'fields', `${field}.field-meta.xml`),
            'utf8'
        );
        return (parser.parse(xml) as { CustomField: FieldMeta }).CustomField;
    } catch {
        return undefined;
    }
}

const STANDARD_FIELDS = new Set(['Id', 'Name']);

test('every -meta.xml is well-formed XML', async () => {
    const files = await filesUnder(path.join(REPO_ROOT, 'force-app'), '-meta.xml');
    assert.ok(files.length > 50, `expected the whole data model, found ${files.length} files`);
    for (const file of files) {
        assert.equal(XMLValidator.validate(await readFile(file, 'utf8')), true, file);
    }
});

test('Salesforce source-deploy-retrieve resolves and converts the whole source, with no Apex', async () => {
    const components = ComponentSet.fromSource(path.join(REPO_ROOT, 'force-app'));
    const types = new Set(
        components
            .getSourceComponents()
            .toArray()
            .map((component) => component.type.name)
    );
    for (const expected of [
        'CustomObject',
        'GlobalValueSet',
        'PermissionSet',
        'StaticResource',
        'LightningComponentBundle',
        'Layout',
        'CustomTab'
    ]) {
        assert.ok(types.has(expected), `missing ${expected}`);
    }
    assert.ok(!types.has('ApexClass') && !types.has('ApexTrigger'), 'no Apex in this package');
    const out = await mkdtemp(path.join(os.tmpdir(), 'mdapi-'));
    try {
        const result = await new MetadataConverter().convert(components, 'metadata', {
            type: 'directory',
            outputDirectory: out
        });
        const manifest = await readFile(path.join(result.packagePath ?? out, 'package.xml'), 'utf8');
        assert.match(manifest, new RegExp(`<version>${API_VERSION}</version>`));
        assert.match(manifest, /<members>Brand_Detail__c.Customer_Type__c<\/members>/);
        // A custom activity field is declared on Activity, the object Task and Event share.
        assert.match(manifest, new RegExp(`<members>Activity.${FOLLOW_UP_KEY_FIELD}</members>`));
    } finally {
        await rm(out, { recursive: true, force: true });
    }
});

test('every field the script reads or writes exists in force-app with a compatible type', () => {
    const config = loadConfig();
    const schemas = recordSchemas(config, readPicklists());
    const expectedTypes: Record<string, string[]> = {
        Company_Size__c: ['Picklist'],
        Market_Type__c: ['Picklist'],
        Product_Focus__c: ['MultiselectPicklist'],
        Services__c: ['MultiselectPicklist'],
        Revenue_12M__c: ['Currency'],
        VG_Units_12M__c: ['Number'],
        Account__c: ['MasterDetail'],
        Product_Group__c: ['Picklist'],
        Brand__c: ['Picklist'],
        Units__c: ['Number'],
        Source__c: ['Picklist'],
        Key__c: ['Text'],
        Last_Visit_Date__c: ['Date'],
        Classification_Locked__c: ['Checkbox'],
        Customer_Type__c: ['Picklist'],
        Potential_Segment__c: ['Picklist'],
        VG_Potential_Share__c: ['Percent'],
        Boiler_Potential__c: ['Number'],
        Potential_Source__c: ['Picklist'],
        Value_Type__c: ['Picklist'],
        VG_Ever_Had_Share__c: ['Checkbox'],
        Classification_Reason__c: ['Text'],
        Classified_At__c: ['DateTime'],
        Next_Visit_Due__c: ['Date'],
        VG_Units_To_Next_Type__c: ['Number'],
        Previous_Customer_Type__c: ['Picklist'],
        Customer_Type_Changed_On__c: ['Date']
    };
    const named: [string, string[]][] = [
        ['Account', fieldsOf(schemas.account)],
        ['Potential__c', fieldsOf(schemas.potential)],
        ['Brand_Detail__c', [...fieldsOf(schemas.brandDetail), ...OWNED_FIELDS]]
    ];
    for (const [object, fields] of named) {
        for (const field of fields.filter((name) => !STANDARD_FIELDS.has(name))) {
            const meta = fieldMeta(object, field);
            assert.ok(meta, `${object}.${field} is named by the script but missing in force-app`);
            assert.ok(
                expectedTypes[field]?.includes(meta.type),
                `${object}.${field} is ${meta.type}, expected ${expectedTypes[field]?.join('/')}`
            );
            assert.equal(meta.formula, undefined, `${object}.${field} must not be a formula`);
        }
    }
    assert.equal(fieldMeta('Brand_Detail__c', 'VG_Potential_Share__c')?.scale, 2);
    assert.equal(fieldMeta('Brand_Detail__c', 'VG_Potential_Share__c')?.precision, 5);
    assert.equal(fieldMeta('Brand_Detail__c', 'Classification_Reason__c')?.type, 'Text');
    assert.equal(
        fieldMeta('Brand_Detail__c', 'VG_Units_To_Next_Type__c')?.scale,
        0,
        'a whole count of boilers'
    );
    const key = fieldMeta('Potential__c', 'Key__c');
    assert.equal(key?.externalId, true);
    assert.equal(key?.unique, true);
    assert.ok(
        fieldMeta('Brand_Detail__c', 'Days_Since_Last_Visit__c')?.formula,
        'Days_Since_Last_Visit__c is a formula'
    );
});

test('every field a component imports from @salesforce/schema exists in force-app', async () => {
    const sources = (await filesUnder(path.join(METADATA_DIR, 'lwc'), '.js')).filter(
        (file) => !file.includes('__tests__')
    );
    const references = new Set<string>();
    for (const file of sources) {
        for (const match of (await readFile(file, 'utf8')).matchAll(/@salesforce\/schema\/(\w+)\.(\w+)/g)) {
            references.add(`${match[1]}.${match[2]}`);
        }
    }
    for (const reference of references) {
        const [object = '', field = ''] = reference.split('.');
        assert.ok(
            STANDARD_FIELDS.has(field) || fieldMeta(object, field),
            `${reference} is imported by a component but missing in force-app`
        );
    }
});

test('field history is tracked on exactly the fields DESIGN names', async () => {
    const tracked: string[] = [];
    for (const file of await filesUnder(
        path.join(METADATA_DIR, 'objects/Brand_Detail__c/fields'),
        '.field-meta.xml'
    )) {
        const meta = (
            parser.parse(await readFile(file, 'utf8')) as { CustomField: FieldMeta & { fullName: string } }
        ).CustomField;
        if (meta.trackHistory) tracked.push(meta.fullName);
    }
    assert.deepEqual(tracked.sort(), [
        'Classification_Locked__c',
        'Customer_Type__c',
        'Potential_Segment__c',
        'Potential_Source__c',
        'VG_Potential_Share__c',
        'Value_Type__c'
    ]);
});

test('sfdx-project.json sourceApiVersion is the one API version', async () => {
    const project = JSON.parse(await readFile(path.join(REPO_ROOT, 'sfdx-project.json'), 'utf8')) as {
        sourceApiVersion: string;
    };
    assert.equal(API_VERSION, project.sourceApiVersion);
    for (const file of await filesUnder(METADATA_DIR, '.js-meta.xml')) {
        assert.match(
            await readFile(file, 'utf8'),
            new RegExp(`<apiVersion>${API_VERSION}</apiVersion>`),
            file
        );
    }
});

test('the follow-up task fields are Activity fields: an indexed text key that holds every key, and the reason picklist', () => {
    const key = fieldMeta('Activity', FOLLOW_UP_KEY_FIELD);
    assert.equal(key?.type, 'Text');
    assert.equal(key.externalId, true, 'External ID: indexed, so the run finds the open tasks of its keys');
    // Not unique: a closed task keeps its key, and the next open task for the same brand detail and reason has it too.
    assert.equal(key.unique, false);
    const longest = Math.max(
        ...Object.values(FOLLOW_UP_REASONS).flatMap((reason) =>
            ['2026-12-31', NEVER_VISITED].map(
                (occasion) => followUpKey('a01000000000001AAA', reason, occasion).length
            )
        )
    );
    assert.ok(longest <= (key.length ?? 0), `a key of ${longest} characters fits in ${key.length}`);
    const reason = fieldMeta('Activity', FOLLOW_UP_REASON_FIELD);
    assert.equal(reason?.type, 'Picklist');
    assert.deepEqual(
        readPicklists().followUpReasons,
        Object.values(FOLLOW_UP_REASONS),
        'one value per reason the run creates tasks for'
    );
    const brandDetail = parser.parse(
        readFileSync(
            path.join(METADATA_DIR, 'objects/Brand_Detail__c/Brand_Detail__c.object-meta.xml'),
            'utf8'
        )
    ) as { CustomObject: { enableActivities: boolean } };
    assert.equal(
        brandDetail.CustomObject.enableActivities,
        true,
        'a task can be related to a brand detail (WhatId)'
    );
});
