import { parseArgs } from 'node:util';
import type { SegmentationConfig } from '../../../force-app/main/default/lwc/segmentRules/segmentRules.js';
import { argvProblem } from '../argv.ts';
import { ConfigError } from '../config.ts';
import { EXIT_CODES } from '../exitCodes.ts';

/** One change between two configs, in the words of the sales team. `path` points into the JSON. */
export type ConfigChange = { path: string; text: string };

const number = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });
const currency = new Intl.NumberFormat('nl-NL', {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: 0
});
/** "€ 10.000" with a plain space (Intl puts a no-break space there, which surprises grep). */
const euro = { format: (value: number) => currency.format(value).replace(/\s/gu, ' ') };
const percent = (value: number) => `${number.format(value)}%`;
const boilers = (count: number) => `${number.format(count)} ${count === 1 ? 'ketel' : 'ketels'}`;
const segmentName = (segment: string | null) => (segment === null ? 'Geen segment' : `Segment ${segment}`);

function listChanges(
    path: string,
    before: readonly string[],
    after: readonly string[],
    noun: string
): ConfigChange[] {
    return [
        ...after
            .filter((value) => !before.includes(value))
            .map((value) => ({ path, text: `${noun} toegevoegd: ${value}` })),
        ...before
            .filter((value) => !after.includes(value))
            .map((value) => ({ path, text: `${noun} verwijderd: ${value}` }))
    ];
}

function valueChange<T>(
    path: string,
    label: string,
    before: T,
    after: T,
    show: (value: T) => string = String
): ConfigChange[] {
    return before === after ? [] : [{ path, text: `${label}: ${show(before)} -> ${show(after)}` }];
}

/** Brands: a brand that moves between VG and competitors is one line, not an added and a removed one. */
function brandChanges(before: SegmentationConfig, after: SegmentationConfig): ConfigChange[] {
    const changes: ConfigChange[] = [];
    const moved = new Set<string>();
    for (const brand of after.vgBrands.filter((b) => before.competitorBrands.includes(b))) {
        moved.add(brand);
        changes.push({ path: 'vgBrands', text: `Merk ${brand} telt nu als VG-merk (was concurrent)` });
    }
    for (const brand of after.competitorBrands.filter((b) => before.vgBrands.includes(b))) {
        moved.add(brand);
        changes.push({
            path: 'competitorBrands',
            text: `Merk ${brand} telt nu als concurrent (was VG-merk)`
        });
    }
    const notMoved = (values: readonly string[]) => values.filter((value) => !moved.has(value));
    return [
        ...changes,
        ...listChanges('vgBrands', notMoved(before.vgBrands), notMoved(after.vgBrands), 'VG-merk'),
        ...listChanges(
            'competitorBrands',
            notMoved(before.competitorBrands),
            notMoved(after.competitorBrands),
            'Concurrerend merk'
        )
    ];
}

function customerTypeChanges(before: SegmentationConfig, after: SegmentationConfig): ConfigChange[] {
    const [b, a] = [before.customerTypes, after.customerTypes];
    const renames = (['winBack', 'get', 'grow', 'keep'] as const).flatMap((key) =>
        b[key] === a[key]
            ? []
            : [{ path: `customerTypes.${key}`, text: `Type klant hernoemd: ${b[key]} -> ${a[key]}` }]
    );
    return [
        ...renames,
        ...valueChange(
            'customerTypes.growFromPercent',
            `Grens ${a.get}/${a.grow}`,
            b.growFromPercent,
            a.growFromPercent,
            percent
        ),
        ...valueChange(
            'customerTypes.keepFromPercent',
            `Grens ${a.grow}/${a.keep}`,
            b.keepFromPercent,
            a.keepFromPercent,
            percent
        )
    ];
}

