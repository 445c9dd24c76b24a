import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
    customerType,
    potentialSegment
} from '../../../force-app/main/default/lwc/segmentRules/segmentRules.js';
import { estimatePotentials } from '../../../scripts/lib/reclassify/estimate/index.ts';
import { InstallerTable } from '../../../scripts/lib/reclassify/installers.ts';
import {
    addRow,
    config,
    estimateRows,
    median,
    picklists,
    syntheticTable,
    unitsSnapshot
} from './syntheticTable.ts';

const SALES = config.potentialSources.sales;
const ESTIMATE = config.potentialSources.estimate;

function account(id: string, overrides: Partial<Parameters<InstallerTable['add']>[0]> = {}) {
    return {
        Id: id,
        Name: `Installateur ${id}`,
        Company_Size__c: picklists.companySizes[1] ?? null,
        Market_Type__c: picklists.marketTypes[2] ?? null,
        Product_Focus__c: [picklists.productFocus[0] ?? ''],
        Services__c: [picklists.services[1] ?? ''],
        Revenue_12M__c: 12000,
        VG_Units_12M__c: 8,
        ...overrides
    };
}

/**
 * The thresholds are the issue's: MAE at most 0.75 x the baseline's, segment accuracy at least 0.62 where the
 * baseline is near 0.55. They rely on the generating process of scripts/dev/synthetic/generator.ts (its noise levels and
 * what revenue and VG purchases reveal); a change there must keep the baseline near 0.55.
 */
