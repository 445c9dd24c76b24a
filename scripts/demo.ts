import { cp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { reclassify } from './lib/reclassify/command.ts';
import { REPO_ROOT } from './lib/paths.ts';
import { newOrgId } from './dev/standin/auth.ts';
import { startStandin } from './dev/standin/server.ts';

/**
 * `npm run demo`: the nightly job, for real, against the local Salesforce API stand-in loaded with the sample
 * org in data/. The org is saved in out/demo/org/ (its records with who changed them when, its follow-up tasks,
 * its org id, and the state the nightly job keeps of it), so the next demo is the next night of the same org: it
 * starts from what this one wrote, and when nothing changed its change check finds that out with a few COUNT()
 * queries. `--create-tasks` is passed on to the command; `--dir DIR` keeps all of it in DIR instead of out/demo
 * (the tests' own demo nights).
 */
const OBJECTS = ['Account', 'Potential__c', 'Brand_Detail__c', 'Task'];
/** Fields saved besides the sample's columns (data/csv has no owners and no tasks); no formula fields. */
const MORE_FIELDS: Record<string, string[]> = {
    Account: ['OwnerId'],
    Task: [
        'Id',
        'OwnerId',
        'WhatId',
        'Subject',
        'Description',
        'ActivityDate',
        'Status',
        'Priority',
        'Follow_Up_Key__c',
        'Follow_Up_Reason__c'
    ]
};
/** Kept with each record, so that the next night's change check sees what changed since this one. */
const AUDIT_FIELDS = ['CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp'];
const SAMPLE_DIR = path.join(REPO_ROOT, 'data/csv');

const { values } = parseArgs({
    options: {
        reset: { type: 'boolean', default: false },
        'create-tasks': { type: 'boolean', default: false },
        dir: { type: 'string', default: 'out/demo' }
    }
});
const DEMO_DIR = path.resolve(REPO_ROOT, values.dir);
const STATE_DIR = path.join(DEMO_DIR, 'org');
const ORG_FILE = path.join(STATE_DIR, 'org.json');
const SHOWN_STATE_DIR = STATE_DIR.startsWith(`${REPO_ROOT}${path.sep}`)
    ? path.relative(REPO_ROOT, STATE_DIR)
    : STATE_DIR;
if (values.reset) await rm(STATE_DIR, { recursive: true, force: true });
const fresh = !(await stat(ORG_FILE).catch(() => undefined));
if (fresh) {
    await rm(STATE_DIR, { recursive: true, force: true });
    await mkdir(DEMO_DIR, { recursive: true });
    await cp(SAMPLE_DIR, STATE_DIR, { recursive: true });
    await writeFile(ORG_FILE, `${JSON.stringify({ orgId: newOrgId() }, null, 2)}\n`);
}
const { orgId } = JSON.parse(await readFile(ORG_FILE, 'utf8')) as { orgId: string };

// The sample org's records were entered by sales before tonight, not a moment before the run.
const standin = await startStandin({ orgId, loadedAt: new Date(Date.now() - 86_400_000) });
let exitCode = 2;
try {
    for (const object of OBJECTS) {
        const file = path.join(STATE_DIR, `${object}.csv`);
        if (!(await stat(file).catch(() => undefined))) continue; // no tasks yet
        const response = await fetch(`${standin.instanceUrl}/__standin/load/${object}`, {
            method: 'POST',
            body: await readFile(file)
        });
        if (!response.ok) throw new Error(`loading ${object} into the stand-in: ${await response.text()}`);
    }
    standin.resetStats();
    process.stderr.write(
        `Local Salesforce API stand-in on ${standin.instanceUrl}, loaded with ${fresh ? 'the sample org (data/csv)' : `the state of the last demo (${SHOWN_STATE_DIR}; --reset starts over)`}\n\n`
    );
    const out = path.join(DEMO_DIR, new Date().toISOString().replace(/[:.]/g, '-'));
    exitCode = await reclassify(
        ['--out', out, ...(values['create-tasks'] ? ['--create-tasks'] : [])],
        {
            SF_INSTANCE_URL: standin.instanceUrl,
            SF_ACCESS_TOKEN: standin.accessToken,
            // The run lock and the kept state of the demo org live with it, not in the machine's temp folder.
            KLANTSEGMENTATIE_STATE_DIR: path.join(STATE_DIR, 'state')
        },
        {
            stdout: (text) => process.stdout.write(text),
            stderr: (text) => process.stderr.write(text),
            isTTY: process.stderr.isTTY
        }
    );
    for (const object of OBJECTS) {
        // The sample's columns (the fields an org export would hold, no formula fields) and the audit fields.
        const sample = path.join(SAMPLE_DIR, `${object}.csv`);
        const columns = (await stat(sample).catch(() => undefined))
            ? (await readFile(sample, 'utf8')).split(/\r?\n/, 1)[0]!.split(',')
            : [];
        const fields = [...columns, ...(MORE_FIELDS[object] ?? []), ...AUDIT_FIELDS].join(',');
        const response = await fetch(`${standin.instanceUrl}/__standin/records/${object}?fields=${fields}`);
        await writeFile(path.join(STATE_DIR, `${object}.csv`), await response.text());
    }
    process.stdout.write(
        `\nThe org (${orgId}) is saved in ${SHOWN_STATE_DIR}; run \`npm run demo\` again for the next night: nothing changed, so it reads and writes nothing.\n`
    );
} finally {
    await standin.close();
}
process.exitCode = exitCode;
