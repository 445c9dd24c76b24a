import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
    plannedUpdate,
    type FieldValues
} from '../../force-app/main/default/lwc/segmentRules/segmentRules.js';
import { BrandDetailTable } from '../../scripts/lib/reclassify/brandDetails.ts';
import type { BrandDetailRecord } from '../../scripts/lib/reclassify/records.ts';

const CLOCK = { now: '2026-11-25T01:00:00.000Z', today: '2026-11-25' };

function detail(share: unknown, potential: unknown, unitsToNextType: unknown): BrandDetailRecord {
    return {
        Id: 'a01000000000001AAA',
        Account__c: '001000000000001AAA',
        Brand__c: 'Vaillant',
        Last_Visit_Date__c: null,
        Classification_Locked__c: false,
        Customer_Type__c: 'Grow',
        Potential_Segment__c: '10+',
        VG_Potential_Share__c: share,
        Boiler_Potential__c: potential,
        Potential_Source__c: null,
        Value_Type__c: null,
        Classification_Reason__c: null,
        Next_Visit_Due__c: null,
        VG_Units_To_Next_Type__c: unitsToNextType,
        VG_Ever_Had_Share__c: false
    };
}

/** The number as the table read it before: blank or not a number is null, anything else Number(text). */
function asRead(value: unknown): number | null {
    const number = value === null || value === '' ? Number.NaN : Number(String(value));
    return Number.isNaN(number) ? null : number;
}

test('stored numbers (share, potential, VG boilers to the next type) compare as the values read, whatever the text or number (property)', () => {
    const value = fc.oneof(
        fc.constantFrom(
            '',
            null,
            '0',
            '-0',
            '80.00',
            '4.76',
            '0.285',
            '1e300',
            '-1e300',
            'Infinity',
            'veel',
            '2147483647'
        ),
        fc.double({ noNaN: false }),
        fc.integer(),
        fc.integer({ min: -1e6, max: 1e6 }).map((n) => (n / 100).toFixed(2)),
        fc.integer({ min: 0, max: 1e7 }).map(String)
    );
    fc.assert(
        fc.property(
            value,
            value,
            value,
            fc.option(value),
            fc.option(value),
            fc.option(value),
            (share, potential, units, otherShare, otherPotential, otherUnits) => {
                // Computed as read (no change), or something else.
                const table = new BrandDetailTable();
                table.add(detail(share, potential, units), 0);
                const stored = table.stored(0, null);
                const read: FieldValues = {
                    ...stored,
                    VG_Potential_Share__c: asRead(share),
                    Boiler_Potential__c: asRead(potential),
                    VG_Units_To_Next_Type__c: asRead(units)
                };
                const computed: FieldValues = {
                    ...read,
                    VG_Potential_Share__c: asRead(otherShare ?? share),
                    Boiler_Potential__c: asRead(otherPotential ?? potential),
                    VG_Units_To_Next_Type__c: asRead(otherUnits ?? units)
                };
                assert.deepEqual(
                    plannedUpdate(stored, computed, CLOCK),
                    plannedUpdate(read, computed, CLOCK)
                );
            }
        ),
        { numRuns: 2000 }
    );
});
