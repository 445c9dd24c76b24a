import type { SegmentationConfig } from '../../../force-app/main/default/lwc/segmentRules/segmentRules.js';
import { loadConfig } from '../../../scripts/lib/config.ts';
import { forEachEstimateRow } from '../../../scripts/lib/reclassify/estimate/index.ts';
import { InstallerTable } from '../../../scripts/lib/reclassify/installers.ts';
import { readPicklists, type Picklists } from '../../../scripts/lib/picklists.ts';
import { generateInstallers, type SyntheticOptions } from '../../../scripts/dev/synthetic/generator.ts';

export const picklists: Picklists = readPicklists();
export const config: SegmentationConfig = loadConfig(undefined, picklists);

export type Truth = { total: number; vg: number; boilerUnits: number[]; hasPotentialRows: boolean };

/** An installer table filled from the synthetic generator (boiler rows only, as the pipeline aggregates them). */
export function syntheticTable(
    options: Partial<Omit<SyntheticOptions, 'config' | 'picklists'>> & { seed: number; installers: number },
    tableConfig: SegmentationConfig = config
): { table: InstallerTable; truths: Truth[] } {
    const table = new InstallerTable(tableConfig, picklists);
    const truths: Truth[] = [];
    for (const installer of generateInstallers({ ...options, config: tableConfig, picklists })) {
        const index = table.add(installer.account);
        if (index === undefined) throw new Error(`duplicate Id ${installer.account.Id}`);
        truths[index] = installer.truth;
        // Every synthetic installer has a brand detail the run may write.
        table.markWritable(index);
        for (const row of installer.potentials) {
            addRow(table, index, row.Product_Group__c, row.Brand__c, row.Units__c, row.Source__c);
        }
    }
    return { table, truths };
}

/** Adds a potential row as the read does, carrying its own Key__c. */
export function addRow(
    table: InstallerTable,
    index: number,
    productGroup: string,
    brand: string,
    units: number,
    source: string | null
): void {
    table.addPotentialRow(index, {
        productGroup,
        brand,
        units,
        source,
        id: `row-${index}-${brand}`,
        keyed: true
    });
}

export type EstimateRow = { accountIndex: number; brand: string; units: number };

/** The rows the estimate writes, installer by installer (see forEachEstimateRow). */
export function estimateRows(table: InstallerTable): EstimateRow[] {
    const rows: EstimateRow[] = [];
    for (let index = 0; index < table.size; index++) {
        if (!table.isEstimated(index)) continue;
        forEachEstimateRow(table, index, (brand, units) =>
            rows.push({ accountIndex: index, brand: table.brands[brand] ?? '', units })
        );
    }
    return rows;
}

/** Boiler units per brand of every installer, for before/after comparisons. */
export function unitsSnapshot(table: InstallerTable): Int32Array {
    const snapshot = new Int32Array(table.size * table.brands.length);
    for (let index = 0; index < table.size; index++) {
        for (let brand = 0; brand < table.brands.length; brand++) {
            snapshot[index * table.brands.length + brand] = table.boilerUnits(index, brand);
        }
    }
    return snapshot;
}

/** Median (average of the two middle values for an even count); null for no values. */
export function median(values: number[]): number | null {
    if (values.length === 0) return null;
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length / 2;
    return Number.isInteger(middle)
        ? ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
        : (sorted[Math.floor(middle)] ?? 0);
}
