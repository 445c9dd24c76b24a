import type {
    BoilerPotential,
    SegmentationConfig
} from '../../force-app/main/default/lwc/segmentRules/segmentRules.js';
import type { Picklists } from './picklists.ts';
import type { AccountRecord } from './records.ts';

const NONE = -1;

/** Growable typed column: a nightly run over a million installers must not hold an object per installer. */
class Column<T extends Int32Array | Float64Array | Uint8Array> {
    constructor(
        private make: (length: number) => T,
        public data: T,
        private readonly width = 1
    ) {}
    ensure(rows: number): void {
        if (rows * this.width > this.data.length) {
            const bigger = this.make(Math.max(rows * this.width, this.data.length * 2));
            bigger.set(this.data);
            this.data = bigger;
        }
    }
}

const FLAG_SALES_BOILER = 1;
const FLAG_ANY_BOILER = 2;
const FLAG_EVER_HAD_SHARE = 4;
const FLAG_ESTIMATED = 8;

function codeOf(values: readonly string[], value: string | null): number {
    return value === null ? NONE : values.indexOf(value);
}

function maskOf(values: readonly string[], selected: readonly string[]): number {
    return selected.reduce((mask, value) => mask | (1 << values.indexOf(value)), 0);
}

/**
 * Every installer of a run in compact columns: the account inputs the rules and the estimator need, and its
 * boiler potential per brand, aggregated while the potential rows stream by.
 */
export class InstallerTable {
    /** Brands in column order: the VG brands first, then the competitors. */
    readonly brands: readonly string[];
    readonly vgBrandCount: number;
    private readonly ids: string[] = [];
    private readonly names: (string | null)[] = [];
    private readonly indexById = new Map<string, number>();
    private readonly companySizes: Column<Int32Array>;
    private readonly marketTypes: Column<Int32Array>;
    private readonly focusMasks: Column<Int32Array>;
    private readonly serviceMasks: Column<Int32Array>;
    private readonly revenues: Column<Float64Array>;
    private readonly vgUnitsBought: Column<Float64Array>;
    private readonly flags: Column<Uint8Array>;
    private readonly estimateRowMasks: Column<Int32Array>;
    private readonly units: Column<Int32Array>;

    constructor(
        readonly config: SegmentationConfig,
        readonly picklists: Picklists
    ) {
        this.brands = [...config.vgBrands, ...config.competitorBrands];
        this.vgBrandCount = config.vgBrands.length;
        const int = (width = 1) => new Column((n) => new Int32Array(n), new Int32Array(1024 * width), width);
        const float = () => new Column((n) => new Float64Array(n), new Float64Array(1024));
        this.companySizes = int();
        this.marketTypes = int();
        this.focusMasks = int();
        this.serviceMasks = int();
        this.revenues = float();
        this.vgUnitsBought = float();
        this.flags = new Column((n) => new Uint8Array(n), new Uint8Array(1024));
        this.estimateRowMasks = int();
        this.units = int(this.brands.length);
    }

    get size(): number {
        return this.ids.length;
    }

    indexOf(accountId: string): number | undefined {
        return this.indexById.get(accountId);
    }

    id(index: number): string {
        return this.ids[index] ?? '';
    }

    name(index: number): string | null {
        return this.names[index] ?? null;
    }

    /** Adds an installer; returns its index, or undefined when the Id was seen before. */
    add(account: AccountRecord): number | undefined {
        if (this.indexById.has(account.Id)) {
            return undefined;
        }
        const index = this.ids.length;
        const rows = index + 1;
        for (const column of [
            this.companySizes,
            this.marketTypes,
            this.focusMasks,
            this.serviceMasks,
            this.revenues,
            this.vgUnitsBought,
            this.flags,
            this.estimateRowMasks,
            this.units
        ]) {
            column.ensure(rows);
        }
        this.ids.push(account.Id);
        this.names.push(account.Name);
        this.indexById.set(account.Id, index);
        const { picklists } = this;
        this.companySizes.data[index] = codeOf(picklists.companySizes, account.Company_Size__c);
        this.marketTypes.data[index] = codeOf(picklists.marketTypes, account.Market_Type__c);
        this.focusMasks.data[index] = maskOf(picklists.productFocus, account.Product_Focus__c);
        this.serviceMasks.data[index] = maskOf(picklists.services, account.Services__c);
        this.revenues.data[index] = account.Revenue_12M__c ?? Number.NaN;
        this.vgUnitsBought.data[index] = account.VG_Units_12M__c ?? Number.NaN;
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

    /** Adds one boiler potential row of the installer (rows of other product groups are not aggregated). */
    addBoilerRow(index: number, brand: string, units: number, source: string | null): void {
        const brandIndex = this.brands.indexOf(brand);
        const cell = index * this.brands.length + brandIndex;
        this.units.data[cell] = (this.units.data[cell] ?? 0) + units;
        this.setFlag(index, FLAG_ANY_BOILER);
        if (source === this.config.potentialSources.sales) {
            this.setFlag(index, FLAG_SALES_BOILER);
        } else if (source === this.config.potentialSources.estimate) {
            this.estimateRowMasks.data[index] = (this.estimateRowMasks.data[index] ?? 0) | (1 << brandIndex);
        }
    }

    hasBoilerRows(index: number): boolean {
        return this.hasFlag(index, FLAG_ANY_BOILER);
    }
    hasSalesBoilerRows(index: number): boolean {
        return this.hasFlag(index, FLAG_SALES_BOILER);
    }
    /** Bit b set when the installer has an earlier estimate row (Source Schatting) for brands[b]. */
    estimateRowMask(index: number): number {
        return this.estimateRowMasks.data[index] ?? 0;
    }
    /** Boiler units of one brand (index into brands). */
    boilerUnits(index: number, brandIndex: number): number {
        return this.units.data[index * this.brands.length + brandIndex] ?? 0;
    }

    /** Replaces the installer's boiler potential with an estimate (whole units per brand, in brands order). */
    setEstimate(index: number, unitsByBrand: ArrayLike<number>): void {
        const offset = index * this.brands.length;
        for (let brand = 0; brand < this.brands.length; brand++) {
            this.units.data[offset + brand] = unitsByBrand[brand] ?? 0;
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

    /** The installer's boiler potential as the rules module takes it. */
    potential(index: number): BoilerPotential {
        let total = 0;
        let vg = 0;
        for (let brand = 0; brand < this.brands.length; brand++) {
            const units = this.boilerUnits(index, brand);
            total += units;
            if (brand < this.vgBrandCount) {
                vg += units;
            }
        }
        return { total, vg, enteredBySales: this.hasSalesBoilerRows(index) };
    }
}
