import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { loadConfig } from '../scripts/lib/config.ts';
import { readPicklists } from '../scripts/lib/picklists.ts';
import { fieldsOf, recordSchemas } from '../scripts/lib/reclassify/records.ts';
import { METADATA_DIR } from '../scripts/lib/paths.ts';

const parser = new XMLParser({
    isArray: (name) =>
        [
            'flexiPageRegions',
            'itemInstances',
            'componentInstanceProperties',
            'fieldInstanceProperties',
            'valueListItems',
            'fieldPermissions'
        ].includes(name),
    parseTagValue: false
});
const read = <T>(file: string) => parser.parse(readFileSync(path.join(METADATA_DIR, file), 'utf8')) as T;

type Property = { name: string; value?: string; valueList?: { valueListItems: { value: string }[] } };
type Item = {
    componentInstance?: {
        componentName: string;
        identifier: string;
        componentInstanceProperties?: Property[];
    };
    fieldInstance?: { fieldItem: string; fieldInstanceProperties?: Property[] };
};
type Region = { name: string; type: string; itemInstances?: Item[] };

const page = read<{ FlexiPage: { sobjectType: string; flexiPageRegions: Region[] } }>(
    'flexipages/Installateur_Record_Page.flexipage-meta.xml'
).FlexiPage;
const region = (name: string) => page.flexiPageRegions.find((candidate) => candidate.name === name);
const components = (regionName: string, componentName: string) =>
    (region(regionName)?.itemInstances ?? [])
        .map((item) => item.componentInstance)
        .filter((component) => component?.componentName === componentName);
const property = (properties: Property[] | undefined, name: string) =>
    properties?.find((candidate) => candidate.name === name);

/** The package's own Account fields: the installer inputs sales fill in. */
const accountInputs = readdirSync(path.join(METADATA_DIR, 'objects/Account/fields')).map((file) =>
    file.replace('.field-meta.xml', '')
);

test('the Account record page shows every Account input in a Dynamic Forms field section, editable', () => {
    assert.equal(page.sobjectType, 'Account');
    const [section] = components('main', 'flexipage:fieldSection');
    assert.ok(section, 'a field section in the main region');
    const columnsFacet = property(section.componentInstanceProperties, 'columns')?.value ?? '';
    const columns = components(columnsFacet, 'flexipage:column');
    assert.equal(columns.length, 2, `${columnsFacet} holds the section's two columns`);
    const fields = columns.flatMap((column) =>
        (region(property(column?.componentInstanceProperties, 'body')?.value ?? '')?.itemInstances ?? []).map(
            (item) => item.fieldInstance
        )
    );
    assert.deepEqual(
        fields.map((field) => field?.fieldItem).sort(),
        accountInputs.map((f) => `Record.${f}`).sort()
    );
    for (const field of fields) {
        assert.equal(
            property(field?.fieldInstanceProperties, 'uiBehavior')?.value,
            'none',
            `${field?.fieldItem}: editable where the user may edit it (not readonly)`
        );
    }
    const commandReads = fieldsOf(recordSchemas(loadConfig(), readPicklists()).account).filter((f) =>
        f.endsWith('__c')
    );
    assert.deepEqual(
        commandReads.filter((f) => !accountInputs.includes(f)),
        [],
        'every Account field the command reads is on the page'
    );
    const sales = read<{ PermissionSet: { fieldPermissions: { field: string; editable: string }[] } }>(
        'permissionsets/Klantsegmentatie_Sales.permissionset-meta.xml'
    ).PermissionSet.fieldPermissions;
    for (const input of accountInputs) {
        assert.equal(
            sales.find((permission) => permission.field === `Account.${input}`)?.editable,
            'true',
            `account managers may edit Account.${input}`
        );
    }
});

/** The package's objects that hang under Account, by their master-detail field's relationship name. */
function childrenOfAccount(): { object: string; relationship: string }[] {
    const children: { object: string; relationship: string }[] = [];
    for (const object of readdirSync(path.join(METADATA_DIR, 'objects'))) {
        const file = `objects/${object}/fields/Account__c.field-meta.xml`;
        if (!existsSync(path.join(METADATA_DIR, file))) continue;
        const field = read<{ CustomField: { referenceTo: string; relationshipName: string } }>(
            file
        ).CustomField;
        if (field.referenceTo === 'Account')
            children.push({ object, relationship: `${field.relationshipName}__r` });
    }
    return children;
}

test('the Account record page lists Merkgegevens and Potenties itself, with columns that exist', () => {
    // A Dynamic Related List is configured on the page, so no page layout has to list them (a Related List -
    // Single shows only what the assigned page layout has).
    const lists = components('main', 'lst:dynamicRelatedList');
    const children = childrenOfAccount();
    assert.deepEqual(children.map((child) => child.object).sort(), ['Brand_Detail__c', 'Potential__c']);
    for (const { object, relationship } of children) {
        const list = lists.find(
            (component) =>
                property(component?.componentInstanceProperties, 'relatedListApiName')?.value === relationship
        );
        assert.ok(list, `${relationship} (${object}) is on the page`);
        const properties = list.componentInstanceProperties;
        assert.equal(property(properties, 'parentFieldApiName')?.value, 'Account.Id');
        const columns = property(properties, 'relatedListFieldAliases')?.valueList?.valueListItems ?? [];
        assert.ok(columns.length > 1, `${relationship} shows columns`);
        for (const { value } of columns) {
            assert.ok(
                value === 'NAME' ||
                    existsSync(path.join(METADATA_DIR, `objects/${object}/fields/${value}.field-meta.xml`)),
                `${relationship}: column ${value} is a field of ${object}`
            );
        }
    }
});

test('the Account record page keeps the panel at the top of the main column', () => {
    const [first] = region('main')?.itemInstances ?? [];
    assert.equal(first?.componentInstance?.componentName, 'accountSegmentation');
});
