import type { SegmentationConfig } from '../../../../force-app/main/default/lwc/segmentRules/segmentRules.js';
import {
    customerType,
    potentialSegment,
    vgEverHadShare
} from '../../../../force-app/main/default/lwc/segmentRules/segmentRules.js';
import { Random } from '../../random.ts';
import { FeatureEncoder, type EstimateTable } from './features.ts';
import { FoldedNormalEquations, predict } from './linear.ts';
import { splitWholeUnits } from './split.ts';

export type { EstimateTable } from './features.ts';

export type EstimateOptions = {
    /** Also re-estimate installers whose boiler rows are all earlier estimates (no Sales boiler row). */
    reestimate: boolean;
    /** Seeds the fold assignment of the cross-validation (the estimates themselves do not depend on it). */
    seed: number;
    config: SegmentationConfig;
    /** Estimate even with fewer training installers than config.estimate.minTrainingInstallers (at least 1). */
    force?: boolean;
};

export type ModelVsBaseline = { model: number; baseline: number };

/** Held-out quality: k-fold cross-validation on the installers whose potential sales entered. */
export type EstimateQuality = {
    folds: number;
    /** Installers predicted while held out (every training installer once). */
    heldOutInstallers: number;
    /** Mean absolute error of the total boiler potential, in units. */
    mae: ModelVsBaseline;
    /** Share of held-out installers whose estimate falls in their real Totale potentie segment. */
    segmentAccuracy: ModelVsBaseline;
    /** Share of held-out installers whose estimate gives their real Type klant. */
    typeAccuracy: ModelVsBaseline;
};

export type EstimateOutcome = {
    /** Installers given an estimate (table.setEstimate called). */
    estimatedCount: number;
    /** Installers with Sales boiler rows the model learned from. */
    trainingCount: number;
    /** Why no estimate was made (too few training installers); then the table is untouched. */
    refused?: string;
    /** Estimates were made although the training set is below the minimum (options.force). */
    warning?: string;
    /** Null when there are fewer than 2 training installers to cross-validate. */
    quality: EstimateQuality | null;
    /** The fitted model: its number of columns and the ridge penalty cross-validation chose per regression. */
    model: { features: number; penalty: { total: number; vg: number } } | null;
    /** Potential__c rows the estimated installers get (see forEachEstimateRow). */
    rowCount: number;
};

/**
 * Ridge penalties tried, in pseudo-observations (see FoldedNormalEquations.solve); the cross-validation picks
 * one per regression. Negligible for a large org, they keep a small one from overfitting its few dozen columns:
 * the largest comes close to the company-size-only model, the baseline's information.
 */
const PENALTIES = [0.1, 1, 10, 100, 1000, 10000];
/** The penalty when there are too few installers to cross-validate (forced estimates from one installer). */
const DEFAULT_PENALTY = 10;
/** Regression targets. */
const LOG_TOTAL = 0;
const LOG_VG = 1;
const TARGETS = 2;

/**
 * The Potential__c rows of an estimated installer (Product_Group__c = config.boilerProductGroup, Source__c =
 * Schatting): one for every brand with units > 0, and one with 0 units for every brand that had an earlier
 * estimate row, so that a refreshed estimate overwrites it (rows are never deleted).
 */
export function forEachEstimateRow(
    table: Pick<EstimateTable, 'brands' | 'boilerUnits' | 'estimateRowMask'>,
    installer: number,
    visit: (brand: number, units: number) => void
): void {
    const earlier = table.estimateRowMask(installer);
    for (let brand = 0; brand < table.brands.length; brand++) {
        const units = table.boilerUnits(installer, brand);
        if (units > 0 || ((earlier >>> brand) & 1) === 1) visit(brand, units);
    }
}

/**
 * What the estimate does with an installer. It learns from the installers with a boiler row entered by sales,
 * and estimates those without one that have a brand detail the run may write (the estimate is there to classify
 * it, and that brand detail is where the run records the estimate it classified with) and either no boiler rows
 * yet, or --reestimate, or an incomplete estimate: a brand detail that claims another estimated potential than
 * the installer's estimate rows add up to. A held installer (a rejected input row) is neither: its input is not
 * complete.
 */
