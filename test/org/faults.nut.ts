import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readRows, runCommand } from '../helpers/csvOrg.ts';
import { BOUNDARY_CASES, writeBoundaryOrg } from '../helpers/boundaryOrg.ts';
import { orgArgs, recordsOf, standinLoadedFrom } from '../helpers/orgStandin.ts';
import { METADATA_DIR } from '../../scripts/lib/paths.ts';
import { acquireRunLock, orgLockKey } from '../../scripts/lib/runLock.ts';
import type { StandinOptions } from '../../scripts/dev/standin/server.ts';

const NOW = '2026-11-25T01:00:00.000Z';
const CHANGING = BOUNDARY_CASES.length - 1; // all but the hand-locked record
/** Faults pick their request by what it is, never by its number (each added request would shift those). */
const WRITE = { method: 'PATCH', path: '/composite/sobjects' } as const;
const FIRST_COUNT = { method: 'GET', path: '/query', query: 'COUNT()' } as const;
const POTENTIAL_READ = { method: 'GET', path: '/query', query: 'Units__c' } as const; // the first such read
const outDir = () => mkdtemp(path.join(os.tmpdir(), 'reclassify-fault-'));
const report = async (out: string) => JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
const classified = async (standin: Awaited<ReturnType<typeof standinLoadedFrom>>) =>
    (await recordsOf(standin, 'Brand_Detail__c', ['Id', 'Classified_At__c'])).filter(
        (row) => row.Classified_At__c !== ''
    ).length;

/** Runs the command against a fresh stand-in holding `cases` with the given faults; returns what happened. */
async function runWithFaults(options: StandinOptions, args: string[] = [], cases = BOUNDARY_CASES) {
    const standin = await standinLoadedFrom(await writeBoundaryOrg(cases), options);
    const out = await outDir();
    const result = await runCommand([
        ...orgArgs(standin),
        '--out',
        out,
        '--no-estimate',
        '--now',
        NOW,
        ...args
    ]);
    return { standin, out, result };
}

test('an expired session is renewed through client credentials and the run goes on', async () => {
    const standin = await standinLoadedFrom(await writeBoundaryOrg(), {
        clientId: 'nightly-app',
        clientSecret: 's3cret-xyz',
        faults: [{ effect: 'expireSession', ...FIRST_COUNT }]
    });
    try {
        const env = {
            SF_INSTANCE_URL: standin.instanceUrl,
            SF_CLIENT_ID: 'nightly-app',
            SF_CLIENT_SECRET: 's3cret-xyz'
        };
        const result = await runCommand(['--out', await outDir(), '--no-estimate', '--now', NOW], env);
        assert.equal(result.exitCode, 0, result.stderr);
        assert.equal(await classified(standin), CHANGING);
        assert.equal(standin.stats().requests.auth, 2, 'logged in, then again after the 401');
    } finally {
        await standin.close();
    }
});

test('with a bare access token an expired session stops the run; only completed batches are written', async () => {
    const many = Array.from({ length: 23 }, () => BOUNDARY_CASES).flat(); // 460 brand details: 3 collections
    const { standin, out, result } = await runWithFaults(
        { faults: [{ effect: 'expireSession', ...WRITE }] },
        [],
        many
    );
    try {
        // The first write is refused: nothing was written.
        assert.equal(result.exitCode, 2);
        assert.match(
            result.stderr,
            /Session expired or invalid — the session expired or is invalid; a bare access token cannot be renewed/
        );
        assert.equal((await report(out)).records.written, 0);
        assert.equal(await classified(standin), 0);
    } finally {
        await standin.close();
    }
    const second = await runWithFaults(
        { faults: [{ effect: 'expireSession', ...WRITE, skip: 1 }] },
        [],
        many
    );
    try {
        assert.equal(second.result.exitCode, 2);
        const written = (await report(second.out)).records.written;
        assert.equal(written, 200, 'the first collection of 200 went through before the session expired');
        assert.equal(
            await classified(second.standin),
            written,
            'the report counts exactly what is in the org'
        );
    } finally {
        await second.standin.close();
    }
});

test('a 503 maintenance page and a reset connection are retried; a lost write is checked before it is sent again', async () => {
    const { standin, out, result } = await runWithFaults({
        faults: [
            { effect: 'unavailable', ...FIRST_COUNT },
            { effect: 'reset', ...WRITE }
        ]
    });
    try {
        assert.equal(result.exitCode, 0, result.stderr);
        assert.equal(await classified(standin), CHANGING);
        const byKind = (await report(out)).api.byKind;
        assert.equal(byKind.compositeWrite, 2, 'the write was sent again once');
        assert.equal(
            byKind.count,
            7,
            'three COUNT() queries before, the one retried after the 503, three after'
        );
        assert.equal(byKind.query, 4, 'three reads and one read-back to see what had landed');
        assert.equal(standin.stats().recordsWritten.Brand_Detail__c, CHANGING, 'no record written twice');
    } finally {
        await standin.close();
    }
    // The write lands, but its answer is lost: the read-back sees it, and it is not sent again.
    const lost = await runWithFaults({
        faults: [{ effect: 'loseResponse', ...WRITE }]
    });
    try {
        assert.equal(lost.result.exitCode, 0, lost.result.stderr);
        assert.equal((await report(lost.out)).api.byKind.compositeWrite, 1);
        assert.equal((await report(lost.out)).records.written, CHANGING);
        assert.equal(lost.standin.stats().recordsWritten.Brand_Detail__c, CHANGING);
    } finally {
        await lost.standin.close();
    }
});

