import {
    sharePercent,
    type BoilerPotential,
    type FieldValues,
    type SegmentationConfig
} from '../../../force-app/main/default/lwc/segmentRules/segmentRules.js';
import { Column, Dictionary, SmallIntColumn, TextColumn } from '../storage/columns.ts';
import type { BrandDetailRecord } from './records.ts';

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

const PICKLIST_FIELDS = [
    'Customer_Type__c',
    'Potential_Segment__c',
    'Potential_Source__c',
    'Value_Type__c',
    'Next_Visit_Due__c'
] as const;
const NO_REASON = -1;
const LOCKED = 1;
const EVER_HAD_SHARE = 2;

const int32 = () => new Column((n) => new Int32Array(n), new Int32Array(1024));
const float64 = () => new Column((n) => new Float64Array(n), new Float64Array(1024));

/** A stored number, NaN when blank. */
function orNull(value: number | undefined): number | null {
    return value === undefined || Number.isNaN(value) ? null : value;
}

function text(value: unknown): string | null {
    return value === null || value === undefined || value === '' ? null : String(value);
}

function numeric(value: unknown): number {
    const parsed = text(value);
    return parsed === null ? Number.NaN : Number(parsed);
}

/**
 * Whose brand details they are, by Id: all the write stage keeps of the tables. At 1M the tables hold ~200 MB,
 * which must not stay beside the ingest parts; these columns ~50 MB.
 */
export class DetailAccounts {
    constructor(
        private readonly detailIds: TextColumn,
        private readonly accounts: Int32Array,
        private readonly accountIds: TextColumn
    ) {}

    /** The Account Ids of the given brand details. */
    of(detailIds: ReadonlySet<string>): Set<string> {
        const accounts = new Set<string>();
        for (let detail = 0; detail < this.detailIds.size; detail++) {
            if (detailIds.has(this.detailIds.get(detail) ?? ''))
                accounts.add(this.accountIds.get(this.accounts[detail] ?? -1) ?? '');
        }
        return accounts;
    }
}

/**
 * Every brand detail of a run, as stored in the org, in compact columns: enough to recompute it and to tell
 * field by field what changed, without an object per record.
 */
export class BrandDetailTable {
    private readonly ids = new TextColumn();
    private readonly accounts = int32();
    private readonly brands = new SmallIntColumn();
    private readonly lastVisits = new SmallIntColumn();
    private readonly flags = new Column((n) => new Uint8Array(n), new Uint8Array(1024));
    private readonly shares = float64();
    private readonly potentials = float64();
    private readonly unitsToNextType = float64();
    private readonly reasons = float64();
    /** Dictionary codes: a few thousand values (picklists, dates) in all. */
    private readonly picklists: Record<(typeof PICKLIST_FIELDS)[number], SmallIntColumn> = {
        Customer_Type__c: new SmallIntColumn(),
        Potential_Segment__c: new SmallIntColumn(),
        Potential_Source__c: new SmallIntColumn(),
        Value_Type__c: new SmallIntColumn(),
        Next_Visit_Due__c: new SmallIntColumn()
    };
    private readonly columns = [
        this.accounts,
        this.brands,
        this.lastVisits,
        this.flags,
        this.shares,
        this.potentials,
        this.unitsToNextType,
        this.reasons,
        ...Object.values(this.picklists)
    ];
    private readonly dictionary = new Dictionary();

    get size(): number {
        return this.ids.size;
    }

    add(record: BrandDetailRecord, accountIndex: number): number {
        const index = this.ids.push(record.Id);
        for (const column of this.columns) column.ensure(index + 1);
        this.accounts.data[index] = accountIndex;
        this.brands.set(index, this.dictionary.encode(record.Brand__c));
        this.lastVisits.set(index, this.dictionary.encode(record.Last_Visit_Date__c));
        this.flags.data[index] =
            (record.Classification_Locked__c ? LOCKED : 0) |
            (record.VG_Ever_Had_Share__c ? EVER_HAD_SHARE : 0);
        this.shares.data[index] = numeric(record.VG_Potential_Share__c);
        this.potentials.data[index] = numeric(record.Boiler_Potential__c);
        this.unitsToNextType.data[index] = numeric(record.VG_Units_To_Next_Type__c);
        const reason = text(record.Classification_Reason__c);
        this.reasons.data[index] = reason === null ? NO_REASON : hashText(reason);
        for (const field of PICKLIST_FIELDS) {
            this.picklists[field].set(index, this.dictionary.encode(text(record[field])));
        }
        return index;
    }

