import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { SegmentationConfig } from '../../../force-app/main/default/lwc/segmentRules/segmentRules.js';
import { OWNED_FIELDS } from '../../../force-app/main/default/lwc/segmentRules/segmentRules.js';
import type { Picklists } from '../../lib/picklists.ts';
import { normalizeId } from '../../lib/salesforceId.ts';
import { CITIES, FIRM_PATTERNS, INITIALS, SMALL_FIRM_PATTERNS, SURNAMES } from './names.ts';
import { Random } from '../../lib/random.ts';

/**
 * A seeded, deterministic generator of a synthetic installer base whose potential follows a KNOWN process, so
 * that the estimator can be judged against the truth (also for the installers that get no potential rows).
 *
 * The generating process, per installer (every draw from one seeded sfc32 stream, so a seed fixes everything):
 *
 *  1. Company size c: index into the Company_Size__c picklist with weights 26/24/20/15/10/5 (ZZP .. >50);
 *     2% of accounts leave it blank (the process still uses the drawn c, the model cannot see it).
 *     Market type m: One / off 8, Nieuwbouw 17, Renovatie 32, Service en onderhoud 33, Projectmarkt 10; 3% blank.
 *     Product focus: Ketels p=.88, Lucht warmtepomp p=.30+.05c, Grond warmtepomp p=.08+.03c (at least one).
 *     Services: Onderhoud en Service p=.65 (.90 in Service en onderhoud), Installatie p=.90, Advies p=.25+.05c.
 *  2. Total boiler potential T (units per year):
 *        ln T* = ln BASE[c] + MARKET[m] + (Ketels focus ? +0.25 : -0.50) + (Lucht wp ? -0.15 : 0)
 *                + (Onderhoud en Service ? +0.15 : 0) + (Advies ? +0.05 : 0) + N(0, SIGMA_T)
 *        BASE = 5, 11, 22, 45, 95, 230; MARKET = -0.35, +0.15, 0, +0.10, +0.45; SIGMA_T = 0.60
 *        T = max(1, round(T*)).
 *  3. VG share s: 0 with probability .22 (.30 in Projectmarkt); otherwise s = sigmoid(N(SHARE_MEAN[m], 1.5)),
 *     SHARE_MEAN = -0.6, -0.2, 0, +0.3, -0.4. VG units vg = round(s T); competitor units T - vg.
 *  4. VG units bought in the last 12 months (VG_Units_12M__c): round(vg * exp(N(-0.05, 0.30))) when vg > 0;
 *     when vg = 0, 8% still bought 1..3 units (a one-off). 3% blank.
 *     Revenue with VG (Revenue_12M__c): bought * 1150 * exp(N(0, 0.15)) boilers + (Lucht wp focus and vg > 0 ?
 *     vg * 0.3 * 4200 * exp(N(0, 0.4)) : 0) heat pumps + T * (Onderhoud en Service ? 140 : 70) * exp(N(0, 0.5))
 *     accessories, controls and parts (bought for boilers of every brand), rounded to cents. 3% blank.
 *     So revenue and purchases carry information about T beyond the company size, as they do in a real base.
 *  5. Brand details: Vaillant with p=.80, AWB with p=.35, at least one (Vaillant when neither). VG units go to
 *     the VG brands the installer has a brand detail for (Vaillant takes U(.4,.9) of them when both).
 *     Competitor units go to one competitor (weights Remeha 30, Nefit Bosch 28, Intergas 22, ATAG 10, Daikin 3,
 *     Overig 7), and with p=.35 a second one takes U(.2,.45) of them.
 *     Potential_Growth__c Groeiend/Stabiel/Krimpend 30/50/20 (15% blank); Last_Visit_Date__c `today` minus
 *     0..540 days (15% blank); Classification_Locked__c p=.02. Owned fields are blank.
 *  6. Potential rows: a Ketels row per brand with units > 0 (a Vaillant row of 0 units for 10% of installers
 *     without VG units); a Lucht-warmtepomp row when that focus is set (brand Vaillant 35, Daikin 35, Nefit
 *     Bosch 15, Remeha 15; 1 + round(T U(.1,.5)) units) and a Grond-warmtepomp row likewise. Source__c Sales,
 *     or Schatting for a share `estimateRowShare` of installers (default 0). A share `noPotentialShare`
 *     (default .40) of installers gets no potential rows at all: their truth is still returned.
 * The numbers above are the constants below. With them, "median total of the same company size" puts ~55% of
 * installers in their right segment; test/lib/estimate relies on that (and says so).
 */

