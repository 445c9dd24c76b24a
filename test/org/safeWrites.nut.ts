import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { copyOrg, readRows, runCommand, writeRows } from '../helpers/csvOrg.ts';
import { orgArgs, recordsOf, standinLoadedFrom } from '../helpers/orgStandin.ts';
import { METADATA_DIR, REPO_ROOT } from '../../scripts/lib/paths.ts';
import type { RunReport } from '../../scripts/lib/reclassify/report.ts';
import { acquireRunLock, orgLockKey } from '../../scripts/lib/reclassify/runLock.ts';
import type { Standin } from '../../scripts/dev/standin/server.ts';

const SAMPLE = path.join(REPO_ROOT, 'data/csv');
const NIGHTS = ['2026-11-25T01:00:00.000Z', '2026-11-26T01:00:00.000Z', '2026-11-27T01:00:00.000Z'];
const LOON = '0018d0000000001AAA';

async function night(standin: Standin, now: string, args: string[] = []) {
    const out = await mkdtemp(path.join(os.tmpdir(), 'safe-writes-'));
    const result = await runCommand([...orgArgs(standin), '--out', out, '--now', now, ...args]);
    const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')) as RunReport;
    return { out, result, report };
}

/** The sample org with De heer R. Loon's potential rows changed. */
async function sampleWithLoon(change: (row: Record<string, string>) => void): Promise<string> {
    const org = await copyOrg(SAMPLE);
    const potentials = await readRows(path.join(org, 'Potential__c.csv'));
    for (const row of potentials) if (row.Account__c === LOON) change(row);
    await writeRows(path.join(org, 'Potential__c.csv'), potentials);
    return org;
}

test('org: a held installer is not written at all, and the org run decides as the offline run', async () => {
    // A row from before the validation rule on Units__c: the org holds it, the run must not classify from it.
    const org = await sampleWithLoon((row) => {
        if (row.Brand__c === 'Remeha') row.Units__c = '-5';
    });
    const offlineOut = await mkdtemp(path.join(os.tmpdir(), 'safe-writes-'));
    const offline = await runCommand(['--from-csv', org, '--out', offlineOut, '--now', NIGHTS[0]!]);
    assert.equal(offline.exitCode, 1);
    const standin = await standinLoadedFrom(org);
    try {
        const online = await night(standin, NIGHTS[0]!);
        assert.equal(online.result.exitCode, 1, online.result.stderr);
        assert.equal(
            await readFile(path.join(online.out, 'Brand_Detail__c.update.csv'), 'utf8'),
            await readFile(path.join(offlineOut, 'Brand_Detail__c.update.csv'), 'utf8')
        );
        const loon = (await recordsOf(standin, 'Brand_Detail__c')).filter((row) => row.Account__c === LOON);
        assert.deepEqual(
            loon.map((row) => [row.Customer_Type__c, row.Classified_At__c]),
            [
                ['', ''],
                ['', '']
            ],
            'his brand details as they were'
        );
        const errors = await readRows(path.join(online.out, 'errors.csv'));
        const held = errors.filter((error) => /^held: installer 0018d0000000001AAA/.test(error.Reason ?? ''));
        assert.equal(held.length, 2);
        assert.match(held[0]?.Reason ?? '', /Potential__c a028d0000000003AAA: Units__c "-5" is negative/);
        assert.equal(online.report.records.written, 313, 'every other unlocked brand detail');
    } finally {
        await standin.close();
    }
});

test('org: a night that finds far fewer records than the last complete run writes nothing (exit 5)', async () => {
    const standin = await standinLoadedFrom(SAMPLE);
    try {
        const first = await night(standin, NIGHTS[0]!);
        assert.equal(first.result.exitCode, 0, first.result.stderr);
        // A query that misses a fifth of the brand details, and one real change that would be written.
        const details = await recordsOf(standin, 'Brand_Detail__c', ['Id', 'Account__c']);
        standin.store.delete(
            'Brand_Detail__c',
            details.slice(-64).map((row) => row.Id ?? '')
        );
        const kept = new Set(details.slice(0, -64).map((row) => row.Account__c));
        const [sales] = (await recordsOf(standin, 'Potential__c', ['Id', 'Account__c', 'Source__c'])).filter(
            (row) => row.Source__c === 'Sales' && kept.has(row.Account__c)
        );
        assert.ok(sales, 'an installer with a sales row keeps its brand detail');
        const edit = await fetch(
            `${standin.instanceUrl}/services/data/v${standin.apiVersion}/composite/sobjects`,
            {
                method: 'PATCH',
                headers: {
                    Authorization: `Bearer ${standin.accessToken}`,
                    'Content-Type': 'application/json'
                },
                body: JSON.stringify({
                    allOrNone: true,
                    records: [{ attributes: { type: 'Potential__c' }, Id: sales.Id, Units__c: 99 }]
                })
            }
        );
        assert.ok(edit.ok);
        standin.resetStats();
        const stopped = await night(standin, NIGHTS[1]!);
        assert.equal(stopped.result.exitCode, 5, stopped.result.stderr);
        assert.match(
            stopped.report.outcome.reason,
            /Brand_Detail__c: 320 records at the last complete run, 256 now \(20% fewer, more than 10%\)/
        );
        assert.equal(standin.stats().recordsWritten.Brand_Detail__c ?? 0, 0, 'nothing written');
        const allowed = await night(standin, NIGHTS[2]!, ['--allow-mass-change']);
        assert.equal(allowed.result.exitCode, 0, allowed.result.stderr);
        assert.ok(allowed.report.records.written > 0);
    } finally {
        await standin.close();
    }
});