function segmentChanges(before: SegmentationConfig, after: SegmentationConfig): ConfigChange[] {
    const floorBefore = new Map(before.segments.map((segment) => [segment.name, segment.minUnits]));
    const floorAfter = new Map(after.segments.map((segment) => [segment.name, segment.minUnits]));
    const changes: ConfigChange[] = [];
    after.segments.forEach(({ name, minUnits }, index) => {
        const was = floorBefore.get(name);
        if (was === undefined) {
            changes.push({
                path: `segments.${index}`,
                text: `Nieuw segment ${name} vanaf ${boilers(minUnits)}`
            });
        } else if (was !== minUnits) {
            changes.push({
                path: `segments.${index}.minUnits`,
                text: `Segment ${name} begint nu bij ${boilers(minUnits)} (was ${number.format(was)})`
            });
        }
    });
    before.segments.forEach(({ name, minUnits }, index) => {
        if (!floorAfter.has(name)) {
            changes.push({
                path: `segments.${index}`,
                text: `Segment ${name} vervalt (begon bij ${boilers(minUnits)})`
            });
        }
    });
    return changes;
}

function valueBandChanges(before: SegmentationConfig, after: SegmentationConfig): ConfigChange[] {
    const [b, a] = [before.valueBands, after.valueBands];
    return [
        ...valueChange(
            'valueBands.midFromRevenue',
            'Omzetgrens Laag/Midden',
            b.midFromRevenue,
            a.midFromRevenue,
            (value: number) => `vanaf ${euro.format(value)}`
        ),
        ...valueChange(
            'valueBands.highAboveRevenue',
            'Omzetgrens Midden/Hoog',
            b.highAboveRevenue,
            a.highAboveRevenue,
            (value: number) => `boven ${euro.format(value)}`
        )
    ];
}

function potentialBandChanges(before: SegmentationConfig, after: SegmentationConfig): ConfigChange[] {
    const bandOf = (config: SegmentationConfig) =>
        new Map(
            Object.entries(config.potentialBands).flatMap(([band, members]) =>
                members.map((member) => [member, band] as const)
            )
        );
    const [b, a] = [bandOf(before), bandOf(after)];
    const changes: ConfigChange[] = [];
    for (const band of Object.keys(after.potentialBands).filter((name) => !(name in before.potentialBands))) {
        changes.push({ path: `potentialBands.${band}`, text: `Nieuwe potentieband: ${band}` });
    }
    for (const band of Object.keys(before.potentialBands).filter((name) => !(name in after.potentialBands))) {
        changes.push({ path: `potentialBands.${band}`, text: `Potentieband ${band} vervalt` });
    }
    const removedSegments = new Set(
        before.segments.map((s) => s.name).filter((name) => !after.segments.some((s) => s.name === name))
    );
    for (const member of new Set([...b.keys(), ...a.keys()])) {
        const [was, now] = [b.get(member), a.get(member)];
        if (was === now || (now === undefined && member !== null && removedSegments.has(member))) continue;
        const path = `potentialBands.${now ?? was}`;
        const text =
            was === undefined
                ? `${segmentName(member)} valt in potentieband ${now}`
                : now === undefined
                  ? `${segmentName(member)} hoort niet meer bij potentieband ${was}`
                  : `${segmentName(member)} valt nu in potentieband ${now} (was ${was})`;
        changes.push({ path, text });
    }
    return changes;
}

function matrixChanges(before: SegmentationConfig, after: SegmentationConfig): ConfigChange[] {
    const changes: ConfigChange[] = [];
    const valueBands = new Set([
        ...Object.keys(before.valueTypeMatrix),
        ...Object.keys(after.valueTypeMatrix)
    ]);
    for (const valueBand of valueBands) {
        const [b, a] = [before.valueTypeMatrix[valueBand] ?? {}, after.valueTypeMatrix[valueBand] ?? {}];
        for (const potentialBand of new Set([...Object.keys(b), ...Object.keys(a)])) {
            changes.push(
                ...valueChange(
                    `valueTypeMatrix.${valueBand}.${potentialBand}`,
                    `Klanttype bij omzet ${valueBand} en potentie ${potentialBand}`,
                    b[potentialBand] ?? '(geen)',
                    a[potentialBand] ?? '(geen)'
                )
            );
        }
    }
    return changes;
}