export const SIGMA_T = 0.6;
const SIZE_WEIGHTS = [26, 24, 20, 15, 10, 5];
const BASE = [5, 11, 22, 45, 95, 230];
const MARKET_WEIGHTS = [8, 17, 32, 33, 10];
const MARKET_EFFECT = [-0.35, 0.15, 0, 0.1, 0.45];
const SHARE_MEAN = [-0.6, -0.2, 0, 0.3, -0.4];
const NO_VG_PROBABILITY = [0.22, 0.22, 0.22, 0.22, 0.3];
const COMPETITOR_WEIGHTS: Record<string, number> = {
    Remeha: 30,
    'Nefit Bosch': 28,
    Intergas: 22,
    ATAG: 10,
    Daikin: 3,
    Overig: 7
};
const HEAT_PUMP_BRAND_WEIGHTS: Record<string, number> = {
    Vaillant: 35,
    Daikin: 35,
    'Nefit Bosch': 15,
    Remeha: 15
};
const GROWTH = ['Groeiend', 'Stabiel', 'Krimpend'];
const GROWTH_WEIGHTS = [30, 50, 20];

/** Key prefixes of the Salesforce Ids the generator makes. */
export const KEY_PREFIXES = { account: '001', brandDetail: 'a01', potential: 'a02' } as const;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A Salesforce-like 18-character Id: key prefix, a fixed pod part, the serial in base 62, checksum. */
export function salesforceId(keyPrefix: string, serial: number): string {
    let digits = '';
    let rest = serial;
    for (let position = 0; position < 9; position++) {
        digits = BASE62.charAt(rest % 62) + digits;
        rest = Math.floor(rest / 62);
    }
    return normalizeId(`${keyPrefix}8d0${digits}`) ?? '';
}

export type SyntheticAccount = {
    Id: string;
    Name: string;
    BillingCity: string;
    Company_Size__c: string | null;
    Market_Type__c: string | null;
    Product_Focus__c: string[];
    Services__c: string[];
    Revenue_12M__c: number | null;
    VG_Units_12M__c: number | null;
};

export type SyntheticBrandDetail = {
    Id: string;
    Name: string;
    Account__c: string;
    Brand__c: string;
    Potential_Growth__c: string | null;
    Last_Visit_Date__c: string | null;
    Classification_Locked__c: boolean;
};

export type SyntheticPotential = {
    Id: string;
    Account__c: string;
    Product_Group__c: string;
    Brand__c: string;
    Units__c: number;
    Source__c: string;
    Key__c: string;
};

export type SyntheticInstaller = {
    account: SyntheticAccount;
    brandDetails: SyntheticBrandDetail[];
    potentials: SyntheticPotential[];
    /** The generating process's truth, also for installers without potential rows. */
    truth: {
        /** Boiler units per brand, in [...config.vgBrands, ...config.competitorBrands] order. */
        boilerUnits: number[];
        total: number;
        vg: number;
        hasPotentialRows: boolean;
    };
};

export type SyntheticOptions = {
    seed: number;
    /** Number of installers to generate. */
    installers: number;
    /**
     * Stop as soon as this many brand details have been generated (before `installers` is reached; the last
     * installer may add one more): a benchmark sized in brand details.
     */
    untilBrandDetails?: number;
    config: SegmentationConfig;
    picklists: Picklists;
    /** Share of installers without any potential row (default 0.4). */
    noPotentialShare?: number;
    /** Share of installers whose potential rows are earlier estimates, Source__c Schatting (default 0). */
    estimateRowShare?: number;
    /** Reference date for visit dates, YYYY-MM-DD (default 2026-11-01; never the clock, for determinism). */
    today?: string;
    /** Serial of the first Id of each object (default 1), so that two generated sets can be combined. */
    firstSerial?: { account: number; brandDetail: number; potential: number };
};

const DAY_MS = 24 * 60 * 60 * 1000;

