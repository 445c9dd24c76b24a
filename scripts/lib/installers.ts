import type {
    BoilerPotential,
    SegmentationConfig
} from '../../force-app/main/default/lwc/segmentRules/segmentRules.js';
import type { Picklists } from './picklists.ts';
import type { AccountRecord } from './records.ts';

const NONE = -1;

/** Growable typed column: a nightly run over a million installers must not hold an object per installer. */
export class Column<T extends Int32Array | Float64Array | Uint8Array | Uint16Array | Int8Array> {
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

/**
 * Whole numbers that are small in practice (dictionary codes, boiler units per brand): two bytes each, the whole
 * column widened to four bytes the first time a value does not fit, so a million rows cost 2 MB, not 4.
 */
export class SmallIntColumn {
    data: Uint16Array | Int32Array;
    constructor(private readonly width = 1) {
        this.data = new Uint16Array(1024 * width);
    }
    ensure(rows: number): void {
        if (rows * this.width > this.data.length) {
            this.resize(Math.max(rows * this.width, this.data.length * 2), this.data instanceof Int32Array);
        }
    }
    set(cell: number, value: number): void {
        if ((value > 0xffff || value < 0) && this.data instanceof Uint16Array)
            this.resize(this.data.length, true);
        this.data[cell] = value;
    }
    private resize(length: number, wide: boolean): void {
        const resized = wide ? new Int32Array(length) : new Uint16Array(length);
        resized.set(this.data);
        this.data = resized;
    }
}

/** One bit per cell: which (installer, product group, brand) keys a read has seen, an eighth of a byte each. */
export class BitSet {
    private readonly bits: Uint8Array;
    constructor(size: number) {
        this.bits = new Uint8Array(Math.ceil(size / 8));
    }
    has(cell: number): boolean {
        return ((this.bits[cell >> 3] ?? 0) & (1 << (cell & 7))) !== 0;
    }
    add(cell: number): void {
        this.bits[cell >> 3] = (this.bits[cell >> 3] ?? 0) | (1 << (cell & 7));
    }
}

/**
 * Strings (Ids, names) stored as UTF-8 bytes in one growing buffer. A million Ids as JavaScript strings cost
 * ~50 bytes each, and a string cut from a Bulk result page can keep the whole page alive; here they cost
 * their bytes plus 5, and never refer to the text they were read from.
 */
export class TextColumn {
    private bytes = Buffer.allocUnsafe(64 * 1024);
    /** Where each value's bytes end (a value starts where the one before it ends). */
    private ends = new Int32Array(1024);
    private nulls = new Uint8Array(1024);
    size = 0;

    /** Appends a value; returns its row. */
    push(value: string | null): number {
        const row = this.size++;
        if (row >= this.ends.length) {
            const ends = new Int32Array(this.ends.length * 2);
            ends.set(this.ends);
            this.ends = ends;
            const nulls = new Uint8Array(this.nulls.length * 2);
            nulls.set(this.nulls);
            this.nulls = nulls;
        }
        const start = row === 0 ? 0 : (this.ends[row - 1] ?? 0);
        if (value === null) {
            this.nulls[row] = 1;
            this.ends[row] = start;
            return row;
        }
        const room = start + value.length * 3;
        if (room > 0x7fffffff) throw new RangeError('TextColumn: more than 2 GB of text');
        if (room > this.bytes.length) {
            const bigger = Buffer.allocUnsafe(Math.min(0x7fffffff, Math.max(room, this.bytes.length * 2)));
            this.bytes.copy(bigger, 0, 0, start);
            this.bytes = bigger;
        }
        let length = 0;
        for (; length < value.length; length++) {
            const char = value.charCodeAt(length);
            if (char > 0x7f) break;
            this.bytes[start + length] = char;
        }
        if (length < value.length) length = this.bytes.write(value, start, 'utf8');
        this.ends[row] = start + length;
        return row;
    }

    get(row: number): string | null {
        if (row < 0 || row >= this.size || this.nulls[row] === 1) return null;
        return this.bytes.toString('utf8', row === 0 ? 0 : this.ends[row - 1], this.ends[row]);
    }

