import type { InstallerTable } from '../installers.ts';

/** What the estimator reads of an installer table (an InstallerTable has all of it). */
export type EstimateTable = Pick<
    InstallerTable,
    | 'size'
    | 'brands'
    | 'vgBrandCount'
    | 'picklists'
    | 'companySize'
    | 'marketType'
    | 'productFocusMask'
    | 'servicesMask'
    | 'revenue12m'
    | 'vgUnits12m'
    | 'hasBoilerRows'
    | 'hasSalesBoilerRows'
    | 'estimateRowMask'
    | 'boilerUnits'
    | 'everHadShare'
    | 'setEstimate'
    | 'isHeld'
    | 'isWritable'
    | 'isEstimateIncomplete'
>;

/**
 * The design matrix of the regressions, one row at a time (never materialised: a million installers would be
 * a million arrays). With r = ln(1 + revenue with VG in kEUR) and b = ln(1 + VG units bought in 12 months):
 *  - intercept;
 *  - company size one-hot (the first picklist value is the reference level) and "size blank";
 *  - market type one-hot (first value reference) and "market blank";
 *  - one indicator per product focus value and per service;
 *  - r and "revenue blank"; "bought no VG units" and "VG units bought blank";
 *  - b per company size level (and blank), r per company size level (and blank): the same purchases say
 *    more about a small firm's potential than about a large one's;
 *  - b², b·r and r² (a little curvature).
 * Revenue and VG units bought are capped at the training installers' largest (see limitTo).
 * Every picklist length comes from the table's metadata, so a new picklist value needs no code change.
 */
export class FeatureEncoder {
    readonly width: number;
    /** 1 for the columns a ridge penalty leaves free: the intercept and the company size levels (the baseline's). */
    readonly unpenalised: Uint8Array;
    private readonly sizes: number;
    private readonly markets: number;
    private readonly focusValues: number;
    private readonly serviceValues: number;
    private readonly sizeAt: number;
    private readonly marketAt: number;
    private readonly focusAt: number;
    private readonly serviceAt: number;
    private readonly revenueAt: number;
    private readonly boughtAt: number;
    private readonly boughtBySizeAt: number;
    private readonly revenueBySizeAt: number;
    private readonly curvatureAt: number;

    constructor(private readonly table: EstimateTable) {
        const { picklists } = table;
        this.sizes = picklists.companySizes.length;
        this.markets = picklists.marketTypes.length;
        this.focusValues = picklists.productFocus.length;
        this.serviceValues = picklists.services.length;
        let at = 1;
        this.sizeAt = at;
        at += this.sizes; // sizes - 1 levels + blank
        this.marketAt = at;
        at += this.markets; // markets - 1 levels + blank
        this.focusAt = at;
        at += this.focusValues;
        this.serviceAt = at;
        at += this.serviceValues;
        this.revenueAt = at;
        at += 2;
        this.boughtAt = at;
        at += 2;
        this.boughtBySizeAt = at;
        at += this.sizes + 1;
        this.revenueBySizeAt = at;
        at += this.sizes + 1;
        this.curvatureAt = at;
        at += 3;
        this.width = at;
        this.unpenalised = new Uint8Array(at);
        this.unpenalised.fill(1, 0, this.sizeAt + this.sizes);
    }

    private maxRevenue = Number.POSITIVE_INFINITY;
    private maxBought = Number.POSITIVE_INFINITY;

    /**
     * Caps revenue and VG units bought at the largest values among these installers (the training set), so that
     * an installer beyond anything the model has seen is not extrapolated through the squared terms.
     */
    limitTo(installers: Iterable<number>): void {
        let maxRevenue = 0;
        let maxBought = 0;
        for (const index of installers) {
            maxRevenue = Math.max(maxRevenue, this.table.revenue12m(index) ?? 0);
            maxBought = Math.max(maxBought, this.table.vgUnits12m(index) ?? 0);
        }
        this.maxRevenue = maxRevenue;
        this.maxBought = maxBought;
    }

    /** Writes the features of installer `index` into `row` (length >= width); returns row. */
    encode(index: number, row: Float64Array): Float64Array {
        const table = this.table;
        row.fill(0, 0, this.width);
        row[0] = 1;
        const size = table.companySize(index);
        const sizeLevel = size < 0 || size >= this.sizes ? this.sizes : size;
        if (sizeLevel === this.sizes) {
            row[this.sizeAt + this.sizes - 1] = 1;
        } else if (sizeLevel > 0) {
            row[this.sizeAt + sizeLevel - 1] = 1;
        }
        const market = table.marketType(index);
        if (market < 0 || market >= this.markets) {
            row[this.marketAt + this.markets - 1] = 1;
        } else if (market > 0) {
            row[this.marketAt + market - 1] = 1;
        }
        const focus = table.productFocusMask(index);
        for (let bit = 0; bit < this.focusValues; bit++) {
            row[this.focusAt + bit] = (focus >>> bit) & 1;
        }
        const services = table.servicesMask(index);
        for (let bit = 0; bit < this.serviceValues; bit++) {
            row[this.serviceAt + bit] = (services >>> bit) & 1;
        }
        const revenue = table.revenue12m(index);
        const r = revenue === null ? 0 : Math.log1p(Math.min(Math.max(0, revenue), this.maxRevenue) / 1000);
        row[this.revenueAt] = r;
        row[this.revenueAt + 1] = revenue === null ? 1 : 0;
        row[this.revenueBySizeAt + sizeLevel] = r;
        const bought = table.vgUnits12m(index);
        const b = bought === null ? 0 : Math.log1p(Math.min(Math.max(0, bought), this.maxBought));
        row[this.boughtAt] = bought !== null && bought <= 0 ? 1 : 0;
        row[this.boughtAt + 1] = bought === null ? 1 : 0;
        row[this.boughtBySizeAt + sizeLevel] = b;
        row[this.curvatureAt] = b * b;
        row[this.curvatureAt + 1] = b * r;
        row[this.curvatureAt + 2] = r * r;
        return row;
    }
}