function roleOf(
    table: EstimateTable,
    installer: number,
    reestimate: boolean
): 'training' | 'target' | 'none' {
    if (table.isHeld(installer)) return 'none';
    if (table.hasSalesBoilerRows(installer)) return 'training';
    if (!table.isWritable(installer)) return 'none';
    const wanted = !table.hasBoilerRows(installer) || reestimate || table.isEstimateIncomplete(installer);
    return wanted ? 'target' : 'none';
}

type Prediction = { total: number; vg: number };

/** Turns the two regressions into whole units: total >= 1 (an installer in the base installs something), vg <= total. */
function toUnits(
    weights: Float64Array,
    width: number,
    x: Float64Array,
    maxTotal: number,
    out: Prediction
): Prediction {
    const logTotal = Math.min(predict(weights, width, LOG_TOTAL, x), Math.log1p(maxTotal));
    const total = Math.max(1, Math.round(Math.expm1(logTotal)));
    const logVg = Math.min(predict(weights, width, LOG_VG, x), Math.log1p(total));
    out.total = total;
    out.vg = Math.min(total, Math.max(0, Math.round(Math.expm1(logVg))));
    return out;
}

/** Median of the values of one group leaving out one fold; keys are value * FOLD_RADIX + fold, sorted. */
const FOLD_RADIX = 32;
function medianLeavingOut(sortedKeys: Float64Array, excluded: number, count: number): number | null {
    if (count <= 0) return null;
    const low = Math.floor((count - 1) / 2);
    const high = Math.floor(count / 2);
    let position = 0;
    let lowValue = 0;
    for (let k = 0; k < sortedKeys.length; k++) {
        const key = sortedKeys[k] ?? 0;
        const fold = key % FOLD_RADIX;
        if (fold === excluded) continue;
        const value = (key - fold) / FOLD_RADIX;
        if (position === low) lowValue = value;
        if (position === high) return (lowValue + value) / 2;
        position++;
    }
    return null;
}

/**
 * Estimates the boiler potential per brand of every installer without boiler potential rows (and, with
 * `reestimate`, of those whose boiler rows are all earlier estimates), learned from the installers whose
 * potential sales entered. Pure: reads the table, calls table.setEstimate for the estimated installers, and
 * returns the rows to upsert and the held-out quality. Installers with a Sales boiler row are never changed.
 *
 * Model: two least-squares regressions on the same features (see FeatureEncoder), ln(1 + total boiler units)
 * and ln(1 + VG boiler units); their back-transforms estimate the median, which is what a mean absolute error
 * rewards. The VG part is split over the VG brands, and the rest over the competitors, in the proportions of
 * the training installers' units (largest remainder, whole units).
 * Baseline (reported next to it): the median total of the training installers of the same company size, with
 * their median VG share.
 */
export function estimatePotentials(table: EstimateTable, options: EstimateOptions): EstimateOutcome {
    const { config } = options;
    const { training, targets } = splitRoles(table, options.reestimate);
    const trainingCount = training.length;
    const minimum = config.estimate.minTrainingInstallers;
    let warning: string | undefined;
    if (trainingCount < minimum) {
        const reason =
            `too few installers with sales-entered boiler potential to learn from: ${trainingCount}, ` +
            `at least ${minimum} needed (config estimate.minTrainingInstallers)`;
        if (!options.force || trainingCount === 0) {
            const refused = `${reason}; no estimates written`;
            return { estimatedCount: 0, trainingCount, refused, quality: null, model: null, rowCount: 0 };
        }
        warning = `${reason}; estimated anyway (forced)`;
    }
    const folds = Math.max(1, Math.min(config.estimate.folds, trainingCount));
    const learned = learn(table, training, assignFolds(trainingCount, folds, options.seed), folds);
    const canValidate = trainingCount >= 2 && folds >= 2;
    const penalty = canValidate ? choosePenalties(learned) : { total: DEFAULT_PENALTY, vg: DEFAULT_PENALTY };
    const quality = canValidate ? crossValidate(table, config, learned, penalty) : null;
    const rowCount = estimateTargets(table, learned, penalty, targets);
    return {
        estimatedCount: targets.length,
        trainingCount,
        ...(warning ? { warning } : {}),
        quality,
        model: { features: learned.encoder.width, penalty },
        rowCount
    };
}

