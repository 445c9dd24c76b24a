/**
 * Regenerates the bundled sample org in data/ (for `npm run demo` and a scratch org):
 *   npx tsx scripts/dev/generate-sample-data.ts [--out data] [--installers 250] [--seed 20261125] [--today 2026-11-20]
 * Writes data/csv/{Account,Brand_Detail__c,Potential__c}.csv (Data Loader / Bulk API CSV with Ids) and
 * data/tree/ (an `sf data tree import` plan and its sObject tree files). Same arguments, same bytes.
 *
 * The first installer is "De heer R. Loon" of the design (docs/domain.md): 40 boilers a year of which 10 VG, an estimate from an
 * earlier run (Source__c Schatting: Vaillant 6, AWB 4, Remeha 18, Intergas 12), so that a run without
 * --reestimate classifies him exactly as the design's example (Grow, segment 30+, "Potentie is een schatting")
 * and a run with --reestimate shows the estimator refreshing his rows.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as prettier from 'prettier';
import { z } from 'zod';
import { loadConfig } from '../lib/config.ts';
import { REPO_ROOT } from '../lib/paths.ts';
import { readPicklists } from '../lib/picklists.ts';
import {
    generateInstallers,
    KEY_PREFIXES,
    salesforceId,
    writeSyntheticCsv,
    type SyntheticInstaller,
    type SyntheticPotential
} from './synthetic/generator.ts';
import { sampleDataTree, TREE_FILES } from './synthetic/tree.ts';

const argsSchema = z.object({
    out: z.string().min(1).default(path.join(REPO_ROOT, 'data')),
    installers: z.coerce.number().int().min(1).max(5000).default(250),
    seed: z.coerce.number().int().nonnegative().default(20261125),
    today: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'is not a date (YYYY-MM-DD)')
        .default('2026-11-20')
});

/** De heer R. Loon: his Account, brand details and the earlier estimate (Schatting) rows. */
function loon(
    picklists: ReturnType<typeof readPicklists>,
    config: ReturnType<typeof loadConfig>
): SyntheticInstaller {
    const accountId = salesforceId(KEY_PREFIXES.account, 1);
    const size = picklists.companySizes[1] ?? null;
    const rows: [string, number][] = [
        ['Vaillant', 6],
        ['AWB', 4],
        ['Remeha', 18],
        ['Intergas', 12]
    ];
    const potentials: SyntheticPotential[] = rows.map(([brand, units], index) => ({
        Id: salesforceId(KEY_PREFIXES.potential, index + 1),
        Account__c: accountId,
        Product_Group__c: config.boilerProductGroup,
        Brand__c: brand,
        Units__c: units,
        Source__c: config.potentialSources.estimate,
        Key__c: `${accountId}|${config.boilerProductGroup}|${brand}`
    }));
    const units = [...config.vgBrands, ...config.competitorBrands].map(
        (brand) => rows.find(([name]) => name === brand)?.[1] ?? 0
    );
    return {
        account: {
            Id: accountId,
            Name: 'De heer R. Loon',
            BillingCity: 'Apeldoorn',
            Company_Size__c: size,
            Market_Type__c: 'Renovatie',
            Product_Focus__c: ['Ketels'],
            Services__c: ['Onderhoud en Service', 'Installatie'],
            Revenue_12M__c: 14250,
            VG_Units_12M__c: 10
        },
        brandDetails: config.vgBrands.map((brand, index) => ({
            Id: salesforceId(KEY_PREFIXES.brandDetail, index + 1),
            Name: `${brand} - De heer R. Loon`,
            Account__c: accountId,
            Brand__c: brand,
            Potential_Growth__c: 'Groeiend',
            Last_Visit_Date__c: index === 0 ? '2026-09-14' : null,
            Classification_Locked__c: false
        })),
        potentials,
        truth: { boilerUnits: units, total: 40, vg: 10, hasPotentialRows: true }
    };
}

async function writeJson(file: string, value: unknown): Promise<void> {
    const text = await prettier.format(JSON.stringify(value), {
        parser: 'json',
        tabWidth: 4,
        printWidth: 110
    });
    await writeFile(file, text);
}

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: {
            out: { type: 'string' },
            installers: { type: 'string' },
            seed: { type: 'string' },
            today: { type: 'string' }
        }
    });
    const parsed = argsSchema.safeParse(values);
    if (!parsed.success) {
        throw new Error(
            parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('\n')
        );
    }
    const args = parsed.data;
    const picklists = readPicklists();
    const config = loadConfig(undefined, picklists);
    const first = loon(picklists, config);
    const installers = [
        first,
        ...generateInstallers({
            seed: args.seed,
            installers: args.installers - 1,
            config,
            picklists,
            today: args.today,
            firstSerial: {
                account: 2,
                brandDetail: first.brandDetails.length + 1,
                potential: first.potentials.length + 1
            }
        })
    ];

    const csvDir = path.join(args.out, 'csv');
    const treeDir = path.join(args.out, 'tree');
    await rm(csvDir, { recursive: true, force: true });
    await rm(treeDir, { recursive: true, force: true });
    const counts = await writeSyntheticCsv(installers, csvDir);
    await mkdir(treeDir, { recursive: true });
    const { plan, trees } = sampleDataTree(installers);
    await writeJson(path.join(treeDir, 'sample-data-plan.json'), plan);
    for (const object of Object.keys(TREE_FILES) as (keyof typeof TREE_FILES)[]) {
        await writeJson(path.join(treeDir, TREE_FILES[object]), trees[object]);
    }
    const withoutPotential = installers.filter((installer) => !installer.truth.hasPotentialRows).length;
    console.log(
        `Wrote ${counts.Account} accounts (${withoutPotential} without potential), ${counts.Brand_Detail__c} brand details and ` +
            `${counts.Potential__c} potential rows to ${path.relative(process.cwd(), args.out) || '.'}`
    );
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
});
