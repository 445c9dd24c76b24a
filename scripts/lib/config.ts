import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { SegmentationConfig } from '../../force-app/main/default/lwc/segmentRules/segmentRules.js';
import type { Picklists } from './picklists.ts';
import { DEFAULT_CONFIG_FILE } from './paths.ts';

const name = z.string().trim().min(1);
const uniqueNames = z
    .array(name)
    .min(1)
    .refine((values) => new Set(values).size === values.length, 'values must be unique');
const percent = z
    .number()
    .gt(0)
    .lt(100)
    .refine((value) => Number.isInteger(value * 100), 'at most two decimals');
const wholeUnits = z.number().int().nonnegative();

const shape = z
    .object({
        version: z.literal(1),
        productGroups: uniqueNames,
        boilerProductGroup: name,
        vgBrands: uniqueNames,
        competitorBrands: uniqueNames,
        potentialSources: z.strictObject({ sales: name, estimate: name }),
        potentialSourceLabels: z.strictObject({ entered: name, estimated: name }),
        customerTypes: z.strictObject({
            winBack: name,
            get: name,
            grow: name,
            keep: name,
            growFromPercent: percent,
            keepFromPercent: percent
        }),
        segments: z.array(z.strictObject({ name, minUnits: wholeUnits.min(1) })).min(1),
        valueBands: z.strictObject({
            midFromRevenue: z.number().nonnegative(),
            highAboveRevenue: z.number()
        }),
        potentialBands: z.record(name, z.array(name.nullable()).min(1)),
        valueTypeMatrix: z.record(name, z.record(name, name)),
        valueTypes: z.record(
            name,
            z.strictObject({ strategy: name, visitEveryDays: z.number().int().positive() })
        ),
        estimate: z.strictObject({
            minTrainingInstallers: z.number().int().min(2),
            folds: z.number().int().min(2).max(20)
        })
    })
    .strict();

type Issue = { path: (string | number)[]; message: string };

/** Rules that tie the parts of the config together (each fault is reported with its path). */
function consistencyIssues(config: z.infer<typeof shape>): Issue[] {
    const issues: Issue[] = [];
    const { customerTypes: types, segments, valueBands } = config;
    if (!config.productGroups.includes(config.boilerProductGroup)) {
        issues.push({ path: ['boilerProductGroup'], message: 'must be one of productGroups' });
    }
    for (const brand of config.vgBrands.filter((vg) => config.competitorBrands.includes(vg))) {
        issues.push({ path: ['competitorBrands'], message: `${brand} is a VG brand` });
    }
    if (types.growFromPercent >= types.keepFromPercent) {
        issues.push({ path: ['customerTypes', 'keepFromPercent'], message: 'must be above growFromPercent' });
    }
    if (new Set([types.winBack, types.get, types.grow, types.keep]).size !== 4) {
        issues.push({ path: ['customerTypes'], message: 'the four type names must differ' });
    }
    segments.forEach((segment, index) => {
        const previous = segments[index - 1];
        if (previous && segment.minUnits <= previous.minUnits) {
            issues.push({
                path: ['segments', index, 'minUnits'],
                message: 'segments must ascend by minUnits'
            });
        }
    });
    if (valueBands.highAboveRevenue < valueBands.midFromRevenue) {
        issues.push({
            path: ['valueBands', 'highAboveRevenue'],
            message: 'must not be below midFromRevenue'
        });
    }
    const bandOf = new Map<string | null, string>();
    for (const [band, members] of Object.entries(config.potentialBands)) {
        for (const member of members) {
            if (bandOf.has(member)) {
                issues.push({
                    path: ['potentialBands', band],
                    message: `${member ?? 'null'} is in two bands`
                });
            }
            bandOf.set(member, band);
        }
    }
    for (const segment of [null, ...segments.map((s) => s.name)]) {
        if (!bandOf.has(segment)) {
            issues.push({
                path: ['potentialBands'],
                message: `segment ${segment ?? 'null (none)'} is in no band`
            });
        }
    }
    for (const valueBand of ['Laag', 'Midden', 'Hoog']) {
        for (const band of Object.keys(config.potentialBands)) {
            const type = config.valueTypeMatrix[valueBand]?.[band];
            if (type === undefined) {
                issues.push({ path: ['valueTypeMatrix', valueBand, band], message: 'missing cell' });
            } else if (!config.valueTypes[type]) {
                issues.push({
                    path: ['valueTypeMatrix', valueBand, band],
                    message: `${type} is not in valueTypes`
                });
            }
        }
    }
    return issues;
}

/** The config must speak the org's picklist values, or the writes would be refused (restricted picklists). */
function picklistIssues(config: z.infer<typeof shape>, picklists: Picklists): Issue[] {
    const checks: [(string | number)[], string[], string[]][] = [
        [['productGroups'], config.productGroups, picklists.productGroups],
        [['vgBrands'], config.vgBrands, picklists.brandDetailBrands],
        [['vgBrands'], config.vgBrands, picklists.brands],
        [['competitorBrands'], config.competitorBrands, picklists.brands],
        [['potentialSources'], Object.values(config.potentialSources), picklists.potentialSources],
        [
            ['potentialSourceLabels'],
            Object.values(config.potentialSourceLabels),
            picklists.potentialSourceLabels
        ],
        [
            ['customerTypes'],
            [
                config.customerTypes.winBack,
                config.customerTypes.get,
                config.customerTypes.grow,
                config.customerTypes.keep
            ],
            picklists.customerTypes
        ],
        [['segments'], config.segments.map((segment) => segment.name), picklists.segments],
        [['valueTypes'], Object.keys(config.valueTypes), picklists.valueTypes]
    ];
    const issues: Issue[] = [];
    for (const [path, values, allowed] of checks) {
        for (const value of values.filter((v) => !allowed.includes(v))) {
            issues.push({
                path,
                message: `${value} is not a picklist value in the metadata (${allowed.join(', ')})`
            });
        }
    }
    return issues;
}

/**
 * The one schema of the segmentation config. With picklists it also checks the config against the metadata.
 */
export function configSchema(picklists?: Picklists) {
    return shape.superRefine((config, ctx) => {
        const issues = [
            ...consistencyIssues(config),
            ...(picklists ? picklistIssues(config, picklists) : [])
        ];
        for (const issue of issues) {
            ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
        }
    });
}

export class ConfigError extends Error {
    override readonly name = 'ConfigError';
    constructor(
        readonly source: string,
        readonly problems: string[]
    ) {
        super(
            `Invalid segmentation config ${source}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`
        );
    }
}

/** Validates a parsed config; throws ConfigError listing the path and reason of every fault. */
export function parseConfig(raw: unknown, source: string, picklists?: Picklists): SegmentationConfig {
    const result = configSchema(picklists).safeParse(raw);
    if (!result.success) {
        throw new ConfigError(
            source,
            result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
        );
    }
    return result.data;
}

export function loadConfig(file: string = DEFAULT_CONFIG_FILE, picklists?: Picklists): SegmentationConfig {
    let raw: unknown;
    try {
        raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
        throw new ConfigError(file, [`(root): cannot read JSON: ${(error as Error).message}`]);
    }
    return parseConfig(raw, file, picklists);
}