function valueTypeChanges(before: SegmentationConfig, after: SegmentationConfig): ConfigChange[] {
    const changes: ConfigChange[] = [];
    for (const [name, now] of Object.entries(after.valueTypes)) {
        const was = before.valueTypes[name];
        if (!was) {
            changes.push({
                path: `valueTypes.${name}`,
                text: `Nieuw klanttype ${name}: ${now.strategy}, bezoek elke ${number.format(now.visitEveryDays)} dagen`
            });
            continue;
        }
        if (was.visitEveryDays !== now.visitEveryDays) {
            changes.push({
                path: `valueTypes.${name}.visitEveryDays`,
                text: `Bezoekfrequentie ${name}: elke ${number.format(was.visitEveryDays)} -> ${number.format(now.visitEveryDays)} dagen`
            });
        }
        changes.push(
            ...valueChange(`valueTypes.${name}.strategy`, `Strategie ${name}`, was.strategy, now.strategy)
        );
    }
    for (const name of Object.keys(before.valueTypes).filter((type) => !(type in after.valueTypes))) {
        changes.push({ path: `valueTypes.${name}`, text: `Klanttype ${name} vervalt` });
    }
    return changes;
}

/** The keys explained above; anything else in a future config version still gets a plain line. */
const EXPLAINED = new Set([
    'version',
    'productGroups',
    'boilerProductGroup',
    'vgBrands',
    'competitorBrands',
    'potentialSources',
    'potentialSourceLabels',
    'customerTypes',
    'segments',
    'valueBands',
    'potentialBands',
    'valueTypeMatrix',
    'valueTypes',
    'estimate'
]);

function otherChanges(before: SegmentationConfig, after: SegmentationConfig): ConfigChange[] {
    const [b, a] = [
        before as unknown as Record<string, unknown>,
        after as unknown as Record<string, unknown>
    ];
    return [...new Set([...Object.keys(b), ...Object.keys(a)])]
        .filter((key) => !EXPLAINED.has(key) && JSON.stringify(b[key]) !== JSON.stringify(a[key]))
        .map((key) => ({
            path: key,
            text: `Instelling ${key}: ${JSON.stringify(b[key]) ?? '(geen)'} -> ${JSON.stringify(a[key]) ?? '(geen)'}`
        }));
}

/**
 * Explains what changes from `before` to `after`, one Dutch line per change, in the order of the config file.
 * Pure: two validated configs in, a list out.
 */
export function diffConfigs(before: SegmentationConfig, after: SegmentationConfig): ConfigChange[] {
    return [
        ...valueChange('version', 'Versie van de configuratie', before.version, after.version),
        ...listChanges('productGroups', before.productGroups, after.productGroups, 'Productgroep'),
        ...valueChange(
            'boilerProductGroup',
            'Productgroep voor de ketelpotentie',
            before.boilerProductGroup,
            after.boilerProductGroup
        ),
        ...brandChanges(before, after),
        ...valueChange(
            'potentialSources.sales',
            'Bron voor potentie van sales',
            before.potentialSources.sales,
            after.potentialSources.sales
        ),
        ...valueChange(
            'potentialSources.estimate',
            'Bron voor geschatte potentie',
            before.potentialSources.estimate,
            after.potentialSources.estimate
        ),
        ...valueChange(
            'potentialSourceLabels.entered',
            'Tekst bij ingevulde potentie',
            before.potentialSourceLabels.entered,
            after.potentialSourceLabels.entered
        ),
        ...valueChange(
            'potentialSourceLabels.estimated',
            'Tekst bij geschatte potentie',
            before.potentialSourceLabels.estimated,
            after.potentialSourceLabels.estimated
        ),
        ...customerTypeChanges(before, after),
        ...segmentChanges(before, after),
        ...valueBandChanges(before, after),
        ...potentialBandChanges(before, after),
        ...matrixChanges(before, after),
        ...valueTypeChanges(before, after),
        ...valueChange(
            'estimate.minTrainingInstallers',
            'Minimaal aantal door sales ingevulde installateurs om te schatten',
            before.estimate.minTrainingInstallers,
            after.estimate.minTrainingInstallers
        ),
        ...valueChange(
            'estimate.folds',
            'Aantal delen voor de controle van de schatting',
            before.estimate.folds,
            after.estimate.folds
        ),
        ...otherChanges(before, after)
    ];
}