function at<T>(values: readonly T[], index: number): T {
    const value = values[Math.min(Math.max(index, 0), values.length - 1)];
    if (value === undefined) {
        throw new Error('synthetic: empty value list');
    }
    return value;
}

function sigmoid(x: number): number {
    return 1 / (1 + Math.exp(-x));
}

/** Picklist values of the product focus that go with a heat pump product group (Lucht-warmtepomp ~ Lucht warmtepomp). */
function focusFor(productGroup: string, focusValues: readonly string[]): string | undefined {
    const normal = (value: string) => value.toLowerCase().replace(/[^a-z]/g, '');
    return focusValues.find((value) => normal(value) === normal(productGroup));
}

/** "Van der Meer" -> "van der Meer" after an initial, as Dutch writes it ("De heer R. van Loon"). */
function afterInitial(surname: string): string {
    const parts = surname.split(' ');
    return parts.map((part, index) => (index < parts.length - 1 ? part.toLowerCase() : part)).join(' ');
}

function installerName(random: Random, sizeIndex: number): string {
    const patterns = sizeIndex <= 1 && random.chance(0.6) ? SMALL_FIRM_PATTERNS : FIRM_PATTERNS;
    const pattern = random.pick(patterns);
    const surname = random.pick(SURNAMES);
    return pattern
        .replace('{sl}', afterInitial(surname))
        .replace('{s}', surname)
        .replace('{i}', random.pick(INITIALS))
        .replace('{i}', random.pick(INITIALS));
}

/** Splits `units` over slots by weights into whole units (largest remainder, ties to the first slot). */
function splitUnits(units: number, weights: readonly number[]): number[] {
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    const exact = weights.map((weight) => (total > 0 ? (units * weight) / total : 0));
    const whole = exact.map((value) => Math.floor(value));
    let left = units - whole.reduce((sum, value) => sum + value, 0);
    const order = exact
        .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
        .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
    for (const { index } of order) {
        if (left <= 0) {
            break;
        }
        whole[index] = (whole[index] ?? 0) + 1;
        left--;
    }
    return whole;
}

/** What every installer of one generated set is drawn with: the random stream, the config's values, the Ids. */
type Generation = {
    options: SyntheticOptions;
    random: Random;
    brands: string[];
    competitorWeights: number[];
    heatPumpGroups: string[];
    heatPumpBrandWeights: number[];
    focus: { boiler?: string; air?: string; ground?: string };
    services: { maintenance?: string; installation?: string; advice?: string };
    today: number;
    serials: { account: number; brandDetail: number; potential: number };
};

function generation(options: SyntheticOptions): Generation {
    const { config, picklists } = options;
    const today = Date.parse(`${options.today ?? '2026-11-01'}T00:00:00Z`);
    if (Number.isNaN(today)) {
        throw new Error(`synthetic: today ${options.today ?? ''} is not a date`);
    }
    const brands = [...config.vgBrands, ...config.competitorBrands];
    const heatPumpGroups = config.productGroups.filter((group) => group !== config.boilerProductGroup);
    const focusValues = picklists.productFocus;
    const [maintenance, installation, advice] = picklists.services;
    return {
        options,
        random: new Random(options.seed),
        brands,
        competitorWeights: config.competitorBrands.map((brand) => COMPETITOR_WEIGHTS[brand] ?? 5),
        heatPumpGroups,
        heatPumpBrandWeights: brands.map((brand) => HEAT_PUMP_BRAND_WEIGHTS[brand] ?? 0),
        focus: {
            boiler: focusFor(config.boilerProductGroup, focusValues) ?? focusValues[0],
            air: focusFor(heatPumpGroups[0] ?? '', focusValues),
            ground: focusFor(heatPumpGroups[1] ?? '', focusValues)
        },
        services: { maintenance, installation, advice },
        today,
        serials: { account: 1, brandDetail: 1, potential: 1, ...options.firstSerial }
    };
}

