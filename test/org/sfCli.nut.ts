import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { writeBoundaryOrg } from '../helpers/boundaryOrg.ts';
import { standinLoadedFrom } from '../helpers/orgStandin.ts';
import { SF_RUN } from '../../scripts/lib/sfCli.ts';
import { REPO_ROOT } from '../../scripts/lib/paths.ts';
import { lockFileOf, orgLockKey } from '../../scripts/lib/reclassify/runLock.ts';
import type { Standin } from '../../scripts/dev/standin/server.ts';

/**
 * `--target-org` through the project's own Salesforce CLI, logged in with `sf org login access-token` to the
 * stand-in. The CLI keeps its logins under a home of its own here, so the machine's are never touched.
 */

const run = promisify(execFile);
let home: string;
let standin: Standin;

/** The environment of a process that uses the CLI: its own home, no keychain, no `sf` on PATH. */
function cliEnv(): NodeJS.ProcessEnv {
    return {
        ...process.env,
        HOME: home,
        XDG_CONFIG_HOME: path.join(home, '.config'),
        XDG_DATA_HOME: path.join(home, '.local/share'),
        XDG_CACHE_HOME: path.join(home, '.cache'),
        XDG_STATE_HOME: path.join(home, '.local/state'),
        SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
        SF_DISABLE_TELEMETRY: 'true',
        SF_SKIP_NEW_VERSION_CHECK: 'true',
        SF_DISABLE_AUTOUPDATE: 'true',
        // Whatever sf an admin has installed, the command must use the project's: here there is none on PATH.
        PATH: '/usr/bin:/bin'
    };
}

/** `npm run reclassify -- …` as its own process (the pinned Node), against the stand-in's org by alias. */
async function reclassify(out: string) {
    const started = performance.now();
    const result = await run(
        process.execPath,
        [
            '--import',
            'tsx',
            'scripts/reclassify.ts',
            '--target-org',
            'standin',
            '--out',
            out,
            '--no-estimate'
        ],
        { cwd: REPO_ROOT, env: cliEnv() }
    ).then(
        ({ stdout, stderr }) => ({ exitCode: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({
            exitCode: error.code,
            stdout: error.stdout,
            stderr: error.stderr
        })
    );
    return { ...result, seconds: (performance.now() - started) / 1000 };
}

before(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'sf-home-'));
    standin = await standinLoadedFrom(await writeBoundaryOrg());
    const login = await run(
        process.execPath,
        [
            SF_RUN,
            'org',
            'login',
            'access-token',
            '--instance-url',
            standin.instanceUrl,
            '--alias',
            'standin',
            '--no-prompt'
        ],
        { env: { ...cliEnv(), SF_ACCESS_TOKEN: standin.accessToken } }
    ).catch((error: unknown) => error as { stdout: string });
    assert.match(login.stdout, /Successfully authorized/, login.stdout);
});

after(async () => {
    await standin.close();
    await rm(home, { recursive: true, force: true });
});

test('a run with --target-org reads the session through the project sf and writes like any other', async () => {
    standin.resetStats();
    const out = await mkdtemp(path.join(os.tmpdir(), 'sf-run-'));
    const result = await reclassify(out);
    assert.equal(result.exitCode, 0, result.stderr);
    const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')) as {
        records: { written: number };
    };
    assert.ok(report.records.written > 0);
    assert.equal(standin.stats().recordsWritten.Brand_Detail__c, report.records.written);
});

test('a session the org refuses mid-run, for which the CLI has no other, stops the run in seconds with one line', async () => {
    // Every session dies as the run reads the potentials: the CLI can only hand back the dead one.
    standin.setFaults([{ effect: 'expireSession', method: 'GET', path: '/query', query: 'Units__c' }]);
    standin.resetStats();
    const out = await mkdtemp(path.join(os.tmpdir(), 'sf-run-'));
    const result = await reclassify(out);
    assert.equal(result.exitCode, 2);
    const refused =
        /the org refused the session from the Salesforce CLI's login of org "standin" \(Session expired or invalid\), and it has no other one — log in again/;
    const last = result.stderr.trim().split('\n').at(-1) ?? '';
    assert.match(last, /^Failed: /);
    assert.match(last, refused, 'one line says why and what to do');
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')) as {
        outcome: { status: string; reason: string };
    };
    assert.equal(report.outcome.status, 'failed');
    assert.match(report.outcome.reason, refused);
    assert.ok(result.seconds < 60, `stopped after ${result.seconds.toFixed(1)} s`);
    // The first login and one renewal through the CLI (each CLI call asks the org a few things) and the run's
    // own requests: not the hundreds of a refresh loop.
    assert.ok(standin.stats().totalRequests < 40, `${standin.stats().totalRequests} requests`);
    assert.ok(
        !existsSync(lockFileOf(orgLockKey({ orgId: standin.orgId }))),
        'the run lock was released: the next night can run'
    );
});