export const NO_CHANGES = 'Geen verschillen: beide configuraties delen installateurs op dezelfde manier in.';

export const CONFIG_DIFF_HELP = `Usage: npm run config:diff -- <old.json> <new.json> [--json]

Explains a change to the segmentation config in words, one line per change, e.g.
  Grens Get/Grow: 5% -> 7%
  Segment 30+ begint nu bij 25 ketels (was 30)
  Bezoekfrequentie Grote klant: elke 90 -> 60 dagen
Both files are validated with the config schema first; a file the reclassification would refuse is refused here
too. Values that are not (yet) picklist values in force-app are reported as a warning.

Options:
  --json      print the changes as JSON ([{ "path", "text" }])
  -h, --help  this text
`;

/** How the command reads a config: the schema check (throws ConfigError) and the metadata check (problems). */
export type ConfigLoader = {
    load(file: string): SegmentationConfig;
    picklistProblems(file: string): string[];
};

export type Io = { stdout: (text: string) => void; stderr: (text: string) => void };

const CONFIG_DIFF_FLAGS = {
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false }
} as const;

/** `npm run config:diff -- a.json b.json`: returns the exit code (0, or 3 when an argument or a file is refused). */
export function configDiffCommand(argv: string[], io: Io, loader: ConfigLoader): number {
    let parsed;
    try {
        parsed = parseArgs({ args: argv, options: CONFIG_DIFF_FLAGS, allowPositionals: true, strict: true });
    } catch (error) {
        const problem = argvProblem(error, Object.keys(CONFIG_DIFF_FLAGS), 'config:diff');
        io.stderr(`Refused: ${problem}\n${CONFIG_DIFF_HELP}`);
        return EXIT_CODES.refused.code;
    }
    if (parsed.values.help) {
        io.stdout(CONFIG_DIFF_HELP);
        return EXIT_CODES.ok.code;
    }
    const [fileA, fileB, ...extra] = parsed.positionals;
    if (!fileA || !fileB || extra.length > 0) {
        io.stderr(`Refused: give exactly two config files, the current one first.\n${CONFIG_DIFF_HELP}`);
        return EXIT_CODES.refused.code;
    }
    const configs: SegmentationConfig[] = [];
    const refusals: string[] = [];
    for (const file of [fileA, fileB]) {
        try {
            configs.push(loader.load(file));
        } catch (error) {
            if (!(error instanceof ConfigError)) throw error;
            refusals.push(error.message);
        }
    }
    const [before, after] = configs;
    if (refusals.length > 0 || !before || !after) {
        io.stderr(`Refused: ${refusals.join('\n')}\n${EXIT_CODES.refused.next}\n`);
        return EXIT_CODES.refused.code;
    }
    for (const file of [fileA, fileB]) {
        for (const problem of loader.picklistProblems(file)) {
            io.stderr(
                `Let op, ${file}: ${problem} (npm run reclassify weigert deze config tot force-app deze waarde kent)\n`
            );
        }
    }
    const changes = diffConfigs(before, after);
    if (parsed.values.json) {
        io.stdout(`${JSON.stringify(changes, null, 2)}\n`);
    } else {
        io.stdout(`${changes.length === 0 ? NO_CHANGES : changes.map((change) => change.text).join('\n')}\n`);
    }
    return EXIT_CODES.ok.code;
}