describe('estimatePotentials on synthetic installers (known generating process, 40% without potential)', () => {
    const { table, truths } = syntheticTable({ seed: 11, installers: 20000 });
    const hidden = truths.flatMap((truth, index) => (truth.hasPotentialRows ? [] : [index]));
    const salesBefore = unitsSnapshot(table);
    const outcome = estimatePotentials(table, { reestimate: false, seed: 3, config });

    test('learns from the sales-entered installers and estimates every installer without potential', () => {
        assert.equal(outcome.refused, undefined);
        assert.equal(outcome.trainingCount, truths.length - hidden.length);
        assert.equal(outcome.estimatedCount, hidden.length);
        for (const index of hidden) {
            assert.ok(table.isEstimated(index), `installer ${index} estimated`);
            assert.ok(table.potential(index).total >= 1, 'an estimate has at least one boiler');
            assert.equal(table.potential(index).enteredBySales, false);
        }
    });

    test('cross-validated quality beats "median of the same company size" clearly', () => {
        const quality = outcome.quality;
        assert.ok(quality);
        assert.equal(quality.folds, config.estimate.folds);
        assert.equal(quality.heldOutInstallers, outcome.trainingCount);
        assert.ok(
            quality.mae.model <= 0.75 * quality.mae.baseline,
            `MAE ${quality.mae.model} vs baseline ${quality.mae.baseline}`
        );
        assert.ok(quality.segmentAccuracy.model >= 0.62, `segment accuracy ${quality.segmentAccuracy.model}`);
        assert.ok(
            quality.segmentAccuracy.baseline > 0.5 && quality.segmentAccuracy.baseline < 0.6,
            `baseline segment accuracy ${quality.segmentAccuracy.baseline} near 0.55`
        );
        assert.ok(
            quality.typeAccuracy.model >= quality.typeAccuracy.baseline + 0.1,
            `type ${JSON.stringify(quality.typeAccuracy)}`
        );
    });

    test('the estimates of the installers without potential are close to their (hidden) truth, beating the baseline', () => {
        // The baseline as the report defines it, learned from all sales-entered installers.
        const groups = new Map<number, { totals: number[]; shares: number[] }>();
        for (let index = 0; index < table.size; index++) {
            if (!table.hasSalesBoilerRows(index)) continue;
            const truth = truths[index];
            assert.ok(truth);
            const group = groups.get(table.companySize(index)) ?? { totals: [], shares: [] };
            group.totals.push(truth.total);
            group.shares.push(truth.total > 0 ? truth.vg / truth.total : 0);
            groups.set(table.companySize(index), group);
        }
        const baseline = new Map(
            [...groups].map(([size, group]) => [
                size,
                { total: median(group.totals) ?? 0, share: median(group.shares) ?? 0 }
            ])
        );
        let modelError = 0;
        let baselineError = 0;
        let modelSegments = 0;
        let baselineSegments = 0;
        let modelTypes = 0;
        let baselineTypes = 0;
        for (const index of hidden) {
            const truth = truths[index];
            const base = baseline.get(table.companySize(index));
            assert.ok(truth && base);
            const estimate = table.potential(index);
            const baseTotal = Math.round(base.total);
            const baseVg = Math.round(baseTotal * base.share);
            const ever = table.everHadShare(index) || (table.vgUnits12m(index) ?? 0) > 0;
            const segment = potentialSegment(truth.total, config);
            const type = customerType(truth.vg, truth.total, ever, config);
            modelError += Math.abs(estimate.total - truth.total);
            baselineError += Math.abs(baseTotal - truth.total);
            if (potentialSegment(estimate.total, config) === segment) modelSegments++;
            if (potentialSegment(baseTotal, config) === segment) baselineSegments++;
            if (customerType(estimate.vg, estimate.total, ever, config) === type) modelTypes++;
            if (customerType(baseVg, baseTotal, ever, config) === type) baselineTypes++;
        }
        const n = hidden.length;
        assert.ok(
            modelError <= 0.75 * baselineError,
            `MAE ${modelError / n} vs baseline ${baselineError / n}`
        );
        assert.ok(
            modelSegments / n >= 0.62,
            `segment accuracy ${modelSegments / n} (baseline ${baselineSegments / n})`
        );
        assert.ok(
            modelTypes / n >= baselineTypes / n + 0.1,
            `type accuracy ${modelTypes / n} (baseline ${baselineTypes / n})`
        );
    });

    test('never changes an installer whose potential sales entered, nor writes a row for one', () => {
        const after = unitsSnapshot(table);
        const width = table.brands.length;
        for (let index = 0; index < table.size; index++) {
            if (!truths[index]?.hasPotentialRows) continue;
            assert.ok(table.hasSalesBoilerRows(index));
            assert.equal(table.isEstimated(index), false);
            assert.deepEqual(
                after.subarray(index * width, (index + 1) * width),
                salesBefore.subarray(index * width, (index + 1) * width)
            );
        }
        for (const row of estimateRows(table)) {
            assert.equal(table.hasSalesBoilerRows(row.accountIndex), false);
        }
    });

    test('rows: one per estimated brand with units > 0, matching the table', () => {
        const rows = estimateRows(table);
        assert.equal(rows.length, outcome.rowCount);
        assert.ok(
            rows.every((row) => row.units > 0),
            'no earlier estimates, so no zero rows'
        );
        const keys = new Set(rows.map((row) => `${row.accountIndex}|${row.brand}`));
        assert.equal(keys.size, rows.length, 'one row per installer and brand');
        for (const row of rows) {
            assert.equal(table.boilerUnits(row.accountIndex, table.brands.indexOf(row.brand)), row.units);
        }
        const perInstaller = new Map<number, number>();
        for (const row of rows)
            perInstaller.set(row.accountIndex, (perInstaller.get(row.accountIndex) ?? 0) + row.units);
        for (const index of hidden) assert.equal(perInstaller.get(index), table.potential(index).total);
    });
});

describe('determinism', () => {
    test('the same data and seed give the same estimates, rows and quality', () => {
        const first = syntheticTable({ seed: 5, installers: 3000 });
        const second = syntheticTable({ seed: 5, installers: 3000 });
        const a = estimatePotentials(first.table, { reestimate: false, seed: 9, config });
        const b = estimatePotentials(second.table, { reestimate: false, seed: 9, config });
        assert.deepEqual(a.quality, b.quality);
        assert.deepEqual(estimateRows(first.table), estimateRows(second.table));
        assert.deepEqual(unitsSnapshot(first.table), unitsSnapshot(second.table));
    });

    test('the seed only moves the cross-validation folds, never the estimates', () => {
        const first = syntheticTable({ seed: 5, installers: 3000 });
        const second = syntheticTable({ seed: 5, installers: 3000 });
        const a = estimatePotentials(first.table, { reestimate: false, seed: 1, config });
        const b = estimatePotentials(second.table, { reestimate: false, seed: 2, config });
        assert.deepEqual(estimateRows(first.table), estimateRows(second.table));
        assert.notDeepEqual(a.quality, b.quality);
    });
});