test('org: --reestimate gives keyless Schatting rows their Key__c instead of adding rows beside them', async () => {
    // As `sf data tree import` loads them: the org assigns the Account Ids, so Key__c stays blank.
    const org = await sampleWithLoon((row) => {
        row.Key__c = '';
    });
    const standin = await standinLoadedFrom(org);
    const loonRows = async () =>
        (
            await recordsOf(standin, 'Potential__c', ['Id', 'Account__c', 'Brand__c', 'Units__c', 'Key__c'])
        ).filter((row) => row.Account__c === LOON);
    try {
        const before = await loonRows();
        assert.equal(before.length, 4);
        const plain = await night(standin, NIGHTS[0]!);
        assert.equal(plain.result.exitCode, 0, plain.result.stderr);
        assert.deepEqual(await loonRows(), before, 'without --reestimate his earlier estimate stays');

        const refreshed = await night(standin, NIGHTS[1]!, ['--reestimate']);
        assert.equal(refreshed.result.exitCode, 0, refreshed.result.stderr);
        const keyed = await readRows(path.join(refreshed.out, 'Potential__c.update.csv'));
        assert.deepEqual(keyed.map((row) => row.Id).sort(), before.map((row) => row.Id).sort());
        const after = await loonRows();
        assert.deepEqual(
            after.map((row) => row.Id).slice(0, 4),
            before.map((row) => row.Id),
            'the same rows, no second row for one key'
        );
        assert.ok(after.every((row) => row.Key__c === `${LOON}|Ketels|${row.Brand__c}`));
        const again = await night(standin, NIGHTS[2]!, ['--reestimate']);
        assert.equal(again.result.exitCode, 0, again.result.stderr);
        assert.equal(again.report.records.potentialsToKey, 0, 'every row carries its key now');
        assert.equal(again.report.records.heldInstallers, 0);
    } finally {
        await standin.close();
    }
});

test("org: a brand detail the org refuses holds back its installer's estimate rows; the others are written", async () => {
    // An org where the Keep value was not deployed yet: every brand detail classified Keep is refused.
    const metadata = await mkdtemp(path.join(os.tmpdir(), 'metadata-'));
    await cp(METADATA_DIR, metadata, { recursive: true });
    const values = path.join(metadata, 'globalValueSets/Customer_Types.globalValueSet-meta.xml');
    const keep = /<customValue>\s*<fullName>Keep<\/fullName>[\s\S]*?<\/customValue>/;
    await writeFile(values, (await readFile(values, 'utf8')).replace(keep, ''));
    const standin = await standinLoadedFrom(SAMPLE, { metadataDir: metadata });
    try {
        const { out, result } = await night(standin, NIGHTS[0]!);
        assert.equal(result.exitCode, 1, result.stderr);
        const errors = await readRows(path.join(out, 'errors.csv'));
        const accountOf = new Map(
            (await readRows(path.join(SAMPLE, 'Brand_Detail__c.csv'))).map((row) => [row.Id, row.Account__c])
        );
        const refused = new Set(
            errors
                .filter((error) => error.Object === 'Brand_Detail__c')
                .map((error) => accountOf.get(error.Id))
        );
        const heldBack = new Set(
            errors
                .filter((error) => error.Object === 'Potential__c')
                .map(
                    (error) =>
                        /a brand detail of installer (\w+) could not be written/.exec(error.Reason ?? '')?.[1]
                )
        );
        assert.ok(heldBack.size > 0, 'some refused brand details belong to estimated installers');
        assert.deepEqual(
            [...heldBack].filter((account) => !refused.has(account)),
            []
        );
        const estimated = new Set(
            (await recordsOf(standin, 'Potential__c'))
                .filter((row) => row.Source__c === 'Schatting')
                .map((row) => row.Account__c)
        );
        assert.deepEqual(
            [...heldBack].filter((account) => estimated.has(account)),
            [],
            'none of their rows'
        );
        assert.ok(estimated.size > 0, "the other installers' estimate rows are written");
    } finally {
        await standin.close();
    }
});

test('org: a run refused because another holds the lock prints one JSON document', async () => {
    const standin = await standinLoadedFrom(SAMPLE);
    const lock = await acquireRunLock(orgLockKey({ orgId: standin.orgId }), 'org nightly');
    try {
        const busy = await runCommand([...orgArgs(standin), '--json']);
        assert.equal(busy.exitCode, 4);
        const document = JSON.parse(busy.stdout) as Pick<RunReport, 'outcome'>;
        assert.equal(document.outcome.status, 'busy');
        assert.match(document.outcome.reason, /another reclassification of .* is running/);
    } finally {
        await lock.release();
        await standin.close();
    }
});
