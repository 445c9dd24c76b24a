import { Connection, type Record as SfRecord } from 'jsforce';
import { parseArgs } from 'node:util';
import {
    addPotentialRow,
    brandDetailFields,
    classify,
    emptyBoilerPotential,
    type BoilerPotential
} from '../force-app/main/default/lwc/segmentRules/segmentRules.js';
import { loadConfig } from '../scripts/lib/config.ts';
import { API_VERSION } from '../scripts/lib/paths.ts';

/**
 * The baseline: the nightly job a developer would write with jsforce without thinking about the API allowance.
 *   SF_INSTANCE_URL=… SF_ACCESS_TOKEN=… node --import tsx bench/baseline.ts [--now ISO]
 * Reads the three objects with the REST query resource, following nextRecordsUrl (2,000 records a page),
 * classifies with the same rules module as the command (aggregating potential per installer as the pages go
 * by, no row kept), and then updates EVERY brand detail through sObject Collections, 200 records a request:
 * no diff against the stored values, no Bulk API. Only the hand-locked brand details are left alone, since the
 * rules forbid writing them. No estimate: installers without potential are classified without it (which
 * makes the baseline's work smaller than the command's, not larger).
 * Prints one JSON line: records read, written, failed.
 */
const { values } = parseArgs({ options: { now: { type: 'string' } } });
const now = values.now ?? new Date().toISOString();
const instanceUrl = process.env.SF_INSTANCE_URL;
const accessToken = process.env.SF_ACCESS_TOKEN;
if (!instanceUrl || !accessToken) throw new Error('set SF_INSTANCE_URL and SF_ACCESS_TOKEN');

const config = loadConfig();
const conn = new Connection({ instanceUrl, accessToken, version: API_VERSION });

async function* queryAll(soql: string): AsyncGenerator<SfRecord> {
    let page = await conn.query<SfRecord>(soql);
    for (;;) {
        yield* page.records;
        if (page.done || !page.nextRecordsUrl) return;
        page = await conn.queryMore<SfRecord>(page.nextRecordsUrl);
    }
}

type Installer = { revenue12m: number | null; vgUnits12m: number | null; potential: BoilerPotential };
const installers = new Map<string, Installer>();
for await (const account of queryAll('SELECT Id, Revenue_12M__c, VG_Units_12M__c FROM Account')) {
    installers.set(account.Id as string, {
        revenue12m: (account.Revenue_12M__c as number | null) ?? null,
        vgUnits12m: (account.VG_Units_12M__c as number | null) ?? null,
        potential: emptyBoilerPotential()
    });
}
let potentials = 0;
for await (const row of queryAll(
    'SELECT Account__c, Product_Group__c, Brand__c, Units__c, Source__c FROM Potential__c'
)) {
    potentials++;
    const installer = installers.get(row.Account__c as string);
    if (!installer) continue;
    addPotentialRow(
        installer.potential,
        {
            productGroup: row.Product_Group__c as string,
            brand: row.Brand__c as string,
            units: Number(row.Units__c ?? 0),
            source: (row.Source__c as string | null) ?? ''
        },
        config
    );
}

type Detail = {
    Id: string;
    Account__c: string;
    Last_Visit_Date__c: string | null;
    Classification_Locked__c: boolean;
    VG_Ever_Had_Share__c: boolean;
};
const details: Detail[] = [];
for await (const record of queryAll(
    'SELECT Id, Account__c, Last_Visit_Date__c, Classification_Locked__c, VG_Ever_Had_Share__c FROM Brand_Detail__c'
)) {
    details.push(record as unknown as Detail);
}

let written = 0;
let failed = 0;
let batch: SfRecord[] = [];
const flush = async () => {
    if (batch.length === 0) return;
    const results = await conn
        .sobject('Brand_Detail__c')
        .update(batch as { Id: string }[], { allOrNone: false });
    for (const result of results) {
        if (result.success) written++;
        else failed++;
    }
    batch = [];
};
for (const detail of details) {
    if (detail.Classification_Locked__c) continue;
    const installer = installers.get(detail.Account__c);
    if (!installer) continue;
    const classification = classify(
        {
            revenue12m: installer.revenue12m,
            vgUnits12m: installer.vgUnits12m,
            everHadShare: detail.VG_Ever_Had_Share__c
        },
        installer.potential,
        config
    );
    batch.push({
        Id: detail.Id,
        ...brandDetailFields(classification, detail.Last_Visit_Date__c, config),
        Classified_At__c: now
    });
    if (batch.length === 200) await flush();
}
await flush();
process.stdout.write(
    `${JSON.stringify({ accountsRead: installers.size, potentialsRead: potentials, brandDetailsRead: details.length, written, failed })}\n`
);
