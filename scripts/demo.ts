import { cp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { reclassify } from './lib/command.ts';
import { REPO_ROOT } from './lib/paths.ts';
import { startStandin } from './dev/standin/server.ts';

/**
 * `npm run demo`: the nightly job, for real, against the local Salesforce API stand-in loaded with the sample
 * org in data/. The stand-in's state is saved in out/demo/org/, so the next demo starts from what this one wrote.
 */
const OBJECTS = ['Account', 'Potential__c', 'Brand_Detail__c'];
const DEMO_DIR = path.join(REPO_ROOT, 'out/demo');
const STATE_DIR = path.join(DEMO_DIR, 'org');
const SAMPLE_DIR = path.join(REPO_ROOT, 'data/csv');

const { values } = parseArgs({ options: { reset: { type: 'boolean', default: false } } });
if (values.reset) await rm(STATE_DIR, { recursive: true, force: true });
const fresh = !(await stat(STATE_DIR).catch(() => undefined));
if (fresh) {
    await mkdir(DEMO_DIR, { recursive: true });
    await cp(SAMPLE_DIR, STATE_DIR, { recursive: true });
}

const standin = await startStandin();
let exitCode = 2;
try {
    for (const object of OBJECTS) {
        const response = await fetch(`${standin.instanceUrl}/__standin/load/${object}`, {
            method: 'POST',
            body: await readFile(path.join(STATE_DIR, `${object}.csv`))
        });
        if (!response.ok) throw new Error(`loading ${object} into the stand-in: ${await response.text()}`);
    }
    standin.resetStats();
    process.stderr.write(
        `Local Salesforce API stand-in on ${standin.instanceUrl}, loaded with ${fresh ? 'the sample org (data/csv)' : 'the state of the last demo (out/demo/org; --reset starts over)'}\n\n`
    );
    const out = path.join(DEMO_DIR, new Date().toISOString().replace(/[:.]/g, '-'));
    exitCode = await reclassify(
        ['--out', out],
        { SF_INSTANCE_URL: standin.instanceUrl, SF_ACCESS_TOKEN: standin.accessToken },
        {
            stdout: (text) => process.stdout.write(text),
            stderr: (text) => process.stderr.write(text),
            isTTY: process.stderr.isTTY
        }
    );
    for (const object of OBJECTS) {
        // The sample's columns: the fields an org export would hold (no formula or system fields).
        const columns = (await readFile(path.join(SAMPLE_DIR, `${object}.csv`), 'utf8')).split(/\r?\n/, 1)[0];
        const response = await fetch(`${standin.instanceUrl}/__standin/records/${object}?fields=${columns}`);
        await writeFile(path.join(STATE_DIR, `${object}.csv`), await response.text());
    }
    process.stdout.write(
        `\nThe org's state is saved in ${path.relative(REPO_ROOT, STATE_DIR)}; run \`npm run demo\` again: it writes 0.\n`
    );
} finally {
    await standin.close();
}
process.exitCode = exitCode;