    /** Whether the row holds exactly `value` (without decoding it). */
    equals(row: number, value: string): boolean {
        if (row < 0 || row >= this.size || this.nulls[row] === 1) return false;
        const start = row === 0 ? 0 : (this.ends[row - 1] ?? 0);
        const length = (this.ends[row] ?? 0) - start;
        if (length === value.length) {
            let index = 0;
            for (; index < length; index++) {
                const char = value.charCodeAt(index);
                if (char > 0x7f || this.bytes[start + index] !== char) break;
            }
            if (index === length) return true;
            if (value.charCodeAt(index) <= 0x7f) return false;
        }
        return this.get(row) === value;
    }
}

/** FNV-1a over the UTF-16 code units: the same hash for a key and for the row it was stored from. */
function hashKey(value: string): number {
    let hash = 0x811c9dc5;
    for (let index = 0; index < value.length; index++) {
        hash = Math.imul(hash ^ value.charCodeAt(index), 0x01000193);
    }
    return hash >>> 0;
}

/**
 * Unique strings (Ids) with their row numbers: an open-addressing hash table over a TextColumn, 4 bytes a slot
 * instead of a Map entry and a string per key.
 */
export class TextIndex {
    readonly values = new TextColumn();
    /** Each row's hash, so that growing the table never decodes a value. */
    private hashes = new Uint32Array(1024);
    /** Row + 1 per slot, 0 = empty; at most half full. */
    private slots = new Int32Array(2048);
    private recent = -1;

    get size(): number {
        return this.values.size;
    }

    get(value: string): number | undefined {
        // Rows of one account come one after another (potential rows, brand details): the row found last is
        // checked first, which saves hashing and probing a table of megabytes for most of them.
        if (this.recent >= 0 && this.values.equals(this.recent, value)) return this.recent;
        const row = this.find(value, hashKey(value));
        if (row !== undefined) this.recent = row;
        return row;
    }

    /** Adds a value; returns its row, or undefined when it is there already. */
    add(value: string): number | undefined {
        const hash = hashKey(value);
        if (this.find(value, hash) !== undefined) return undefined;
        const row = this.values.push(value);
        if (row >= this.hashes.length) {
            const hashes = new Uint32Array(this.hashes.length * 2);
            hashes.set(this.hashes);
            this.hashes = hashes;
        }
        this.hashes[row] = hash;
        if ((row + 1) * 2 > this.slots.length) {
            this.slots = new Int32Array(this.slots.length * 2);
            for (let stored = 0; stored < row; stored++) this.place(this.hashes[stored] ?? 0, stored);
        }
        this.place(hash, row);
        return row;
    }

    private find(value: string, hash: number): number | undefined {
        const mask = this.slots.length - 1;
        for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
            const entry = this.slots[slot] ?? 0;
            if (entry === 0) return undefined;
            if (this.hashes[entry - 1] === hash && this.values.equals(entry - 1, value)) return entry - 1;
        }
    }

    private place(hash: number, row: number): void {
        const mask = this.slots.length - 1;
        let slot = hash & mask;
        while ((this.slots[slot] ?? 0) !== 0) slot = (slot + 1) & mask;
        this.slots[slot] = row + 1;
    }
}

type MaskArray = Uint8Array | Uint16Array | Int32Array;

const FLAG_SALES_BOILER = 1;
const FLAG_ANY_BOILER = 2;
const FLAG_EVER_HAD_SHARE = 4;
const FLAG_ESTIMATED = 8;

function codeOf(values: readonly string[], value: string | null): number {
    return value === null ? NONE : values.indexOf(value);
}

function maskOf(values: readonly string[], selected: readonly string[]): number {
    let mask = 0;
    for (const value of selected) mask |= 1 << values.indexOf(value);
    return mask;
}

/**
 * Every installer of a run in compact columns: the account inputs the rules and the estimator need, and its
 * boiler potential per brand, aggregated while the potential rows stream by.
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
    private readonly estimateRowMasks: Column<MaskArray>;
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
        this.estimateRowMasks = mask(this.brands.length);
        this.units = new SmallIntColumn(this.brands.length);
        this.columns = [
            this.companySizes,
            this.marketTypes,
            this.focusMasks,
            this.serviceMasks,
            this.revenues,
            this.vgUnitsBought,
            this.flags,
            this.estimateRowMasks,
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

    name(index: number): string | null {
        return this.names.get(index);
    }

    /** Adds an installer; returns its index, or undefined when the Id was seen before. */
    add(account: AccountRecord): number | undefined {
        const index = this.ids.add(account.Id);
        if (index === undefined) {
            return undefined;
        }
        for (const column of this.columns) column.ensure(index + 1);
        this.names.push(account.Name);
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
        this.units.set(cell, (this.units.data[cell] ?? 0) + units);
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
