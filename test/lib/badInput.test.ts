import { test } from 'node:test';
import { existsSync } from 'node:fs';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { copyOrg, readRows, runCommand, writeRows } from '../helpers/csvOrg.ts';
import { REPO_ROOT } from '../../scripts/lib/paths.ts';

const FIXTURE = path.join(REPO_ROOT, 'test/fixtures/small');
const NOW = '2026-11-25T01:00:00.000Z';
const outDir = () => mkdtemp(path.join(os.tmpdir(), 'bad-input-'));

async function errorsOf(org: string) {
    const out = await outDir();
    const result = await runCommand(['--from-csv', org, '--out', out, '--no-estimate', '--now', NOW]);
    const errors = await readRows(path.join(out, 'errors.csv'));
    const updates = await readRows(path.join(out, 'Brand_Detail__c.update.csv'));
    return {
        result,
        errors: errors.map((error) => `${error.Id} ${error.Object}.${error.Field}: ${error.Reason}`),
        updates
    };
}

test('an unknown product group and a second brand detail of one brand are per-record errors', async () => {
    const org = await copyOrg(FIXTURE);
    const potentials = await readRows(path.join(org, 'Potential__c.csv'));
    potentials.push({
        ...potentials[0]!,
        Id: 'a02000000000081AAA',
        Product_Group__c: 'Zonneboiler',
        Key__c: 'x'
    });
    await writeRows(path.join(org, 'Potential__c.csv'), potentials);
    const details = await readRows(path.join(org, 'Brand_Detail__c.csv'));
    details.push({ ...details[0]!, Id: 'a01000000000081AAA' });
    await writeRows(path.join(org, 'Brand_Detail__c.csv'), details);
    const { result, errors, updates } = await errorsOf(org);
    assert.equal(result.exitCode, 1);
    assert.ok(
        errors.some((line) =>
            /^a02000000000081AAA Potential__c.Product_Group__c: Zonneboiler is not one of Ketels, Lucht-warmtepomp, Grond-warmtepomp$/.test(
                line
            )
        ),
        errors.join('\n')
    );
    assert.ok(
        errors.some((line) =>
            /^a01000000000081AAA Brand_Detail__c.Brand__c: the installer has a second Vaillant brand detail/.test(
                line
            )
        ),
        errors.join('\n')
    );
    assert.deepEqual(
        updates.map((row) => row.Id),
        ['a01000000000002AAA', 'a01000000000004AAA'],
        'the installer of the bad rows is held; the others are classified as before'
    );
});

test('a BOM, Windows-1252 text and semicolons (Excel in a Dutch locale) are read as Data Loader CSV', async () => {
    const org = await copyOrg(FIXTURE);
    const accounts = await readFile(path.join(org, 'Account.csv'), 'utf8');
    const withAccent = accounts.replace('Jansen Warmte', 'Jansen Warmte & Zoon Hengelo (Ov.) – café');
    // Windows-1252 for Account (é and – as single bytes), UTF-8 with BOM for the brand details, semicolons for potentials.
    const cp1252 = Buffer.from(withAccent.replace('–', '\u0096'), 'latin1');
    await writeFile(path.join(org, 'Account.csv'), cp1252);
    const details = await readFile(path.join(org, 'Brand_Detail__c.csv'), 'utf8');
    await writeFile(path.join(org, 'Brand_Detail__c.csv'), `\uFEFF${details}`);
    const potentials = await readRows(path.join(org, 'Potential__c.csv'));
    const header = Object.keys(potentials[0]!);
    await writeFile(
        path.join(org, 'Potential__c.csv'),
        [header.join(';'), ...potentials.map((row) => header.map((column) => row[column]).join(';'))].join(
            '\r\n'
        )
    );
    const out = await outDir();
    const result = await runCommand([
        '--from-csv',
        org,
        '--out',
        out,
        '--no-estimate',
        '--now',
        NOW,
        '--json'
    ]);
    assert.equal(result.exitCode, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.equal(report.records.rejected, 0);
    assert.equal(report.records.changed, 3);
});

test('the reader keeps non-ASCII names intact through a Windows-1252 file', async () => {
    const org = await copyOrg(FIXTURE);
    const accounts = await readFile(path.join(org, 'Account.csv'), 'utf8');
    await writeFile(
        path.join(org, 'Account.csv'),
        Buffer.from(accounts.replace('Jansen Warmte', 'Café Müller'), 'latin1')
    );
    const details = await readRows(path.join(org, 'Brand_Detail__c.csv'));
    details[3] = { ...details[3]!, Customer_Type__c: 'Keep' }; // a stored Keep that is really Get: a downgrade, listed by name
    await writeRows(path.join(org, 'Brand_Detail__c.csv'), details);
    const result = await runCommand([
        '--from-csv',
        org,
        '--out',
        await outDir(),
        '--no-estimate',
        '--now',
        NOW,
        '--json'
    ]);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.deepEqual(
        JSON.parse(result.stdout).downgrades.map((entry: { accountName: string }) => entry.accountName),
        ['Café Müller']
    );
});

test("an unknown --target-org is refused with the Salesforce CLI's reason", async () => {
    // The project's own sf, with a home of its own in which it knows no org; an sf on PATH is never asked.
    const home = await mkdtemp(path.join(os.tmpdir(), 'sf-home-'));
    const bin = await mkdtemp(path.join(os.tmpdir(), 'other-sf-'));
    await writeFile(path.join(bin, 'sf'), '#!/bin/sh\necho \'{"status":0,"result":{}}\'\n');
    await chmod(path.join(bin, 'sf'), 0o755);
    const saved = { HOME: process.env.HOME, PATH: process.env.PATH };
    Object.assign(process.env, { HOME: home, PATH: `${bin}:${saved.PATH ?? ''}` });
    try {
        const out = await outDir();
        const result = await runCommand(['--target-org', 'nope', '--out', out]);
        assert.equal(result.exitCode, 2);
        // It promises only what it wrote: the summary says nothing was read, and names reports that are there.
        assert.match(result.stdout, /^Nothing read or written: the run stopped before it read anything\.$/m);
        assert.doesNotMatch(result.stdout, /Type klant|Segment/, 'no tables of zeros');
        for (const file of /^Reports: (\S+) \(open in a browser\), (\S+); errors: (\S+)$/m
            .exec(result.stdout)
            ?.slice(1) ?? [''])
            assert.ok(existsSync(file), `${file} was written`);
        assert.ok(existsSync(path.join(out, 'report.json')));
        const [line] = result.stderr.split('\n');
        assert.match(
            line ?? '',
            /^Failed: cannot use org "nope" from the Salesforce CLI \(sf org (display|auth show-access-token)\): .*No authorization information found for nope\..* — log in with `npx sf org login web --alias ALIAS`/
        );
        const json = await runCommand(['--target-org', 'nope', '--out', await outDir(), '--json']);
        assert.equal(JSON.parse(json.stdout).outcome.status, 'failed', 'one JSON document, also here');
    } finally {
        Object.assign(process.env, saved);
        await Promise.all([home, bin].map((dir) => rm(dir, { recursive: true, force: true })));
    }
});