/** The installers the estimate learns from and those it estimates (see roleOf). */
function splitRoles(table: EstimateTable, reestimate: boolean): { training: number[]; targets: number[] } {
    const training: number[] = [];
    const targets: number[] = [];
    for (let installer = 0; installer < table.size; installer++) {
        const role = roleOf(table, installer, reestimate);
        if (role === 'training') training.push(installer);
        else if (role === 'target') targets.push(installer);
    }
    return { training, targets };
}

/** Fold per training installer: a seeded shuffle, dealt round-robin. */
function assignFolds(count: number, folds: number, seed: number): Uint8Array {
    const order = Int32Array.from({ length: count }, (_, index) => index);
    const random = new Random(seed);
    for (let k = order.length - 1; k > 0; k--) {
        const j = random.int(k + 1);
        const swap = order[k] ?? 0;
        order[k] = order[j] ?? 0;
        order[j] = swap;
    }
    const foldOf = new Uint8Array(count);
    order.forEach((position, rank) => {
        foldOf[position] = rank % folds;
    });
    return foldOf;
}

/** What one pass over the training installers learned, per fold: what the model and its check are made of. */
type Learned = {
    /** Training installers (table indices); foldOf, trueTotal and trueVg by position in this list. */
    installers: number[];
    foldOf: Uint8Array;
    folds: number;
    trueTotal: Int32Array;
    trueVg: Int32Array;
    /** Units per brand over all training installers: how an estimate is split over the brands. */
    brandSums: Float64Array;
    equations: FoldedNormalEquations;
    encoder: FeatureEncoder;
    /** No estimate above twice the largest total learned from. */
    totalCap: number;
};

/** One pass over the training installers: sufficient statistics per fold, truths, brand proportions. */
function learn(table: EstimateTable, installers: number[], foldOf: Uint8Array, folds: number): Learned {
    const brandCount = table.brands.length;
    const encoder = new FeatureEncoder(table);
    encoder.limitTo(installers);
    const x = new Float64Array(encoder.width);
    const y = new Float64Array(TARGETS);
    const equations = new FoldedNormalEquations(encoder.width, TARGETS, folds);
    const trueTotal = new Int32Array(installers.length);
    const trueVg = new Int32Array(installers.length);
    const brandSums = new Float64Array(brandCount);
    let maxTotal = 1;
    installers.forEach((installer, position) => {
        let total = 0;
        let vg = 0;
        for (let brand = 0; brand < brandCount; brand++) {
            const units = table.boilerUnits(installer, brand);
            total += units;
            if (brand < table.vgBrandCount) vg += units;
            brandSums[brand] = (brandSums[brand] ?? 0) + units;
        }
        trueTotal[position] = total;
        trueVg[position] = vg;
        maxTotal = Math.max(maxTotal, total);
        y[LOG_TOTAL] = Math.log1p(total);
        y[LOG_VG] = Math.log1p(vg);
        equations.add(foldOf[position] ?? 0, encoder.encode(installer, x), y);
    });
    return {
        installers,
        foldOf,
        folds,
        trueTotal,
        trueVg,
        brandSums,
        equations,
        encoder,
        totalCap: 2 * maxTotal
    };
}

/** The model of every training installer, applied to the targets; returns the rows they get. */
function estimateTargets(
    table: EstimateTable,
    learned: Learned,
    penalty: { total: number; vg: number },
    targets: number[]
): number {
    const { encoder, equations, brandSums } = learned;
    const width = encoder.width;
    const weights = combine(
        equations.solve(-1, penalty.total, encoder.unpenalised),
        equations.solve(-1, penalty.vg, encoder.unpenalised),
        width
    );
    const vgWeights = brandSums.subarray(0, table.vgBrandCount);
    const competitorWeights = brandSums.subarray(table.vgBrandCount);
    const x = new Float64Array(width);
    const units = new Int32Array(table.brands.length);
    const prediction: Prediction = { total: 0, vg: 0 };
    let rowCount = 0;
    const countRow = () => rowCount++;
    for (const installer of targets) {
        toUnits(weights, width, encoder.encode(installer, x), learned.totalCap, prediction);
        splitWholeUnits(prediction.vg, vgWeights, units, 0);
        splitWholeUnits(prediction.total - prediction.vg, competitorWeights, units, table.vgBrandCount);
        table.setEstimate(installer, units);
        forEachEstimateRow(table, installer, countRow);
    }
    return rowCount;
}

