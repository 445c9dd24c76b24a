import type { FieldValues } from '../../force-app/main/default/lwc/segmentRules/segmentRules.js';
import type { BrandDetailRecord } from './records.ts';

/** Strings with few distinct values (picklists, dates) stored once, each record holding a code. */
class Dictionary {
    private readonly values: (string | null)[] = [null];
    private readonly codes = new Map<string | null, number>([[null, 0]]);
    encode(value: string | null): number {
        let code = this.codes.get(value);
        if (code === undefined) {
            code = this.values.length;
            this.values.push(value);
            this.codes.set(value, code);
        }
        return code;
    }
    decode(code: number): string | null {
        return this.values[code] ?? null;
    }
}

/** 53-bit FNV-style hash: the explanation is compared, not kept (a million sentences would not fit the budget). */
function hashText(text: string): number {
    let high = 0x811c9dc5;
    let low = 0x01000193;
    for (let index = 0; index < text.length; index++) {
        const char = text.charCodeAt(index);
        high = Math.imul(high ^ char, 0x01000193) >>> 0;
        low = Math.imul(low ^ char, 0x5bd1e995) >>> 0;
    }
    return (high & 0x1fffff) * 0x100000000 + low;
}

const PICKLIST_FIELDS = ['Customer_Type__c', 'Potential_Segment__c', 'Potential_Source__c', 'Value_Type__c', 'Next_Visit_Due__c'] as const;
const NO_REASON = -1;

function text(value: unknown): string | null {
    return value === null || value === undefined || value === '' ? null : String(value);
}

function numeric(value: unknown): number {
    const parsed = text(value);
    return parsed === null ? Number.NaN : Number(parsed);
}

/**
 * Every brand detail of a run, as stored in the org, in compact columns: enough to recompute it and to tell
 * field by field what changed, without an object per record.
 */
export class BrandDetailTable {
    private readonly ids: string[] = [];
    private readonly accounts: number[] = [];
    private readonly brands: number[] = [];
    private readonly lastVisits: number[] = [];
    private readonly locked: boolean[] = [];
    private readonly everHad: boolean[] = [];
    private readonly shares: number[] = [];
    private readonly potentials: number[] = [];
    private readonly reasons: number[] = [];
    private readonly picklists: Record<(typeof PICKLIST_FIELDS)[number], number[]> = {
        Customer_Type__c: [],
        Potential_Segment__c: [],
        Potential_Source__c: [],
        Value_Type__c: [],
        Next_Visit_Due__c: []
    };
    private readonly dictionary = new Dictionary();

    get size(): number {
        return this.ids.length;
    }

    add(record: BrandDetailRecord, accountIndex: number): number {
        const index = this.ids.length;
        this.ids.push(record.Id);
        this.accounts.push(accountIndex);
        this.brands.push(this.dictionary.encode(record.Brand__c));
        this.lastVisits.push(this.dictionary.encode(record.Last_Visit_Date__c));
        this.locked.push(record.Classification_Locked__c);
        this.everHad.push(record.VG_Ever_Had_Share__c);
        this.shares.push(numeric(record.VG_Potential_Share__c));
        this.potentials.push(numeric(record.Boiler_Potential__c));
        const reason = text(record.Classification_Reason__c);
        this.reasons.push(reason === null ? NO_REASON : hashText(reason));
        for (const field of PICKLIST_FIELDS) {
            this.picklists[field].push(this.dictionary.encode(text(record[field])));
        }
        return index;
    }

    id(index: number): string {
        return this.ids[index] ?? '';
    }
    accountIndex(index: number): number {
        return this.accounts[index] ?? -1;
    }
    brand(index: number): string | null {
        return this.dictionary.decode(this.brands[index] ?? 0);
    }
    lastVisitDate(index: number): string | null {
        return this.dictionary.decode(this.lastVisits[index] ?? 0);
    }
    isLocked(index: number): boolean {
        return this.locked[index] ?? false;
    }
    customerType(index: number): string | null {
        return this.dictionary.decode(this.picklists.Customer_Type__c[index] ?? 0);
    }
    segment(index: number): string | null {
        return this.dictionary.decode(this.picklists.Potential_Segment__c[index] ?? 0);
    }

    /**
     * The stored owned values as the rules module compares them. The explanation is only known by its hash:
     * it reads as `computedReason` when the hashes match and as a marker that matches nothing otherwise.
     */
    stored(index: number, computedReason: string | null): FieldValues {
        const nan = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? null : value);
        const storedReason = this.reasons[index] ?? NO_REASON;
        const values: FieldValues = {
            Classification_Locked__c: this.isLocked(index),
            VG_Ever_Had_Share__c: this.everHad[index] ?? false,
            VG_Potential_Share__c: nan(this.shares[index]),
            Boiler_Potential__c: nan(this.potentials[index]),
            Classification_Reason__c:
                storedReason === NO_REASON
                    ? null
                    : computedReason !== null && hashText(computedReason) === storedReason
                      ? computedReason
                      : '\u0000changed'
        };
        for (const field of PICKLIST_FIELDS) {
            values[field] = this.dictionary.decode(this.picklists[field][index] ?? 0);
        }
        return values;
    }

    everHadShare(index: number): boolean {
        return this.everHad[index] ?? false;
    }
}
