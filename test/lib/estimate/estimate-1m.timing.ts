/**
 * Timing of the estimator on a synthetic base of 1,000,000 installers (40% without potential), not a test:
 *   node --import tsx test/lib/estimate/estimate-1m.timing.ts [installers]
 * Prints the seconds of generation (into the table) and of estimatePotentials (wall and CPU, including reading
 * every row to upsert once), and the peak RSS.
 */
import { loadConfig } from '../../../scripts/lib/config.ts';
import { InstallerTable } from '../../../scripts/lib/reclassify/installers.ts';
import { readPicklists } from '../../../scripts/lib/picklists.ts';
import { estimatePotentials } from '../../../scripts/lib/reclassify/estimate/index.ts';
import { generateInstallers } from '../../../scripts/dev/synthetic/generator.ts';
import { addRow, estimateRows } from './syntheticTable.ts';

const installers = Number(process.argv[2] ?? 1_000_000);
const picklists = readPicklists();
const config = loadConfig(undefined, picklists);
const table = new InstallerTable(config, picklists);
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

let started = performance.now();
for (const installer of generateInstallers({ seed: 1, installers, config, picklists })) {
    const index = table.add(installer.account);
    if (index === undefined) continue;
    table.markWritable(index);
    for (const row of installer.potentials) {
        addRow(table, index, row.Product_Group__c, row.Brand__c, row.Units__c, row.Source__c);
    }
}
const generated = (performance.now() - started) / 1000;
globalThis.gc?.();
const rssBefore = process.memoryUsage().rss;

started = performance.now();
const cpuBefore = process.cpuUsage();
const outcome = estimatePotentials(table, { reestimate: false, seed: 1, config });
const rows = estimateRows(table).length;
const estimated = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);

console.log(
    JSON.stringify(
        {
            installers,
            generateIntoTableSeconds: Number(generated.toFixed(2)),
            estimateSeconds: Number(estimated.toFixed(2)),
            estimateCpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
            trainingCount: outcome.trainingCount,
            estimatedCount: outcome.estimatedCount,
            rows,
            rssBeforeEstimate: mb(rssBefore),
            rssAfter: mb(process.memoryUsage().rss),
            peakRss: mb(process.resourceUsage().maxRSS * 1024),
            quality: outcome.quality
        },
        null,
        2
    )
);