/** Weights of the total regression from one solve and of the VG regression from another. */
function combine(totalWeights: Float64Array, vgWeights: Float64Array, width: number): Float64Array {
    const weights = new Float64Array(width * TARGETS);
    weights.set(totalWeights.subarray(LOG_TOTAL * width, (LOG_TOTAL + 1) * width), LOG_TOTAL * width);
    weights.set(vgWeights.subarray(LOG_VG * width, (LOG_VG + 1) * width), LOG_VG * width);
    return weights;
}

/**
 * Picks, per regression, the penalty with the least held-out squared error on the log scale the regression
 * fits (ties: the larger penalty). Units would let a handful of very large installers decide for a small org.
 */
function choosePenalties(learned: Learned): { total: number; vg: number } {
    const { encoder, equations, folds, foldOf, trueTotal, trueVg } = learned;
    const width = encoder.width;
    const weights = PENALTIES.map((penalty) =>
        Array.from({ length: folds }, (_, fold) => equations.solve(fold, penalty, encoder.unpenalised))
    );
    const totalErrors = new Float64Array(PENALTIES.length);
    const vgErrors = new Float64Array(PENALTIES.length);
    const x = new Float64Array(width);
    learned.installers.forEach((installer, position) => {
        encoder.encode(installer, x);
        const fold = foldOf[position] ?? 0;
        const total = trueTotal[position] ?? 0;
        const vg = trueVg[position] ?? 0;
        weights.forEach((byFold, option) => {
            const w = byFold[fold] as Float64Array;
            totalErrors[option] =
                (totalErrors[option] ?? 0) + (predict(w, width, LOG_TOTAL, x) - Math.log1p(total)) ** 2;
            vgErrors[option] = (vgErrors[option] ?? 0) + (predict(w, width, LOG_VG, x) - Math.log1p(vg)) ** 2;
        });
    });
    const best = (errors: Float64Array) => {
        let chosen = PENALTIES.length - 1;
        for (let option = PENALTIES.length - 2; option >= 0; option--) {
            if ((errors[option] ?? 0) < (errors[chosen] ?? 0)) chosen = option;
        }
        return PENALTIES[chosen] ?? DEFAULT_PENALTY;
    };
    return { total: best(totalErrors), vg: best(vgErrors) };
}

/** The baseline per company size (blank is a group of its own) and left-out fold: median total and VG share. */
type Baseline = { groupOf: (installer: number) => number; total: Float64Array; share: Float64Array };

function baselineMedians(table: EstimateTable, learned: Learned): Baseline {
    const { installers: training, foldOf, folds, trueTotal, trueVg } = learned;
    const sizes = table.picklists.companySizes.length;
    const groups = sizes + 1; // the last group: size blank
    const groupOf = (installer: number) => {
        const size = table.companySize(installer);
        return size < 0 || size >= sizes ? sizes : size;
    };
    const groupCounts = new Int32Array(groups);
    const groupFoldCounts = new Int32Array(groups * folds);
    training.forEach((installer, position) => {
        const group = groupOf(installer);
        groupCounts[group] = (groupCounts[group] ?? 0) + 1;
        const cell = group * folds + (foldOf[position] ?? 0);
        groupFoldCounts[cell] = (groupFoldCounts[cell] ?? 0) + 1;
    });
    const totalKeys = Array.from({ length: groups }, (_, group) => new Float64Array(groupCounts[group] ?? 0));
    const shareKeys = Array.from({ length: groups }, (_, group) => new Float64Array(groupCounts[group] ?? 0));
    const filled = new Int32Array(groups);
    const SHARE_SCALE = 1e6;
    training.forEach((installer, position) => {
        const group = groupOf(installer);
        const fold = foldOf[position] ?? 0;
        const at = filled[group] ?? 0;
        filled[group] = at + 1;
        const total = trueTotal[position] ?? 0;
        const share = total > 0 ? Math.round(((trueVg[position] ?? 0) / total) * SHARE_SCALE) : 0;
        (totalKeys[group] as Float64Array)[at] = total * FOLD_RADIX + fold;
        (shareKeys[group] as Float64Array)[at] = share * FOLD_RADIX + fold;
    });
    const all = (keys: Float64Array[]) => {
        const merged = new Float64Array(training.length);
        let offset = 0;
        for (const group of keys) {
            merged.set(group, offset);
            offset += group.length;
            group.sort();
        }
        return merged.sort();
    };
    const allTotals = all(totalKeys);
    const allShares = all(shareKeys);
    const foldSizes = new Int32Array(folds);
    foldOf.forEach((fold) => {
        foldSizes[fold] = (foldSizes[fold] ?? 0) + 1;
    });
    const total = new Float64Array(groups * folds);
    const share = new Float64Array(groups * folds);
    for (let fold = 0; fold < folds; fold++) {
        const everyone = training.length - (foldSizes[fold] ?? 0);
        const fallbackTotal = medianLeavingOut(allTotals, fold, everyone) ?? 0;
        const fallbackShare = medianLeavingOut(allShares, fold, everyone) ?? 0;
        for (let group = 0; group < groups; group++) {
            const count = (groupCounts[group] ?? 0) - (groupFoldCounts[group * folds + fold] ?? 0);
            total[group * folds + fold] =
                medianLeavingOut(totalKeys[group] as Float64Array, fold, count) ?? fallbackTotal;
            share[group * folds + fold] =
                (medianLeavingOut(shareKeys[group] as Float64Array, fold, count) ?? fallbackShare) /
                SHARE_SCALE;
        }
    }
    return { groupOf, total, share };
}

