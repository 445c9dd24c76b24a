import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../scripts/lib/config.ts';
import { readPicklists } from '../../scripts/lib/picklists.ts';
import { check, recordSchemas } from '../../scripts/lib/reclassify/records.ts';

const picklists = readPicklists();
const config = loadConfig(undefined, picklists);
const account = {
    Id: '001000000000001AAA',
    Name: 'De heer R. Loon',
    Company_Size__c: '2. 3 - 5 medewerkers',
    Market_Type__c: 'Renovatie',
    Product_Focus__c: 'Ketels',
    Services__c: 'Installatie;Onderhoud en Service',
    Revenue_12M__c: '42000',
    VG_Units_12M__c: '8'
};
const potential = {
    Id: 'a02000000000001AAA',
    Account__c: '001000000000001AAA',
    Product_Group__c: 'Ketels',
    Brand__c: 'Vaillant',
    Units__c: '6',
    Source__c: 'Schatting',
    Key__c: '001000000000001AAA|Ketels|Vaillant'
};
const brandDetail = {
    Id: 'a01000000000001AAA',
    Account__c: '001000000000001AAA',
    Brand__c: 'Vaillant',
    Last_Visit_Date__c: '2026-10-01',
    Classification_Locked__c: 'false',
    Customer_Type__c: 'Grow',
    Potential_Segment__c: '',
    VG_Potential_Share__c: '80.00',
    Boiler_Potential__c: '200',
    Potential_Source__c: '',
    Value_Type__c: '',
    Classification_Reason__c: '',
    Next_Visit_Due__c: '',
    VG_Units_To_Next_Type__c: '',
    VG_Ever_Had_Share__c: '1'
};

const problemsOf = (result: ReturnType<typeof check>) =>
    result.ok ? [] : result.problems.map((problem) => `${problem.field}: ${problem.reason}`);

test('records: CSV text and REST values give the same typed record, blanks as null', () => {
    const schemas = recordSchemas(config, picklists);
    const fromCsv = check(schemas.account, { ...account, Market_Type__c: '' });
    const fromRest = check(schemas.account, {
        ...account,
        Market_Type__c: null,
        Revenue_12M__c: 42000,
        VG_Units_12M__c: 8
    });
    for (const result of [fromCsv, fromRest]) {
        assert.deepEqual(result, {
            ok: true,
            record: {
                Id: '001000000000001AAA',
                Name: 'De heer R. Loon',
                Company_Size__c: '2. 3 - 5 medewerkers',
                Market_Type__c: null,
                Product_Focus__c: ['Ketels'],
                Services__c: ['Installatie', 'Onderhoud en Service'],
                Revenue_12M__c: 42000,
                VG_Units_12M__c: 8
            }
        });
    }
    const detail = check(schemas.brandDetail, brandDetail);
    assert.ok(detail.ok);
    assert.equal(detail.record.Classification_Locked__c, false);
    assert.equal(detail.record.VG_Ever_Had_Share__c, true);
    assert.equal(detail.record.Customer_Type__c, 'Grow', 'stored values as they are');
    const rest = check(schemas.brandDetail, {
        ...brandDetail,
        Classification_Locked__c: true,
        VG_Ever_Had_Share__c: null,
        Last_Visit_Date__c: null
    });
    assert.ok(rest.ok);
    assert.deepEqual(
        [
            rest.record.Classification_Locked__c,
            rest.record.VG_Ever_Had_Share__c,
            rest.record.Last_Visit_Date__c
        ],
        [true, false, null]
    );
});

test('records: a bad value gives its per-field problems, with the field and the reason', () => {
    const schemas = recordSchemas(config, picklists);
    const bad = { ...potential, Units__c: '-3', Brand__c: 'Buderus', Product_Group__c: '' };
    const expected = [
        'Product_Group__c: is required',
        `Brand__c: Buderus is not one of ${[...config.vgBrands, ...config.competitorBrands].join(', ')}`,
        'Units__c: is negative'
    ];
    assert.deepEqual(problemsOf(check(schemas.potential, { ...bad })), expected);
    assert.deepEqual(problemsOf(check(schemas.potential, { ...potential, Units__c: 'veel' })), [
        'Units__c: is not a number'
    ]);
    assert.deepEqual(problemsOf(check(schemas.potential, { ...potential, Units__c: -1 })), [
        'Units__c: is negative'
    ]);
    assert.deepEqual(problemsOf(check(schemas.account, { ...account, Services__c: 'Installatie;Koffie' })), [
        `Services__c.1: Koffie is not one of ${picklists.services.join(', ')}`
    ]);
    assert.deepEqual(
        problemsOf(check(schemas.brandDetail, { ...brandDetail, Classification_Locked__c: 'ja' })),
        ['Classification_Locked__c: Invalid input: expected boolean, received string']
    );
});

test('records: each record has its own multi-select list', () => {
    const schemas = recordSchemas(config, picklists);
    const first = check(schemas.account, { ...account });
    const second = check(schemas.account, { ...account });
    assert.ok(first.ok && second.ok);
    first.record.Services__c.push('Advies');
    assert.deepEqual(second.record.Services__c, ['Installatie', 'Onderhoud en Service']);
});

test('records: a date that is not YYYY-MM-DD is reported', () => {
    const schemas = recordSchemas(config, picklists);
    assert.deepEqual(
        problemsOf(check(schemas.brandDetail, { ...brandDetail, Last_Visit_Date__c: '1-2-2026' })),
        ['Last_Visit_Date__c: is not a date (YYYY-MM-DD)']
    );
});

test('records: a missing field is reported by field', () => {
    const schemas = recordSchemas(config, picklists);
    const { Account__c: _account, ...withoutAccount } = potential;
    assert.deepEqual(problemsOf(check(schemas.potential, withoutAccount)), [
        'Account__c: Invalid input: expected string, received undefined'
    ]);
});