describe('too few sales-entered installers', () => {
    const small = () => syntheticTable({ seed: 21, installers: 40, noPotentialShare: 0.5 });

    test('refuses, with the reason, and leaves the table untouched', () => {
        const { table } = small();
        const before = unitsSnapshot(table);
        const strict = { ...config, estimate: { ...config.estimate, minTrainingInstallers: 1000 } };
        const outcome = estimatePotentials(table, { reestimate: false, seed: 1, config: strict });
        assert.match(
            outcome.refused ?? '',
            /too few installers with sales-entered boiler potential.*at least 1000/
        );
        assert.equal(outcome.estimatedCount, 0);
        assert.equal(outcome.quality, null);
        assert.equal(outcome.rowCount, 0);
        assert.deepEqual(estimateRows(table), []);
        assert.deepEqual(unitsSnapshot(table), before);
        for (let index = 0; index < table.size; index++) assert.equal(table.isEstimated(index), false);
    });

    test('estimates anyway when forced, with a warning', () => {
        const { table } = small();
        const strict = { ...config, estimate: { ...config.estimate, minTrainingInstallers: 1000 } };
        const outcome = estimatePotentials(table, {
            reestimate: false,
            seed: 1,
            config: strict,
            force: true
        });
        assert.equal(outcome.refused, undefined);
        assert.match(outcome.warning ?? '', /estimated anyway/);
        assert.ok(outcome.estimatedCount > 0);
        assert.ok(outcome.quality);
    });

    test('cannot estimate from nobody, forced or not', () => {
        const table = new InstallerTable(config, picklists);
        table.add(account('001000000000001AAA'));
        const outcome = estimatePotentials(table, { reestimate: false, seed: 1, config, force: true });
        assert.match(outcome.refused ?? '', /: 0, at least/);
        assert.equal(table.isEstimated(0), false);
    });
});

describe('earlier estimates (Source Schatting)', () => {
    /** A synthetic base plus "De heer R. Loon" with the estimate rows of an earlier run: 6 + 4 VG, 30 competitors. */
    function withLoon() {
        const { table } = syntheticTable({ seed: 31, installers: 2000 });
        const loon = table.add(
            account('0018d000000LOONAAA', { Name: 'De heer R. Loon', VG_Units_12M__c: 10 })
        );
        assert.ok(loon !== undefined);
        table.markWritable(loon);
        addRow(table, loon, config.boilerProductGroup, 'Vaillant', 6, ESTIMATE);
        addRow(table, loon, config.boilerProductGroup, 'AWB', 4, ESTIMATE);
        addRow(table, loon, config.boilerProductGroup, 'Remeha', 18, ESTIMATE);
        addRow(table, loon, config.boilerProductGroup, 'Daikin', 12, ESTIMATE);
        return { table, loon };
    }

    test('are left alone without --reestimate', () => {
        const { table, loon } = withLoon();
        estimatePotentials(table, { reestimate: false, seed: 1, config });
        assert.equal(table.isEstimated(loon), false);
        assert.deepEqual(table.potential(loon), { total: 40, vg: 10, enteredBySales: false });
        assert.ok(estimateRows(table).every((row) => row.accountIndex !== loon));
    });

    test('are refreshed with --reestimate: every brand with units, and 0 for an earlier brand the estimate drops', () => {
        const { table, loon } = withLoon();
        estimatePotentials(table, { reestimate: true, seed: 1, config });
        assert.ok(table.isEstimated(loon));
        const rows = estimateRows(table).filter((row) => row.accountIndex === loon);
        const byBrand = new Map(rows.map((row) => [row.brand, row.units]));
        assert.equal(byBrand.size, rows.length, 'one row per brand');
        for (const brand of ['Vaillant', 'AWB', 'Remeha', 'Daikin']) {
            assert.ok(byBrand.has(brand), `the earlier ${brand} row is overwritten`);
        }
        for (const [brand, units] of byBrand) {
            assert.equal(units, table.boilerUnits(loon, table.brands.indexOf(brand)));
            if (units === 0)
                assert.ok(
                    ['Vaillant', 'AWB', 'Remeha', 'Daikin'].includes(brand),
                    'zero rows only for earlier brands'
                );
        }
        assert.equal(
            [...byBrand.values()].reduce((sum, units) => sum + units, 0),
            table.potential(loon).total
        );
    });

    test('an installer with both Sales and Schatting boiler rows is sales-entered: never re-estimated', () => {
        const { table } = syntheticTable({ seed: 41, installers: 500 });
        const mixed = table.add(account('0018d000000MIXDAAA'));
        assert.ok(mixed !== undefined);
        addRow(table, mixed, config.boilerProductGroup, 'Vaillant', 3, SALES);
        addRow(table, mixed, config.boilerProductGroup, 'Remeha', 9, ESTIMATE);
        estimatePotentials(table, { reestimate: true, seed: 1, config });
        assert.equal(table.isEstimated(mixed), false);
        assert.deepEqual(table.potential(mixed), { total: 12, vg: 3, enteredBySales: true });
        assert.ok(estimateRows(table).every((row) => row.accountIndex !== mixed));
    });
});