/** Every training installer predicted by the model of the folds that did not see it, and by the baseline. */
function crossValidate(
    table: EstimateTable,
    config: SegmentationConfig,
    learned: Learned,
    penalty: { total: number; vg: number }
): EstimateQuality {
    const { encoder, equations, folds, foldOf, trueTotal, trueVg } = learned;
    const width = encoder.width;
    const baseline = baselineMedians(table, learned);
    const weights = Array.from({ length: folds }, (_, fold) =>
        combine(
            equations.solve(fold, penalty.total, encoder.unpenalised),
            equations.solve(fold, penalty.vg, encoder.unpenalised),
            width
        )
    );
    const x = new Float64Array(width);
    const prediction: Prediction = { total: 0, vg: 0 };
    const score = {
        modelError: 0,
        baselineError: 0,
        modelSegments: 0,
        baselineSegments: 0,
        modelTypes: 0,
        baselineTypes: 0
    };
    learned.installers.forEach((installer, position) => {
        const fold = foldOf[position] ?? 0;
        const total = trueTotal[position] ?? 0;
        const vg = trueVg[position] ?? 0;
        const inputs = {
            everHadShare: table.everHadShare(installer),
            vgUnits12m: table.vgUnits12m(installer)
        };
        // The type each potential gives, with the rules' "VG ever had a share" for that potential.
        const typeOf = (potentialVg: number, potentialTotal: number) =>
            customerType(potentialVg, potentialTotal, vgEverHadShare(inputs, { vg: potentialVg }), config);
        const segment = potentialSegment(total, config);
        const type = typeOf(vg, total);

        toUnits(
            weights[fold] as Float64Array,
            width,
            encoder.encode(installer, x),
            learned.totalCap,
            prediction
        );
        score.modelError += Math.abs(prediction.total - total);
        if (potentialSegment(prediction.total, config) === segment) score.modelSegments++;
        if (typeOf(prediction.vg, prediction.total) === type) score.modelTypes++;

        const cell = baseline.groupOf(installer) * folds + fold;
        const baseTotal = Math.round(baseline.total[cell] ?? 0);
        const baseVg = Math.round(baseTotal * (baseline.share[cell] ?? 0));
        score.baselineError += Math.abs(baseTotal - total);
        if (potentialSegment(baseTotal, config) === segment) score.baselineSegments++;
        if (typeOf(baseVg, baseTotal) === type) score.baselineTypes++;
    });
    const heldOut = learned.installers.length;
    return {
        folds,
        heldOutInstallers: heldOut,
        mae: { model: score.modelError / heldOut, baseline: score.baselineError / heldOut },
        segmentAccuracy: { model: score.modelSegments / heldOut, baseline: score.baselineSegments / heldOut },
        typeAccuracy: { model: score.modelTypes / heldOut, baseline: score.baselineTypes / heldOut }
    };
}