test('the daily API limit stops the run cleanly, and --max-api-requests caps a run up front', async () => {
    const limited = await runWithFaults({
        faults: [{ effect: 'requestLimit', ...POTENTIAL_READ }]
    });
    try {
        assert.equal(limited.result.exitCode, 2);
        assert.match(limited.result.stderr, /daily API requests are used up/);
        const stopped = await report(limited.out);
        assert.equal(stopped.outcome.status, 'failed');
        assert.equal(stopped.records.accountsRead, BOUNDARY_CASES.length, 'how far it got');
        assert.equal(stopped.records.written, 0);
    } finally {
        await limited.standin.close();
    }
    const capped = await runWithFaults({}, ['--max-api-requests', '3']);
    try {
        assert.equal(capped.result.exitCode, 2);
        assert.match(capped.result.stderr, /cap of 3 API requests/);
        assert.ok(capped.standin.stats().totalRequests <= 3);
    } finally {
        await capped.standin.close();
    }
});

test('a failed bulk ingest job is reported with its id and its records; a rerun finishes the work', async () => {
    const { standin, out, result } = await runWithFaults(
        {
            faults: [
                {
                    effect: 'ingestFails',
                    method: 'POST',
                    path: '/jobs/ingest',
                    message: 'InvalidBatch : Failed to process query'
                }
            ]
        },
        ['--bulk-write-from', '5']
    );
    try {
        assert.equal(result.exitCode, 2);
        const failed = await report(out);
        assert.equal(failed.jobs.length, 1);
        assert.equal(failed.jobs[0].state, 'Failed');
        assert.match(result.stderr, new RegExp(`Bulk ingest job ${failed.jobs[0].id} ended Failed`));
        const errors = await readRows(path.join(out, 'errors.csv'));
        assert.equal(
            errors.length,
            CHANGING,
            'every record of the job, failed or unprocessed, with a reason'
        );
        const rerun = await runCommand([
            ...orgArgs(standin),
            '--out',
            await outDir(),
            '--no-estimate',
            '--now',
            NOW,
            '--bulk-write-from',
            '5'
        ]);
        assert.equal(rerun.exitCode, 0, rerun.stderr);
        assert.equal(await classified(standin), CHANGING);
    } finally {
        await standin.close();
    }
});

test('a bulk job still running at the poll timeout is named in the report, and the run exits non-zero', async () => {
    const { standin, out, result } = await runWithFaults(
        { faults: [{ effect: 'stuck', method: 'POST', path: '/jobs/ingest' }] },
        ['--bulk-write-from', '5', '--poll-timeout', '1']
    );
    try {
        assert.equal(result.exitCode, 2);
        const stuck = await report(out);
        assert.equal(stuck.jobs[0].state, 'InProgress');
        assert.match(
            result.stderr,
            new RegExp(`Bulk ingest job ${stuck.jobs[0].id} is still InProgress after 1 s`)
        );
    } finally {
        await standin.close();
    }
});

test('records an org refuses (restricted picklist) go to errors.csv; every other record is written', async () => {
    // An org where the value set was not deployed with Win-back yet.
    const metadata = await mkdtemp(path.join(os.tmpdir(), 'metadata-'));
    await cp(METADATA_DIR, metadata, { recursive: true });
    const gvs = path.join(metadata, 'globalValueSets/Customer_Types.globalValueSet-meta.xml');
    await writeFile(
        gvs,
        (await readFile(gvs, 'utf8')).replace(
            /<customValue>\s*<fullName>Win-back<\/fullName>[\s\S]*?<\/customValue>/,
            ''
        )
    );
    const { standin, out, result } = await runWithFaults({ metadataDir: metadata });
    try {
        assert.equal(result.exitCode, 1);
        const errors = await readRows(path.join(out, 'errors.csv'));
        assert.deepEqual(
            errors.map((error) => error.Id),
            ['a01000000000006AAA']
        );
        assert.match(errors[0]?.Reason ?? '', /INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST/);
        assert.equal(await classified(standin), CHANGING - 1);
    } finally {
        await standin.close();
    }
});

test('a second run of the same org refuses to start while the first holds the lock, however each reached the org', async () => {
    const standin = await standinLoadedFrom(await writeBoundaryOrg());
    // The first run came in through the sf CLI's alias; the second one comes with the org's URL and a token.
    const lock = await acquireRunLock(orgLockKey({ orgId: standin.orgId }), 'org nightly');
    try {
        const result = await runCommand([...orgArgs(standin), '--out', await outDir(), '--no-estimate']);
        assert.equal(result.exitCode, 4);
        assert.match(
            result.stderr,
            new RegExp(
                `another reclassification of org nightly \\(org ${standin.orgId}\\) is running \\(pid ${process.pid}.*lock file ${lock.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`
            )
        );
        assert.equal(standin.stats().totalRequests, 1, 'only who the session is was asked');
        assert.equal(standin.stats().requests.resources, 1);
    } finally {
        await lock.release();
        await standin.close();
    }
});
