import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { loadConfig } from '../scripts/lib/config.ts';
import { readPicklists } from '../scripts/lib/picklists.ts';
import {
    generateInstallers,
    writeSyntheticCsv,
    type CsvCounts,
    type SyntheticInstaller
} from '../scripts/dev/synthetic/generator.ts';
import { Random } from '../scripts/lib/random.ts';

/** What a generated org holds, and what its "nightly change" file will move. */
export type DataSet = {
    dir: string;
    brandDetails: number;
    seed: number;
    changeShare: number;
    counts: CsvCounts;
    installers: number;
    installersWithoutPotential: number;
    /** Potential__c rows edited by the nightly change (Units__c of one sales boiler row per chosen installer). */
    changedPotentialRows: number;
    /** Brand details of the chosen installers: what the nightly run should write (minus the locked ones). */
    changedBrandDetails: number;
    changedBrandDetailsLocked: number;
    generatedSeconds: number;
};

/** The CSV folder the nightly change is sent from (Id, Units__c of Potential__c), next to the org's CSVs. */
export const CHANGE_FILE = 'Potential__c.change.csv';
const MANIFEST = 'dataset.json';

/**
 * The synthetic org of about `brandDetails` brand details (scripts/dev/synthetic/generator.ts: 1–2 VG brand details per
 * installer, ~3 potential rows per filled installer, 40% of installers without potential), written as Data
 * Loader CSVs under bench/runs/data/, cached by size and seed. Alongside it a change file: for a share
 * `changeShare` of the brand details, their installer's first sales boiler row gets 1–5 more units, which
 * really changes their classification (the total and the explanation move), as a night of account-manager
 * edits would.
 */
export async function dataSet(
    root: string,
    brandDetails: number,
    seed: number,
    changeShare: number
): Promise<DataSet> {
    const dir = path.join(root, `bd-${brandDetails}-seed-${seed}-change-${changeShare}`);
    const cached = await readFile(path.join(dir, MANIFEST), 'utf8').then(
        (text) => JSON.parse(text) as DataSet,
        () => undefined
    );
    if (cached) return { ...cached, dir };

    const started = performance.now();
    const building = `${dir}.building`;
    await rm(building, { recursive: true, force: true });
    await mkdir(building, { recursive: true });
    const picklists = readPicklists();
    const config = loadConfig(undefined, picklists);
    // The change picks installers with a sales boiler row, on its own seeded stream so the org stays the same.
    const chooser = new Random(seed ^ 0x5eed);
    const filledShare = 0.6;
    const stats = { installers: 0, withoutPotential: 0, changedRows: 0, changedDetails: 0, changedLocked: 0 };
    // A few percent of the rows: small enough to keep until the end.
    const changed: string[][] = [['Id', 'Units__c']];
    function* tracked(): Generator<SyntheticInstaller> {
        for (const installer of generateInstallers({
            seed,
            installers: Number.MAX_SAFE_INTEGER,
            untilBrandDetails: brandDetails,
            config,
            picklists
        })) {
            stats.installers++;
            if (installer.potentials.length === 0) stats.withoutPotential++;
            const boiler = installer.potentials.find(
                (row) =>
                    row.Product_Group__c === config.boilerProductGroup &&
                    row.Source__c === config.potentialSources.sales
            );
            if (boiler && chooser.chance(changeShare / filledShare)) {
                changed.push([boiler.Id, String(boiler.Units__c + 1 + chooser.int(5))]);
                stats.changedRows++;
                stats.changedDetails += installer.brandDetails.length;
                stats.changedLocked += installer.brandDetails.filter(
                    (detail) => detail.Classification_Locked__c
                ).length;
            }
            yield installer;
        }
    }
    const counts = await writeSyntheticCsv(tracked(), building);
    await writeFile(path.join(building, CHANGE_FILE), stringify(changed, { record_delimiter: 'unix' }));
    const data: DataSet = {
        dir,
        brandDetails,
        seed,
        changeShare,
        counts,
        installers: stats.installers,
        installersWithoutPotential: stats.withoutPotential,
        changedPotentialRows: stats.changedRows,
        changedBrandDetails: stats.changedDetails,
        changedBrandDetailsLocked: stats.changedLocked,
        generatedSeconds: Math.round((performance.now() - started) / 100) / 10
    };
    await writeFile(path.join(building, MANIFEST), `${JSON.stringify(data, null, 2)}\n`);
    await rm(dir, { recursive: true, force: true });
    await rename(building, dir);
    return data;
}