    id(index: number): string {
        return this.ids.get(index) ?? '';
    }
    accountIndex(index: number): number {
        return index < this.size ? (this.accounts.data[index] ?? -1) : -1;
    }
    brand(index: number): string | null {
        return this.dictionary.decode(this.brands.data[index] ?? 0);
    }
    lastVisitDate(index: number): string | null {
        return this.dictionary.decode(this.lastVisits.data[index] ?? 0);
    }
    isLocked(index: number): boolean {
        return ((this.flags.data[index] ?? 0) & LOCKED) !== 0;
    }
    customerType(index: number): string | null {
        return this.dictionary.decode(this.picklists.Customer_Type__c.data[index] ?? 0);
    }
    segment(index: number): string | null {
        return this.dictionary.decode(this.picklists.Potential_Segment__c.data[index] ?? 0);
    }

    /**
     * The stored owned values as the rules module compares them. The explanation is only known by its hash:
     * it reads as `computedReason` when the hashes match and as a marker that matches nothing otherwise.
     */
    stored(index: number, computedReason: string | null): FieldValues {
        const storedReason = this.reasons.data[index] ?? NO_REASON;
        const values: FieldValues = {
            Classification_Locked__c: this.isLocked(index),
            VG_Ever_Had_Share__c: this.everHadShare(index),
            VG_Potential_Share__c: orNull(this.shares.data[index]),
            Boiler_Potential__c: orNull(this.potentials.data[index]),
            VG_Units_To_Next_Type__c: orNull(this.unitsToNextType.data[index]),
            Classification_Reason__c:
                storedReason === NO_REASON
                    ? null
                    : computedReason !== null && hashText(computedReason) === storedReason
                      ? computedReason
                      : '\u0000changed'
        };
        for (const field of PICKLIST_FIELDS) {
            values[field] = this.dictionary.decode(this.picklists[field].data[index] ?? 0);
        }
        return values;
    }

    everHadShare(index: number): boolean {
        return ((this.flags.data[index] ?? 0) & EVER_HAD_SHARE) !== 0;
    }

    /** Whether the record carries a classification now (a type or a segment): one a run could clear. */
    isClassified(index: number): boolean {
        return this.customerType(index) !== null || this.segment(index) !== null;
    }

    /**
     * Whether the record says it was classified from an estimated potential (Potentie berekening): then its
     * Totale ketelpotentie and VG share are what the run that wrote it computed from the estimate it wrote next.
     */
    claimsEstimate(index: number, config: SegmentationConfig): boolean {
        const source = this.dictionary.decode(this.picklists.Potential_Source__c.data[index] ?? 0);
        return source === config.potentialSourceLabels.estimated;
    }

    /**
     * Whether the record's Totale ketelpotentie and VG share are those of `potential`. A run writes brand details
     * before estimate rows, so a brand detail that claims an estimate its installer's rows do not add up to is
     * what a night that stopped between the two, or amid the estimate rows, leaves behind.
     */
    claimsPotential(index: number, potential: BoilerPotential): boolean {
        return (
            orNull(this.potentials.data[index]) === potential.total &&
            orNull(this.shares.data[index]) === sharePercent(potential.vg, potential.total)
        );
    }

    /** Whose these brand details are, given the installers' Ids (InstallerTable.idColumn). */
    detailAccounts(accountIds: TextColumn): DetailAccounts {
        return new DetailAccounts(this.ids, this.accounts.data, accountIds);
    }

    /** The records grouped by installer: for installer i, rows[start[i]] up to rows[start[i + 1]]. */
    byInstaller(installers: number): { start: Int32Array; rows: Int32Array } {
        const start = new Int32Array(installers + 1);
        for (let index = 0; index < this.size; index++) {
            const after = this.accountIndex(index) + 1;
            start[after] = (start[after] ?? 0) + 1;
        }
        for (let installer = 1; installer <= installers; installer++) {
            start[installer] = (start[installer] ?? 0) + (start[installer - 1] ?? 0);
        }
        const next = start.slice(0, installers);
        const rows = new Int32Array(this.size);
        for (let index = 0; index < this.size; index++) {
            const installer = this.accountIndex(index);
            const at = next[installer] ?? 0;
            rows[at] = index;
            next[installer] = at + 1;
        }
        return { start, rows };
    }
}