/** 1. The account's inputs: company size, market, product focus, services. */
function accountInputs(g: Generation) {
    const { random, options } = g;
    const { boiler, air, ground } = g.focus;
    const { maintenance, installation, advice } = g.services;
    const size = random.weighted(SIZE_WEIGHTS.slice(0, options.picklists.companySizes.length));
    const sizeBlank = random.chance(0.02);
    const market = random.weighted(MARKET_WEIGHTS.slice(0, options.picklists.marketTypes.length));
    const marketBlank = random.chance(0.03);
    const focus = new Set<string>();
    if (boiler && random.chance(0.88)) focus.add(boiler);
    if (air && random.chance(0.3 + 0.05 * size)) focus.add(air);
    if (ground && random.chance(0.08 + 0.03 * size)) focus.add(ground);
    if (focus.size === 0 && boiler) focus.add(boiler);
    const services = new Set<string>();
    if (maintenance && random.chance(market === 3 ? 0.9 : 0.65)) services.add(maintenance);
    if (installation && random.chance(0.9)) services.add(installation);
    if (advice && random.chance(0.25 + 0.05 * size)) services.add(advice);
    return { size, sizeBlank, market, marketBlank, focus, services };
}

type Inputs = ReturnType<typeof accountInputs>;

/** 2-4. The boiler potential, its VG part, and what the installer bought from VG and paid. */
function potentialAndPurchases(g: Generation, inputs: Inputs) {
    const { random } = g;
    const { boiler, air } = g.focus;
    const { maintenance, advice } = g.services;
    const { size, market, focus, services } = inputs;
    const logTotal =
        Math.log(at(BASE, size)) +
        at(MARKET_EFFECT, market) +
        (boiler && focus.has(boiler) ? 0.25 : -0.5) +
        (air && focus.has(air) ? -0.15 : 0) +
        (maintenance && services.has(maintenance) ? 0.15 : 0) +
        (advice && services.has(advice) ? 0.05 : 0) +
        random.normal(0, SIGMA_T);
    const total = Math.max(1, Math.round(Math.exp(logTotal)));
    const share = random.chance(at(NO_VG_PROBABILITY, market))
        ? 0
        : sigmoid(random.normal(at(SHARE_MEAN, market), 1.5));
    const vg = Math.round(share * total);
    let bought =
        vg > 0
            ? Math.round(vg * Math.exp(random.normal(-0.05, 0.3)))
            : random.chance(0.08)
              ? 1 + random.int(3)
              : 0;
    const boughtBlank = random.chance(0.03);
    let revenue = bought * 1150 * Math.exp(random.normal(0, 0.15));
    if (air && focus.has(air) && vg > 0) revenue += vg * 0.3 * 4200 * Math.exp(random.normal(0, 0.4));
    revenue +=
        total * (maintenance && services.has(maintenance) ? 140 : 70) * Math.exp(random.normal(0, 0.5));
    const revenueBlank = random.chance(0.03);
    bought = Math.max(0, bought);
    return { total, vg, bought, boughtBlank, revenue, revenueBlank };
}

/** 5. Which VG brands the installer has a brand detail of, and its boiler units per brand. */
function brandSplit(g: Generation, total: number, vg: number) {
    const { random, options } = g;
    const { config } = options;
    const hasBrand = config.vgBrands.map((_, index) => random.chance(index === 0 ? 0.8 : 0.35));
    if (!hasBrand.some(Boolean)) hasBrand[0] = true;
    const owned = hasBrand.flatMap((has, index) => (has ? [index] : []));
    const vgWeights = hasBrand.map(() => 0);
    const firstShare = owned.length > 1 ? random.uniform(0.4, 0.9) : 1;
    owned.forEach((index, rank) => {
        vgWeights[index] = rank === 0 ? firstShare : (1 - firstShare) / (owned.length - 1);
    });
    const vgUnits = splitUnits(vg, vgWeights);
    const primary = random.weighted(g.competitorWeights);
    const competitorSplit: number[] = config.competitorBrands.map((_, index) => (index === primary ? 1 : 0));
    if (random.chance(0.35) && config.competitorBrands.length > 1) {
        let second = random.weighted(g.competitorWeights);
        if (second === primary) second = (primary + 1) % config.competitorBrands.length;
        const part = random.uniform(0.2, 0.45);
        competitorSplit[primary] = 1 - part;
        competitorSplit[second] = part;
    }
    return { hasBrand, boilerUnits: [...vgUnits, ...splitUnits(total - vg, competitorSplit)] };
}

