import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCommand } from '../helpers/csvOrg.ts';
import { orgArgs, packageWrittenState, standinLoadedFrom } from '../helpers/orgStandin.ts';
import { REPO_ROOT } from '../../scripts/lib/paths.ts';
import type { Standin } from '../../scripts/dev/standin/server.ts';

const SAMPLE = path.join(REPO_ROOT, 'data/csv');
const NOW = '2026-11-25T01:00:00.000Z';
/** Bulk writes, and jobs that take a moment in the org: time for a signal to arrive mid-write. */
const ARGS = ['--now', NOW, '--bulk-write-from', '5'];
const JOB_DELAY = { polls: 1, ms: 1500 };
const outDir = () => mkdtemp(path.join(os.tmpdir(), 'reclassify-signal-'));

/** The command as the scheduler runs it: its own process, which a signal can stop. */
function startCommand(standin: Standin, out: string) {
    return spawn(process.execPath, ['--import', 'tsx', 'scripts/reclassify.ts', '--out', out, ...ARGS], {
        cwd: REPO_ROOT,
        env: { ...process.env, SF_INSTANCE_URL: standin.instanceUrl, SF_ACCESS_TOKEN: standin.accessToken },
        stdio: ['ignore', 'pipe', 'pipe']
    });
}

/** Waits until the second ingest job (the estimate rows, after the brand details) has been closed. */
async function untilSecondJobClosed(standin: Standin): Promise<void> {
    for (let waited = 0; standin.stats().requests.ingestClose < 2; waited += 10) {
        assert.ok(waited < 60_000, 'the command never reached its second ingest job');
        await sleep(10);
    }
}

let uninterrupted: Awaited<ReturnType<typeof packageWrittenState>> | undefined;
async function uninterruptedState() {
    if (!uninterrupted) {
        const standin = await standinLoadedFrom(SAMPLE, { jobDelay: JOB_DELAY });
        try {
            const result = await runCommand([...orgArgs(standin), '--out', await outDir(), ...ARGS]);
            assert.equal(result.exitCode, 0, result.stderr);
            uninterrupted = await packageWrittenState(standin);
        } finally {
            await standin.close();
        }
    }
    return uninterrupted;
}

test('killed (SIGKILL) in the middle of writing: a rerun converges to the state of an uninterrupted run, estimate rows included', async () => {
    const standin = await standinLoadedFrom(SAMPLE, { jobDelay: JOB_DELAY });
    try {
        const child = startCommand(standin, await outDir());
        await untilSecondJobClosed(standin);
        child.kill('SIGKILL');
        await once(child, 'exit');
        const partway = await packageWrittenState(standin);
        const estimated = (state: typeof partway) =>
            state.potentials.filter((row) => row.Source__c === 'Schatting');
        assert.ok(
            partway.details.filter((row) => row.Classified_At__c !== '').length > 300,
            'the brand details were written'
        );
        assert.ok(
            estimated(partway).length < estimated(await uninterruptedState()).length,
            'the estimate job never ran'
        );
        const rerun = await runCommand([...orgArgs(standin), '--out', await outDir(), ...ARGS]);
        assert.equal(rerun.exitCode, 0, rerun.stderr);
        assert.deepEqual(await packageWrittenState(standin), await uninterruptedState());
    } finally {
        await standin.close();
    }
});

test('SIGTERM stops after the current batch, aborts the open ingest job and writes the report so far', async () => {
    const standin = await standinLoadedFrom(SAMPLE, { jobDelay: JOB_DELAY });
    try {
        const out = await outDir();
        const child = startCommand(standin, out);
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        await untilSecondJobClosed(standin);
        child.kill('SIGTERM');
        const [code] = (await once(child, 'exit')) as [number];
        assert.equal(code, 2, stderr);
        const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
        assert.match(report.outcome.reason, /stopped by SIGTERM/);
        assert.deepEqual(
            report.jobs.map((job: { object: string; state: string }) => [job.object, job.state]),
            [
                ['Brand_Detail__c', 'JobComplete'],
                ['Potential__c', 'Aborted']
            ]
        );
        assert.ok(report.records.written > 0, 'the brand details written before the stop are counted');
        const rerun = await runCommand([...orgArgs(standin), '--out', await outDir(), ...ARGS]);
        assert.equal(rerun.exitCode, 0, rerun.stderr);
        assert.deepEqual(await packageWrittenState(standin), await uninterruptedState());
    } finally {
        await standin.close();
    }
});
