import {
    addPotentialRow,
    emptyBoilerPotential,
    isBoilerRow,
    isEnteredBySales,
    type BoilerPotential,
    type PotentialRow,
    type SegmentationConfig
} from '../../../force-app/main/default/lwc/segmentRules/segmentRules.js';
import type { Picklists } from '../picklists.ts';
import type { AccountRecord } from './records.ts';

import { Column, Dictionary, SmallIntColumn, TextColumn, TextIndex } from '../storage/columns.ts';

const NONE = -1;

type MaskArray = Uint8Array | Uint16Array | Int32Array;

const FLAG_SALES_BOILER = 1;
const FLAG_ANY_BOILER = 2;
const FLAG_EVER_HAD_SHARE = 4;
const FLAG_ESTIMATED = 8;
/** A rejected input row of the installer: nothing of it is written tonight. */
const FLAG_HELD = 16;
/** It has a brand detail the run may write (not locked by sales). */
const FLAG_WRITABLE = 32;
/** A brand detail claims an estimated potential other than the installer's estimate rows add up to. */
const FLAG_ESTIMATE_INCOMPLETE = 64;

function codeOf(values: readonly string[], value: string | null): number {
    return value === null ? NONE : values.indexOf(value);
}

function maskOf(values: readonly string[], selected: readonly string[]): number {
    let mask = 0;
    for (const value of selected) mask |= 1 << values.indexOf(value);
    return mask;
}

/** The rank of an Id character in ASCII order (0-9, A-Z, a-z), the order of Salesforce Ids. */
function idRank(code: number): number {
    return code <= 57 ? code - 48 : code <= 90 ? code - 55 : code - 61;
}

/** A potential row as the table takes it: the rules' row, and whether it carries its own Key__c. */
export type TableRow = PotentialRow & { id: string; keyed: boolean };

/**
 * Every installer of a run in compact columns: the account inputs the rules and the estimator need, its
 * boiler potential per brand, aggregated while the potential rows stream by, and what the run may do with it.
 */
export class InstallerTable {
    /** Brands in column order: the VG brands first, then the competitors. */
    readonly brands: readonly string[];
    readonly vgBrandCount: number;
    private readonly ids = new TextIndex();
    private readonly names = new TextColumn();
    /** Picklist positions (-1 = blank): a handful of values each. */
    private readonly companySizes: Column<Int8Array | Int32Array>;
    private readonly marketTypes: Column<Int8Array | Int32Array>;
    private readonly focusMasks: Column<MaskArray>;
    private readonly serviceMasks: Column<MaskArray>;
    private readonly revenues: Column<Float64Array>;
    private readonly vgUnitsBought: Column<Float64Array>;
    private readonly flags: Column<Uint8Array>;
    /** Per brand: a boiler row that is not the sales' and carries its Key__c (an upsert on that key updates it). */
    private readonly keyedRowMasks: Column<MaskArray>;
    /** Per brand: a boiler row that is not the sales' and lacks its Key__c (it is given its key by Id). */
    private readonly keylessRowMasks: Column<MaskArray>;
    /** Those keyless rows' Ids by installer x brand cell: rare, so a map. */
    private readonly keylessRowIds = new Map<number, number>();
    private readonly keylessIdText = new TextColumn();
    /** Why an installer is held: row + 1 in heldReasons (0: not held). */
    private readonly heldAt: Column<Int32Array>;
    private readonly heldReasons = new TextColumn();
    /** The account's owner (--create-tasks): a few hundred account managers, a code each. */
    private readonly owners = new SmallIntColumn();
    private readonly ownerIds = new Dictionary();
    private readonly units: SmallIntColumn;
    private readonly columns: { ensure(rows: number): void }[];

    constructor(
        readonly config: SegmentationConfig,
        readonly picklists: Picklists
    ) {
        this.brands = [...config.vgBrands, ...config.competitorBrands];
        this.vgBrandCount = config.vgBrands.length;
        const float = () => new Column((n) => new Float64Array(n), new Float64Array(1024));
        // A bit per value: a byte holds the few values a picklist or the brands have.
        const mask = (bits: number) => {
            const make = (n: number): MaskArray =>
                bits <= 8 ? new Uint8Array(n) : bits <= 16 ? new Uint16Array(n) : new Int32Array(n);
            return new Column<MaskArray>(make, make(1024));
        };
        const code = (values: readonly string[]) =>
            values.length < 127
                ? new Column<Int8Array | Int32Array>((n) => new Int8Array(n), new Int8Array(1024))
                : new Column<Int8Array | Int32Array>((n) => new Int32Array(n), new Int32Array(1024));
        this.companySizes = code(picklists.companySizes);
        this.marketTypes = code(picklists.marketTypes);
        this.focusMasks = mask(picklists.productFocus.length);
        this.serviceMasks = mask(picklists.services.length);
        this.revenues = float();
        this.vgUnitsBought = float();
        this.flags = new Column((n) => new Uint8Array(n), new Uint8Array(1024));
        this.keyedRowMasks = mask(this.brands.length);
        this.keylessRowMasks = mask(this.brands.length);
        this.heldAt = new Column((n) => new Int32Array(n), new Int32Array(1024));
        this.units = new SmallIntColumn(this.brands.length);
        this.columns = [
            this.companySizes,
            this.marketTypes,
            this.focusMasks,
            this.serviceMasks,
            this.revenues,
            this.vgUnitsBought,
            this.flags,
            this.keyedRowMasks,
            this.keylessRowMasks,
            this.heldAt,
            this.owners,
            this.units
        ];
    }