function brandDetailsOf(
    g: Generation,
    accountId: string,
    name: string,
    hasBrand: boolean[]
): SyntheticBrandDetail[] {
    const { random } = g;
    const details: SyntheticBrandDetail[] = [];
    g.options.config.vgBrands.forEach((brand, index) => {
        if (!hasBrand[index]) return;
        const growth = random.chance(0.15) ? null : at(GROWTH, random.weighted(GROWTH_WEIGHTS));
        const visit = random.chance(0.15)
            ? null
            : new Date(g.today - random.int(541) * DAY_MS).toISOString().slice(0, 10);
        details.push({
            Id: salesforceId(KEY_PREFIXES.brandDetail, g.serials.brandDetail++),
            Name: `${brand} - ${name}`.slice(0, 80),
            Account__c: accountId,
            Brand__c: brand,
            Potential_Growth__c: growth,
            Last_Visit_Date__c: visit,
            Classification_Locked__c: random.chance(0.02)
        });
    });
    return details;
}

/** 6. The potential rows: none for a share of the installers, else a row per brand with units and heat pumps. */
function potentialRows(
    g: Generation,
    accountId: string,
    inputs: Inputs,
    potential: { total: number; vg: number },
    boilerUnits: number[]
): { withoutPotential: boolean; potentials: SyntheticPotential[] } {
    const { random, options, brands } = g;
    const { config } = options;
    const withoutPotential = random.chance(options.noPotentialShare ?? 0.4);
    const { sales, estimate } = config.potentialSources;
    const source = random.chance(options.estimateRowShare ?? 0) ? estimate : sales;
    const zeroVaillantRow = potential.vg === 0 && random.chance(0.1);
    const heatPumps = g.heatPumpGroups.map((group, index) => {
        const groupFocus = index === 0 ? g.focus.air : index === 1 ? g.focus.ground : undefined;
        if (!groupFocus || !inputs.focus.has(groupFocus)) return null;
        const brand = at(brands, random.weighted(g.heatPumpBrandWeights));
        return { group, brand, units: 1 + Math.round(potential.total * random.uniform(0.1, 0.5)) };
    });
    const potentials: SyntheticPotential[] = [];
    if (withoutPotential) return { withoutPotential, potentials };
    const row = (group: string, brand: string, units: number) =>
        potentials.push({
            Id: salesforceId(KEY_PREFIXES.potential, g.serials.potential++),
            Account__c: accountId,
            Product_Group__c: group,
            Brand__c: brand,
            Units__c: units,
            Source__c: source,
            Key__c: `${accountId}|${group}|${brand}`
        });
    boilerUnits.forEach((units, index) => {
        if (units > 0 || (index === 0 && zeroVaillantRow))
            row(config.boilerProductGroup, at(brands, index), units);
    });
    for (const heatPump of heatPumps) {
        if (heatPump) row(heatPump.group, heatPump.brand, heatPump.units);
    }
    return { withoutPotential, potentials };
}

/**
 * Generates installers one by one (with their brand details, potential rows and the truth), so that a million
 * of them can be streamed to CSV without being held in memory. Each step draws from one random stream, in a
 * fixed order: the same seed gives the same installers, byte for byte.
 */
export function* generateInstallers(options: SyntheticOptions): Generator<SyntheticInstaller> {
    const g = generation(options);
    const { config, picklists } = options;
    const brandDetailLimit = options.untilBrandDetails ?? Number.POSITIVE_INFINITY;
    let brandDetailCount = 0;
    for (let n = 0; n < options.installers && brandDetailCount < brandDetailLimit; n++) {
        const inputs = accountInputs(g);
        const drawn = potentialAndPurchases(g, inputs);
        const accountId = salesforceId(KEY_PREFIXES.account, g.serials.account++);
        const name = installerName(g.random, inputs.size);
        const city = g.random.pick(CITIES);
        const { hasBrand, boilerUnits } = brandSplit(g, drawn.total, drawn.vg);
        const brandDetails = brandDetailsOf(g, accountId, name, hasBrand);
        const { withoutPotential, potentials } = potentialRows(g, accountId, inputs, drawn, boilerUnits);
        brandDetailCount += brandDetails.length;
        yield {
            account: {
                Id: accountId,
                Name: name,
                BillingCity: city,
                Company_Size__c: inputs.sizeBlank ? null : at(picklists.companySizes, inputs.size),
                Market_Type__c: inputs.marketBlank ? null : at(picklists.marketTypes, inputs.market),
                Product_Focus__c: picklists.productFocus.filter((value) => inputs.focus.has(value)),
                Services__c: picklists.services.filter((value) => inputs.services.has(value)),
                Revenue_12M__c: drawn.revenueBlank ? null : Math.round(drawn.revenue * 100) / 100,
                VG_Units_12M__c: drawn.boughtBlank ? null : drawn.bought
            },
            brandDetails,
            potentials,
            truth: {
                boilerUnits,
                total: drawn.total,
                vg: boilerUnits.slice(0, config.vgBrands.length).reduce((sum, units) => sum + units, 0),
                hasPotentialRows: !withoutPotential
            }
        };
    }
}

