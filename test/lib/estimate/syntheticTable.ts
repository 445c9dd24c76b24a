import type { SegmentationConfig } from '../../../force-app/main/default/lwc/segmentRules/segmentRules.js';
import { loadConfig } from '../../../scripts/lib/config.ts';
import { InstallerTable } from '../../../scripts/lib/installers.ts';
import { readPicklists, type Picklists } from '../../../scripts/lib/picklists.ts';
import { generateInstallers, type SyntheticOptions } from '../../../scripts/lib/synthetic.ts';

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
        for (const row of installer.potentials) {
            if (row.Product_Group__c === tableConfig.boilerProductGroup) {
                table.addBoilerRow(index, row.Brand__c, row.Units__c, row.Source__c);
            }
        }
    }
    return { table, truths };
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