    get size(): number {
        return this.ids.size;
    }

    indexOf(accountId: string): number | undefined {
        return this.ids.get(accountId);
    }

    id(index: number): string {
        return this.ids.values.get(index) ?? '';
    }

    /** The installers' Ids alone (see DetailAccounts). */
    get idColumn(): TextColumn {
        return this.ids.values;
    }

    name(index: number): string | null {
        return this.names.get(index);
    }

    /** Adds an installer; returns its index, or undefined when the Id was seen before. */
    add(account: AccountRecord): number | undefined {
        const index = this.addId(account.Id, account.Name);
        if (index === undefined) return undefined;
        const { picklists } = this;
        this.companySizes.data[index] = codeOf(picklists.companySizes, account.Company_Size__c);
        this.marketTypes.data[index] = codeOf(picklists.marketTypes, account.Market_Type__c);
        this.focusMasks.data[index] = maskOf(picklists.productFocus, account.Product_Focus__c);
        this.serviceMasks.data[index] = maskOf(picklists.services, account.Services__c);
        this.revenues.data[index] = account.Revenue_12M__c ?? Number.NaN;
        this.vgUnitsBought.data[index] = account.VG_Units_12M__c ?? Number.NaN;
        if ('OwnerId' in account && typeof account.OwnerId === 'string')
            this.owners.set(index, this.ownerIds.encode(account.OwnerId));
        return index;
    }

    /** The account's owner, when the run read it (--create-tasks). */
    ownerId(index: number): string | null {
        return this.ownerIds.decode(this.owners.data[index] ?? 0);
    }

    /**
     * Adds an installer whose account row was rejected, held: its potential rows and brand details still find
     * it, so that they are reported as held rather than as belonging to no installer.
     */
    addHeld(accountId: string, because: string): number | undefined {
        const index = this.addId(accountId, null);
        if (index !== undefined) this.hold(index, because);
        return index;
    }

    private addId(accountId: string, name: string | null): number | undefined {
        const index = this.ids.add(accountId);
        if (index === undefined) return undefined;
        for (const column of this.columns) column.ensure(index + 1);
        this.names.push(name);
        this.revenues.data[index] = Number.NaN;
        this.vgUnitsBought.data[index] = Number.NaN;
        return index;
    }

    /** Company size as an index into picklists.companySizes, -1 when blank. */
    companySize(index: number): number {
        return this.companySizes.data[index] ?? NONE;
    }
    /** Market type as an index into picklists.marketTypes, -1 when blank. */
    marketType(index: number): number {
        return this.marketTypes.data[index] ?? NONE;
    }
    /** Bit i set when picklists.productFocus[i] is selected. */
    productFocusMask(index: number): number {
        return this.focusMasks.data[index] ?? 0;
    }
    /** Bit i set when picklists.services[i] is selected. */
    servicesMask(index: number): number {
        return this.serviceMasks.data[index] ?? 0;
    }
    revenue12m(index: number): number | null {
        const value = this.revenues.data[index] ?? Number.NaN;
        return Number.isNaN(value) ? null : value;
    }
    vgUnits12m(index: number): number | null {
        const value = this.vgUnitsBought.data[index] ?? Number.NaN;
        return Number.isNaN(value) ? null : value;
    }

    private hasFlag(index: number, flag: number): boolean {
        return ((this.flags.data[index] ?? 0) & flag) !== 0;
    }
    private setFlag(index: number, flag: number): void {
        this.flags.data[index] = (this.flags.data[index] ?? 0) | flag;
    }

    /**
     * Adds one potential row of the installer: a boiler row (segmentRules decides which rows are) counts
     * towards its potential per brand. A boiler row that is not the sales' is an earlier estimate row, which
     * a new estimate of the installer overwrites: by its Key__c, or by its Id when it lacks the key.
     */
    addPotentialRow(index: number, row: TableRow): void {
        if (!isBoilerRow(row, this.config)) return;
        const brand = this.brands.indexOf(row.brand);
        const cell = index * this.brands.length + brand;
        this.units.set(cell, (this.units.data[cell] ?? 0) + row.units);
        this.setFlag(index, FLAG_ANY_BOILER);
        if (isEnteredBySales(row, this.config)) {
            this.setFlag(index, FLAG_SALES_BOILER);
        } else if (row.keyed) {
            this.keyedRowMasks.data[index] = (this.keyedRowMasks.data[index] ?? 0) | (1 << brand);
        } else {
            this.keylessRowMasks.data[index] = (this.keylessRowMasks.data[index] ?? 0) | (1 << brand);
            this.keylessRowIds.set(cell, this.keylessIdText.push(row.id));
        }
    }

