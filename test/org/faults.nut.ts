import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readRows, runCommand, writeRows } from '../helpers/csvOrg.ts';
import { BOUNDARY_CASES, writeBoundaryOrg } from '../helpers/boundaryOrg.ts';
import { orgArgs, packageWrittenState, recordsOf, standinLoadedFrom } from '../helpers/orgStandin.ts';
import { METADATA_DIR, REPO_ROOT } from '../../scripts/lib/paths.ts';
import type { RunReport } from '../../scripts/lib/reclassify/report.ts';
import { acquireRunLock, orgLockKey } from '../../scripts/lib/reclassify/runLock.ts';
import type { StandinOptions } from '../../scripts/dev/standin/server.ts';

const NOW = '2026-11-25T01:00:00.000Z';
const CHANGING = BOUNDARY_CASES.length - 1; // all but the hand-locked record
/** Faults pick their request by what it is, never by its number (each added request would shift those). */
const WRITE = { method: 'PATCH', path: '/composite/sobjects' } as const;
const FIRST_COUNT = { method: 'GET', path: '/query', query: 'COUNT()' } as const;
const POTENTIAL_READ = { method: 'GET', path: '/query', query: 'Units__c' } as const; // the first such read
const outDir = () => mkdtemp(path.join(os.tmpdir(), 'reclassify-fault-'));
const report = async (out: string): Promise<RunReport> =>
    JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')) as RunReport;
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
        const [job] = (await report(out)).jobs;
        assert.deepEqual(job && [job.object, job.state], ['Brand_Detail__c', 'Failed']);
        assert.match(result.stderr, new RegExp(`Bulk ingest job ${job?.id} ended Failed`));
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
        const [job] = (await report(out)).jobs;
        assert.equal(job?.state, 'InProgress');
        assert.match(result.stderr, new RegExp(`Bulk ingest job ${job?.id} is still InProgress after 1 s`));
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

/**
 * The fault matrix of "every rerun converges": the bundled sample org, estimates included, interrupted by a
 * fault while writing, then run again. Its night writes the brand details in 2 sObject Collections requests,
 * then the estimate rows in 3 (upserts on Key__c, 200 a request, in Account Id order).
 */
const UPSERT = { method: 'PATCH', path: '/composite/sobjects/Potential__c' } as const;

/**
 * The sample org plus one installer without potential whose Id sorts first: its estimate rows move the cut
 * between the requests of estimate rows into the rows of one installer (in the bundled data alone it falls
 * between two installers), so that a night stopped there leaves an installer with part of its estimate.
 */
let sampleDir: string | undefined;
async function sample(): Promise<string> {
    if (!sampleDir) {
        sampleDir = await mkdtemp(path.join(os.tmpdir(), 'sample-org-'));
        await cp(path.join(REPO_ROOT, 'data/csv'), sampleDir, { recursive: true });
        const accounts = await readRows(path.join(sampleDir, 'Account.csv'));
        const details = await readRows(path.join(sampleDir, 'Brand_Detail__c.csv'));
        accounts.unshift({ ...accounts[1]!, Id: '001000000000000AAA', Name: 'Eerste Installateur' });
        details.unshift({ ...details[2]!, Id: 'a01000000000000AAA', Account__c: '001000000000000AAA' });
        await writeRows(path.join(sampleDir, 'Account.csv'), accounts);
        await writeRows(path.join(sampleDir, 'Brand_Detail__c.csv'), details);
    }
    return sampleDir;
}

let reference: Awaited<ReturnType<typeof packageWrittenState>> | undefined;
/** The org after an uninterrupted night. */
async function uninterrupted() {
    if (!reference) {
        const standin = await standinLoadedFrom(await sample());
        try {
            const result = await runCommand([...orgArgs(standin), '--out', await outDir(), '--now', NOW]);
            assert.equal(result.exitCode, 0, result.stderr);
            reference = await packageWrittenState(standin);
        } finally {
            await standin.close();
        }
    }
    return reference;
}

/**
 * A night on the sample org with the fault, which must stop it, and the next night (client credentials, so
 * that an expired bare token does not stop that one too): the org must end as after an uninterrupted night.
 */
async function convergesAfter(
    options: StandinOptions,
    args: string[],
    check: (report: RunReport, stopped: Awaited<ReturnType<typeof packageWrittenState>>) => Promise<void>
) {
    const standin = await standinLoadedFrom(await sample(), options);
    try {
        const out = await outDir();
        const first = await runCommand([...orgArgs(standin), '--out', out, '--now', NOW, ...args]);
        assert.equal(first.exitCode, 2, first.stderr);
        const stopped = await packageWrittenState(standin);
        await check(await report(out), stopped);
        assert.notDeepEqual(stopped, await uninterrupted(), 'the fault left work undone');
        standin.setFaults([]);
        const env = {
            SF_INSTANCE_URL: standin.instanceUrl,
            SF_CLIENT_ID: standin.clientId,
            SF_CLIENT_SECRET: standin.clientSecret
        };
        const rerun = await runCommand(['--out', await outDir(), '--now', NOW, ...args], env);
        assert.equal(rerun.exitCode, 0, rerun.stderr);
        assert.deepEqual(await packageWrittenState(standin), await uninterrupted());
    } finally {
        await standin.close();
    }
}

/** Estimate rows (Schatting) per installer. */
function estimateRowsPerInstaller(
    state: Awaited<ReturnType<typeof packageWrittenState>>
): Map<string, number> {
    const counts = new Map<string, number>();
    for (const row of state.potentials) {
        const account = row.Account__c ?? '';
        if (row.Source__c === 'Schatting') counts.set(account, (counts.get(account) ?? 0) + 1);
    }
    return counts;
}

test('converges: a bare token expires amid the estimate rows, with an installer half estimated', async () => {
    await convergesAfter(
        { faults: [{ effect: 'expireSession', ...UPSERT, skip: 1 }] },
        [],
        async (stopped, state) => {
            assert.equal(stopped.records.written, 316, 'every brand detail, before the estimate rows');
            assert.equal(stopped.records.potentialsWritten, 200, 'one request of estimate rows of three');
            const before = estimateRowsPerInstaller(state);
            const after = estimateRowsPerInstaller(await uninterrupted());
            const half = [...before].filter(
                ([account, rows]) => rows > 0 && rows < (after.get(account) ?? 0)
            );
            assert.equal(half.length, 1, 'the stop fell inside the estimate rows of one installer');
        }
    );
});

test('converges: REQUEST_LIMIT_EXCEEDED between the brand details and the estimate rows', async () => {
    await convergesAfter({ faults: [{ effect: 'requestLimit', ...UPSERT }] }, [], async (stopped) => {
        assert.match(stopped.outcome.reason, /daily API requests are used up/);
        assert.equal(stopped.records.written, 316);
        assert.equal(stopped.records.potentialsWritten, 0);
    });
});

test('converges: the Bulk API job of the estimate rows ends Failed', async () => {
    // Brand details through sObject Collections (316 rows), the estimate rows through one ingest job.
    await convergesAfter(
        { faults: [{ effect: 'ingestFails', method: 'POST', path: '/jobs/ingest' }] },
        ['--bulk-write-from', '400'],
        async (stopped) => {
            assert.deepEqual(
                stopped.jobs.map((job) => [job.object, job.state]),
                [['Potential__c', 'Failed']]
            );
            assert.equal(stopped.records.written, 316);
        }
    );
});