/** CSV columns (API names) per object, as a Data Loader / Bulk API export of the org would have them. */
export const CSV_COLUMNS = {
    Account: [
        'Id',
        'Name',
        'BillingCity',
        'Company_Size__c',
        'Market_Type__c',
        'Product_Focus__c',
        'Services__c',
        'Revenue_12M__c',
        'VG_Units_12M__c'
    ],
    Brand_Detail__c: [
        'Id',
        'Name',
        'Account__c',
        'Brand__c',
        'Potential_Growth__c',
        'Last_Visit_Date__c',
        'Classification_Locked__c',
        ...OWNED_FIELDS
    ],
    Potential__c: ['Id', 'Account__c', 'Product_Group__c', 'Brand__c', 'Units__c', 'Source__c', 'Key__c']
} as const;

export type CsvObject = keyof typeof CSV_COLUMNS;

/** One CSV cell as Data Loader and the Bulk API read it: empty = null, multi-select joined by ';'. */
export function csvCell(value: unknown): string {
    if (value === null || value === undefined) return '';
    if (Array.isArray(value)) return value.join(';');
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    return String(value);
}

/** The CSV row of a record in the order of its object's columns (fields it lacks, e.g. owned fields, are empty). */
export function csvRow(object: CsvObject, record: Record<string, unknown>): string[] {
    return CSV_COLUMNS[object].map((column) => csvCell(record[column]));
}

export type CsvCounts = Record<CsvObject, number>;

/**
 * Streams installers to Account.csv, Brand_Detail__c.csv and Potential__c.csv in `dir` (header of API names,
 * Id column, empty cell = null). Rows are stringified (csv-stringify) in batches and written with back-pressure,
 * so that a million installers stay in constant memory.
 */
export async function writeSyntheticCsv(
    installers: Iterable<SyntheticInstaller>,
    dir: string
): Promise<CsvCounts> {
    await mkdir(dir, { recursive: true });
    const BATCH = 2000;
    const outputs = (Object.keys(CSV_COLUMNS) as CsvObject[]).map((object) => ({
        object,
        file: createWriteStream(path.join(dir, `${object}.csv`)),
        batch: [[...CSV_COLUMNS[object]]] as string[][]
    }));
    const counts: CsvCounts = { Account: 0, Brand_Detail__c: 0, Potential__c: 0 };
    const flush = async (output: (typeof outputs)[number]) => {
        if (output.batch.length === 0) return;
        const text = stringify(output.batch, { record_delimiter: 'unix' });
        output.batch = [];
        if (!output.file.write(text)) {
            await once(output.file, 'drain');
        }
    };
    const add = async (output: (typeof outputs)[number], record: Record<string, unknown>) => {
        counts[output.object]++;
        output.batch.push(csvRow(output.object, record));
        if (output.batch.length >= BATCH) await flush(output);
    };
    const [accounts, brandDetails, potentials] = outputs;
    if (!accounts || !brandDetails || !potentials) throw new Error('synthetic: CSV outputs missing');
    for (const installer of installers) {
        await add(accounts, installer.account);
        for (const detail of installer.brandDetails) await add(brandDetails, detail);
        for (const potential of installer.potentials) await add(potentials, potential);
    }
    for (const output of outputs) {
        await flush(output);
        const finished = once(output.file, 'finish');
        output.file.end();
        await finished;
    }
    return counts;
}