    hasBoilerRows(index: number): boolean {
        return this.hasFlag(index, FLAG_ANY_BOILER);
    }
    hasSalesBoilerRows(index: number): boolean {
        return this.hasFlag(index, FLAG_SALES_BOILER);
    }
    /** Bit b set when the installer has an earlier estimate row for brands[b] that carries its Key__c. */
    keyedRowMask(index: number): number {
        return this.keyedRowMasks.data[index] ?? 0;
    }
    /** Bit b set when the installer has an earlier estimate row for brands[b], with or without its Key__c. */
    estimateRowMask(index: number): number {
        return (this.keyedRowMasks.data[index] ?? 0) | (this.keylessRowMasks.data[index] ?? 0);
    }
    /** The Id of the installer's earlier estimate row for brands[brand] that lacks its Key__c, if any. */
    keylessRowId(index: number, brand: number): string | undefined {
        const row = this.keylessRowIds.get(index * this.brands.length + brand);
        return row === undefined ? undefined : (this.keylessIdText.get(row) ?? undefined);
    }
    /** Boiler units of one brand (index into brands). */
    boilerUnits(index: number, brandIndex: number): number {
        return this.units.data[index * this.brands.length + brandIndex] ?? 0;
    }

    /** Replaces the installer's boiler potential with an estimate (whole units per brand, in brands order). */
    setEstimate(index: number, unitsByBrand: ArrayLike<number>): void {
        const offset = index * this.brands.length;
        for (let brand = 0; brand < this.brands.length; brand++) {
            this.units.set(offset + brand, unitsByBrand[brand] ?? 0);
        }
        this.setFlag(index, FLAG_ESTIMATED | FLAG_ANY_BOILER);
        this.flags.data[index] = (this.flags.data[index] ?? 0) & ~FLAG_SALES_BOILER;
    }
    isEstimated(index: number): boolean {
        return this.hasFlag(index, FLAG_ESTIMATED);
    }

    markEverHadShare(index: number): void {
        this.setFlag(index, FLAG_EVER_HAD_SHARE);
    }
    everHadShare(index: number): boolean {
        return this.hasFlag(index, FLAG_EVER_HAD_SHARE);
    }

    /** The installer has a brand detail the run may write (one not locked by sales). */
    markWritable(index: number): void {
        this.setFlag(index, FLAG_WRITABLE);
    }
    isWritable(index: number): boolean {
        return this.hasFlag(index, FLAG_WRITABLE);
    }

    /** One of its brand details claims an estimate its estimate rows do not add up to: a night stopped midway. */
    markEstimateIncomplete(index: number): void {
        this.setFlag(index, FLAG_ESTIMATE_INCOMPLETE);
    }
    isEstimateIncomplete(index: number): boolean {
        return this.hasFlag(index, FLAG_ESTIMATE_INCOMPLETE);
    }

    /** Holds the installer: nothing of it is written tonight. The first reason is the one reported. */
    hold(index: number, because: string): void {
        if (this.isHeld(index)) return;
        this.setFlag(index, FLAG_HELD);
        this.heldAt.data[index] = this.heldReasons.push(because) + 1;
    }
    isHeld(index: number): boolean {
        return this.hasFlag(index, FLAG_HELD);
    }
    /** Why the installer is held: the first rejected row of it. */
    heldBecause(index: number): string | null {
        const at = this.heldAt.data[index] ?? 0;
        return at === 0 ? null : this.heldReasons.get(at - 1);
    }

    /** The installer's boiler potential as the rules module adds it up, one brand's units at a time. */
    potential(index: number): BoilerPotential {
        const potential = emptyBoilerPotential();
        for (let brand = 0; brand < this.brands.length; brand++) {
            const row = {
                productGroup: this.config.boilerProductGroup,
                brand: this.brands[brand] ?? '',
                units: this.boilerUnits(index, brand),
                source: null
            };
            addPotentialRow(potential, row, this.config);
        }
        potential.enteredBySales = this.hasSalesBoilerRows(index);
        return potential;
    }

    /**
     * The installers in the order of their Ids (ASCII, as Salesforce sorts them): the order of every file the
     * run writes, so that records of one Account come together and parallel Bulk API chunks never wait for the
     * same parent's lock. Sorted on two exact numbers per Id (its first 15 characters in base 62).
     */
    idOrder(): Int32Array {
        const high = new Float64Array(this.size);
        const low = new Float64Array(this.size);
        const ids = this.ids.values;
        for (let index = 0; index < this.size; index++) {
            let value = 0;
            for (let at = 0; at < 8; at++) value = value * 62 + idRank(ids.byteAt(index, at));
            high[index] = value;
            value = 0;
            for (let at = 8; at < 15; at++) value = value * 62 + idRank(ids.byteAt(index, at));
            low[index] = value;
        }
        const order = new Int32Array(this.size);
        for (let index = 0; index < order.length; index++) order[index] = index;
        return order.sort((a, b) => high[a]! - high[b]! || low[a]! - low[b]!);
    }
}
