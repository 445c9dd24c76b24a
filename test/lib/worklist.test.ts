import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { FOLLOW_UP_REASONS as WORKLIST_REASONS } from '../../force-app/main/default/lwc/worklistView/followUpReasons.js';
import { FOLLOW_UP_REASONS, FOLLOW_UP_REASON_FIELD } from '../../scripts/lib/followUpTasks.ts';
import { loadConfig } from '../../scripts/lib/config.ts';
import { readPicklists } from '../../scripts/lib/picklists.ts';
import { METADATA_DIR } from '../../scripts/lib/paths.ts';

/**
 * What the worklist ("Mijn installateurs") takes from the rest of the package without a compiler to hold it: the
 * follow-up reasons the nightly run writes, the picklist orders its GraphQL sorts rely on, and field access for
 * the account managers who read it.
 */

const LWC = path.join(METADATA_DIR, 'lwc');
const parser = new XMLParser({ isArray: (name) => name === 'fieldPermissions' });
const readXml = <T>(file: string): T =>
    parser.parse(readFileSync(path.join(METADATA_DIR, file), 'utf8')) as T;

test('the worklist links to the follow-up tasks by the reasons the nightly run writes', () => {
    assert.deepEqual({ ...WORKLIST_REASONS }, { ...FOLLOW_UP_REASONS });
});

test('the picklist the worklist sorts on keeps its Setup order: strategic customers first', async () => {
    // GraphQL sorts a picklist by "the picklist sort determined during setup" (GraphQL API Developer Guide,
    // "Order Results"): the value order, unless the values are sorted alphabetically.
    const config = await loadConfig();
    const picklists = readPicklists();
    assert.deepEqual(picklists.valueTypes, Object.keys(config.valueTypes));
    assert.equal(picklists.valueTypes[0], 'Strategische klant');
    const valueType = readXml<{ CustomField: { valueSet: { valueSetDefinition: { sorted: boolean } } } }>(
        'objects/Brand_Detail__c/fields/Value_Type__c.field-meta.xml'
    );
    assert.equal(valueType.CustomField.valueSet.valueSetDefinition.sorted, false);
});

/** The custom fields the worklist names, in its query (installerWorklist) and its filters (worklistView). */
function worklistFields(): Set<string> {
    const sources = ['installerWorklist/installerWorklist.js', 'worklistView/worklistView.js'].map((file) =>
        readFileSync(path.join(LWC, file), 'utf8')
    );
    // Field names end in __c; type names (Brand_Detail__c_Filter, Brand_Detail__cConnection) go on after it.
    const names = sources.flatMap((source) =>
        [...source.matchAll(/\b(\w+__c)\b(?![\w])/g)].map((match) => match[1]!)
    );
    return new Set(names.filter((name) => name !== 'Brand_Detail__c'));
}

test('account managers may read every field the worklist asks for', () => {
    const fields = worklistFields();
    assert.ok(fields.has('Customer_Type__c') && fields.has(FOLLOW_UP_REASON_FIELD), [...fields].join(', '));
    const sales = readXml<{ PermissionSet: { fieldPermissions: { field: string; readable: boolean }[] } }>(
        'permissionsets/Klantsegmentatie_Sales.permissionset-meta.xml'
    ).PermissionSet;
    const readable = new Set(
        sales.fieldPermissions.filter((permission) => permission.readable).map((p) => p.field)
    );
    for (const field of fields) {
        // The follow-up reason is an Activity field, read here on Task; every other one is the brand detail's.
        const object = field === FOLLOW_UP_REASON_FIELD ? 'Task' : 'Brand_Detail__c';
        assert.ok(
            readable.has(`${object}.${field}`),
            `Klantsegmentatie_Sales cannot read ${object}.${field}`
        );
    }
});
