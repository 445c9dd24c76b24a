import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readOrgSchema } from '../../../scripts/dev/standin/schema.ts';
import { parseSoql, runQuery, SoqlError } from '../../../scripts/dev/standin/soql.ts';
import { Store } from '../../../scripts/dev/standin/store.ts';

const schema = readOrgSchema();
const store = new Store(schema, () => new Date('2026-11-25T01:00:00.000Z'));
const [loon, dekker, obrien] = store.insert('Account', [
    { Name: 'De heer R. Loon', Company_Size__c: '2. 3 - 5 medewerkers', Revenue_12M__c: 14250 },
    { Name: 'Installatiebureau Dekker', Revenue_12M__c: 250000.5 },
    { Name: "O'Brien \\ Zn", Company_Size__c: '1. ZZP 1 - 2 medewerkers' }
]);
store.insert('Brand_Detail__c', [
    {
        Account__c: loon,
        Brand__c: 'Vaillant',
        Last_Visit_Date__c: '2026-11-05',
        Classification_Locked__c: true
    },
    { Account__c: loon, Brand__c: 'AWB' },
    { Account__c: dekker, Brand__c: 'Vaillant', Last_Visit_Date__c: '2026-01-05' }
]);

function names(soql: string): string[] {
    return runQuery(parseSoql(soql, schema), store.all('Account'), '2026-11-25').map((record) =>
        String(record.Name)
    );
}

function count(soql: string, object: string): number {
    return runQuery(parseSoql(soql, schema), store.all(object), '2026-11-25').length;
}

function soqlError(soql: string): SoqlError {
    try {
        parseSoql(soql, schema);
    } catch (error) {
        assert.ok(error instanceof SoqlError, String(error));
        return error;
    }
    throw new Error(`expected ${soql} to be refused`);
}

test('WHERE: text compares without case, != also matches null, IN and NOT IN, numbers, AND', () => {
    assert.deepEqual(names("SELECT Name FROM Account WHERE Name = 'de heer r. loon'"), ['De heer R. Loon']);
    assert.deepEqual(names("SELECT Name FROM Account WHERE Company_Size__c != '2. 3 - 5 medewerkers'"), [
        'Installatiebureau Dekker',
        "O'Brien \\ Zn"
    ]);
    assert.deepEqual(names('SELECT Name FROM Account WHERE Company_Size__c = null'), [
        'Installatiebureau Dekker'
    ]);
    assert.deepEqual(
        names("SELECT Name FROM Account WHERE Company_Size__c IN ('1. ZZP 1 - 2 medewerkers', null)"),
        ['Installatiebureau Dekker', "O'Brien \\ Zn"]
    );
    assert.deepEqual(
        names("SELECT Name FROM Account WHERE Company_Size__c NOT IN ('1. ZZP 1 - 2 medewerkers')"),
        ['De heer R. Loon', 'Installatiebureau Dekker']
    );
    assert.deepEqual(
        names('SELECT Name FROM Account WHERE Revenue_12M__c >= 14250 AND Revenue_12M__c < 250000.5'),
        ['De heer R. Loon']
    );
    assert.deepEqual(names(`SELECT Name FROM Account WHERE Id = '${dekker!.slice(0, 15)}'`), [
        'Installatiebureau Dekker'
    ]);
});

test("string literals: \\' and \\\\ escapes", () => {
    assert.deepEqual(names("SELECT Name FROM Account WHERE Name = 'O\\'Brien \\\\ Zn'"), ["O'Brien \\ Zn"]);
    assert.equal(soqlError("SELECT Name FROM Account WHERE Name = 'a\\qb'").errorCode, 'MALFORMED_QUERY');
    assert.equal(soqlError("SELECT Name FROM Account WHERE Name = 'open").errorCode, 'MALFORMED_QUERY');
});

test('checkbox, date and formula fields filter; ORDER BY puts nulls first ascending; LIMIT; COUNT()', () => {
    assert.equal(
        count('SELECT Id FROM Brand_Detail__c WHERE Classification_Locked__c = true', 'Brand_Detail__c'),
        1
    );
    assert.equal(
        count('SELECT Id FROM Brand_Detail__c WHERE Last_Visit_Date__c > 2026-06-01', 'Brand_Detail__c'),
        1
    );
    assert.equal(
        count('SELECT Id FROM Brand_Detail__c WHERE Days_Since_Last_Visit__c = 20', 'Brand_Detail__c'),
        1
    );
    assert.deepEqual(names('SELECT Name FROM Account ORDER BY Company_Size__c'), [
        'Installatiebureau Dekker',
        "O'Brien \\ Zn",
        'De heer R. Loon'
    ]);
    assert.deepEqual(names('SELECT Name FROM Account ORDER BY Id DESC LIMIT 2'), [
        "O'Brien \\ Zn",
        'Installatiebureau Dekker'
    ]);
    const countQuery = parseSoql("select count() from account where name != 'x'", schema);
    assert.equal(countQuery.count, true);
    assert.equal(obrien!.length, 18);
});

test('errors carry the org codes and its message layout', () => {
    const unknownField = soqlError('SELECT Id, Foo__c FROM Account');
    assert.equal(unknownField.errorCode, 'INVALID_FIELD');
    assert.equal(
        unknownField.message,
        "\nSELECT Id, Foo__c FROM Account\n           ^\nERROR at Row:1:Column:12\nNo such column 'Foo__c' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names."
    );
    assert.equal(soqlError('SELECT Id FROM Potential').errorCode, 'INVALID_TYPE');
    assert.match(
        soqlError('SELECT Id FRM Account').message,
        /ERROR at Row:1:Column:11\nunexpected token: 'FRM'/
    );
    assert.match(soqlError('SELECT Id FROM Account WHERE').message, /unexpected token: '<EOF>'/);
    const quotedNumber = soqlError("SELECT Id FROM Account WHERE Revenue_12M__c = '5'");
    assert.equal(quotedNumber.errorCode, 'INVALID_QUERY_FILTER_OPERATOR');
    assert.match(
        quotedNumber.message,
        /value of filter criterion for field 'Revenue_12M__c' must be of type double and should not be enclosed in quotes/
    );
    assert.match(soqlError("SELECT Id FROM Account WHERE Id = 'nope'").message, /invalid ID field: nope/);
});

test('SOQL outside the subset is refused as MALFORMED_QUERY naming the stand-in, never misread', () => {
    for (const soql of [
        "SELECT Id FROM Account WHERE Name = 'a' OR Name = 'b'",
        "SELECT Id FROM Account WHERE Name LIKE 'a%'",
        'SELECT Account__r.Name FROM Brand_Detail__c',
        'SELECT Id FROM Account GROUP BY Name',
        'SELECT Id FROM Account LIMIT 5 OFFSET 5'
    ]) {
        const error = soqlError(soql);
        assert.equal(error.errorCode, 'MALFORMED_QUERY', soql);
        assert.match(error.message, /not supported by the local Salesforce stand-in/, soql);
    }
});
