import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { METADATA_DIR } from '../../../scripts/lib/paths.ts';
import { normalizeId } from '../../../scripts/dev/standin/ids.ts';
import { readOrgSchema } from '../../../scripts/dev/standin/schema.ts';
import { checkValue, parseValue, roundHalfUp } from '../../../scripts/dev/standin/values.ts';

const schema = readOrgSchema();
const field = (object: string, name: string) =>
    schema.objects.get(object)!.fieldByLowerName.get(name.toLowerCase())!;

test('Ids: 15-character Ids get the case suffix of the REST API docs examples; bad suffixes are malformed', () => {
    assert.equal(normalizeId('001D000000IRFma'), '001D000000IRFmaIAH');
    assert.equal(normalizeId('003RO0000035WQg'), '003RO0000035WQgYAM');
    assert.equal(normalizeId('001D000000IRFmaIAH'), '001D000000IRFmaIAH');
    assert.equal(normalizeId('001D000000IRFmaAAA'), undefined);
    assert.equal(normalizeId('001D000000IRF-a'), undefined);
    assert.equal(normalizeId('NotReal'), undefined);
});

test('schema: picklists, required and read-only fields, formulas and names come from the metadata', () => {
    const customerType = field('Brand_Detail__c', 'Customer_Type__c');
    assert.equal(customerType.type, 'Picklist');
    assert.deepEqual([...customerType.picklist!.values], ['Win-back', 'Get', 'Grow', 'Keep']);
    assert.equal(customerType.picklist!.restricted, true, 'global value set picklists are restricted');

    const master = field('Potential__c', 'Account__c');
    assert.deepEqual(
        [master.type, master.required, master.createable, master.updateable],
        ['MasterDetail', true, true, false]
    );

    const days = field('Brand_Detail__c', 'Days_Since_Last_Visit__c');
    assert.deepEqual(days.formula, { kind: 'daysSince', dateField: 'Last_Visit_Date__c' });
    assert.equal(days.createable || days.updateable, false);

    const share = field('Brand_Detail__c', 'VG_Potential_Share__c');
    assert.deepEqual([share.type, share.precision, share.scale], ['Percent', 5, 2]);
    assert.equal(field('Brand_Detail__c', 'Classification_Reason__c').length, 255);
    assert.equal(field('Potential__c', 'Source__c').defaultValue, 'Sales');
    assert.equal(field('Brand_Detail__c', 'VG_Ever_Had_Share__c').defaultValue, false);
    assert.deepEqual(field('Potential__c', 'Key__c').unique, { caseSensitive: false });

    assert.equal(schema.objects.get('Potential__c')!.nameField.kind, 'autoNumber');
    assert.equal(field('Account', 'Name').required, true);
    for (const system of ['Id', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp']) {
        assert.equal(field('Account', system).updateable, false, system);
    }
});

test('schema: the Units_Not_Negative validation rule is read from its formula', () => {
    const [rule] = schema.objects.get('Potential__c')!.validationRules;
    assert.equal(rule?.name, 'Units_Not_Negative');
    assert.equal(rule.errorDisplayField, 'Units__c');
    assert.equal(rule.violatedBy({ Units__c: -1 }), true);
    assert.equal(rule.violatedBy({ Units__c: 0 }), false);
    assert.equal(rule.violatedBy({ Units__c: null }), false);
});

test('schema: a validation rule the stand-in cannot evaluate stops it instead of being ignored', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'standin-metadata-'));
    try {
        cpSync(METADATA_DIR, root, {
            recursive: true,
            filter: (source) => !source.includes(`${path.sep}lwc`)
        });
        writeFileSync(
            path.join(root, 'objects/Potential__c/validationRules/Key_Required.validationRule-meta.xml'),
            '<?xml version="1.0" encoding="UTF-8"?><ValidationRule xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>Key_Required</fullName>' +
                '<active>true</active><errorConditionFormula>ISBLANK(Key__c)</errorConditionFormula><errorMessage>Key!</errorMessage></ValidationRule>'
        );
        assert.throws(
            () => readOrgSchema(root),
            /validation rule formula not supported by the stand-in: ISBLANK\(Key__c\)/
        );
    } finally {
        rmSync(root, { recursive: true, force: true });
    }
});

test('values: numbers round half up to the field scale; out-of-range, too long and bad picklist values are refused', () => {
    assert.equal(roundHalfUp(4.765, 2), 4.77);
    assert.equal(roundHalfUp(1.005, 2), 1.01);
    assert.equal(roundHalfUp(-2.5, 0), -3);
    assert.equal(roundHalfUp(25, 2), 25);
    const share = field('Brand_Detail__c', 'VG_Potential_Share__c');
    assert.equal(parseValue(share, '4.761'), 4.76);
    assert.deepEqual(parseValue(share, 'abc'), { mismatch: 'double' });
    assert.equal(checkValue(share, 999.99), undefined);
    assert.equal(checkValue(share, 1000)?.statusCode, 'NUMBER_OUTSIDE_VALID_RANGE');
    assert.equal(
        checkValue(field('Brand_Detail__c', 'Classification_Reason__c'), 'x'.repeat(256))?.statusCode,
        'STRING_TOO_LONG'
    );
    assert.deepEqual(checkValue(field('Account', 'Product_Focus__c'), 'Ketels;Zonnepanelen'), {
        statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        message: 'bad value for restricted picklist field: Zonnepanelen',
        fields: ['Product_Focus__c']
    });
    const date = field('Brand_Detail__c', 'Last_Visit_Date__c');
    assert.equal(parseValue(date, '2028-02-29'), '2028-02-29');
    assert.deepEqual(parseValue(date, '2026-02-29'), { mismatch: 'date' });
    const datetime = field('Brand_Detail__c', 'Classified_At__c');
    assert.equal(parseValue(datetime, '2026-11-25T02:00:00.000+01:00'), '2026-11-25T01:00:00.000Z');
    assert.deepEqual(parseValue(datetime, '2026-11-25'), { mismatch: 'dateTime' });
});