describe('the estimate of an installer', () => {
    test('puts more potential on an installer that bought more VG boilers, and a larger VG part', () => {
        const { table } = syntheticTable({ seed: 51, installers: 5000 });
        const few = table.add(account('0018d0000000FEWAAA', { VG_Units_12M__c: 2, Revenue_12M__c: 3000 }));
        const many = table.add(account('0018d000000MANYAAA', { VG_Units_12M__c: 60, Revenue_12M__c: 80000 }));
        assert.ok(few !== undefined && many !== undefined);
        table.markWritable(few);
        table.markWritable(many);
        estimatePotentials(table, { reestimate: false, seed: 1, config });
        const small = table.potential(few);
        const large = table.potential(many);
        assert.ok(large.total > small.total, `${large.total} > ${small.total}`);
        assert.ok(large.vg > small.vg, `${large.vg} > ${small.vg}`);
        assert.ok(large.vg <= large.total && small.vg <= small.total);
    });

    test('works with blank inputs (no size, market, revenue or purchases)', () => {
        const { table } = syntheticTable({ seed: 52, installers: 2000 });
        const blank = table.add(
            account('0018d00000BLANKAAA', {
                Company_Size__c: null,
                Market_Type__c: null,
                Product_Focus__c: [],
                Services__c: [],
                Revenue_12M__c: null,
                VG_Units_12M__c: null
            })
        );
        assert.ok(blank !== undefined);
        table.markWritable(blank);
        estimatePotentials(table, { reestimate: false, seed: 1, config });
        const estimate = table.potential(blank);
        assert.ok(Number.isInteger(estimate.total) && estimate.total >= 1);
        assert.ok(Number.isInteger(estimate.vg) && estimate.vg >= 0 && estimate.vg <= estimate.total);
    });
});

describe('the bundled sample org (data/csv)', () => {
    test("the estimator learns from it and fills every installer without potential, leaving Loon's earlier estimate", async () => {
        const { readFile } = await import('node:fs/promises');
        const path = await import('node:path');
        const { parse } = await import('csv-parse/sync');
        const { REPO_ROOT } = await import('../../../scripts/lib/paths.ts');
        const { check, recordSchemas } = await import('../../../scripts/lib/reclassify/records.ts');
        const schemas = recordSchemas(config, picklists);
        const read = async (object: string) =>
            parse(await readFile(path.join(REPO_ROOT, 'data/csv', `${object}.csv`), 'utf8'), {
                columns: true
            }) as Record<string, string>[];
        const table = new InstallerTable(config, picklists);
        for (const raw of await read('Account')) {
            const result = check(schemas.account, raw);
            assert.ok(result.ok);
            const index = table.add(result.record);
            assert.ok(index !== undefined);
            table.markWritable(index);
        }
        for (const raw of await read('Potential__c')) {
            const result = check(schemas.potential, raw);
            assert.ok(result.ok);
            const index = table.indexOf(result.record.Account__c);
            assert.ok(index !== undefined);
            const row = result.record;
            addRow(table, index, row.Product_Group__c ?? '', row.Brand__c ?? '', row.Units__c, row.Source__c);
        }
        const empty = Array.from({ length: table.size }, (_, index) => index).filter(
            (index) => !table.hasBoilerRows(index)
        );
        const outcome = estimatePotentials(table, { reestimate: false, seed: 1, config });
        assert.equal(outcome.refused, undefined);
        assert.ok(outcome.trainingCount >= config.estimate.minTrainingInstallers);
        assert.equal(outcome.estimatedCount, empty.length);
        assert.ok(empty.every((index) => table.isEstimated(index) && table.potential(index).total > 0));
        const loon = table.indexOf('0018d0000000001AAA');
        assert.ok(loon !== undefined);
        assert.deepEqual(table.potential(loon), { total: 40, vg: 10, enteredBySales: false });
        assert.ok(outcome.quality && outcome.quality.mae.model < outcome.quality.mae.baseline);
    });
});
