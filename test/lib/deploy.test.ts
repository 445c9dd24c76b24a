import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import {
    deploy,
    DeployUsageError,
    parseDeployArgs,
    SF_MISSING,
    type DeployDeps
} from '../../scripts/lib/deploy/command.ts';
import { EXIT_CODES } from '../../scripts/lib/exitCodes.ts';
import { formatCommand, sfResult, SfAnswerError } from '../../scripts/lib/sfCli.ts';
import { FACTS, OPTIONS } from '../helpers/deployFacts.ts';

test('options: --target-org is required; flags are typed; unknown flags are refused', () => {
    assert.deepEqual(parseDeployArgs(['--target-org', 'vg-sandbox']), OPTIONS);
    assert.deepEqual(
        parseDeployArgs([
            '-o',
            'admin@vaillant.nl.sandbox',
            '--with-sample-data',
            '--activate-pages',
            '--dry-run'
        ]),
        { targetOrg: 'admin@vaillant.nl.sandbox', withSampleData: true, activatePages: true, dryRun: true }
    );
    assert.equal(parseDeployArgs(['--help']), 'help');
    assert.throws(
        () => parseDeployArgs([]),
        (error: Error) => error instanceof DeployUsageError && /--target-org: required/.test(error.message)
    );
    assert.throws(() => parseDeployArgs(['--target-org', 'x', '--skip-page-activation']), DeployUsageError);
    assert.throws(() => parseDeployArgs(['--target-org', 'x', 'extra']), DeployUsageError);
    assert.throws(() => parseDeployArgs(['--target-org', 'a b']), /no spaces/);
});

test('commands are printed as they are typed in this folder, quoted where a shell would split them', () => {
    assert.equal(
        formatCommand(['data', 'query', '--query', "SELECT Id FROM User WHERE Username = 'x'"]),
        `npx sf data query --query "SELECT Id FROM User WHERE Username = 'x'"`
    );
    assert.equal(
        formatCommand(['org', 'display', '--target-org', `Jan's "org"`]),
        `npx sf org display --target-org 'Jan'\\''s "org"'`
    );
});

test("sf's --json answer: the result when status is 0, its message otherwise", () => {
    const shape = z.object({ totalSize: z.number() });
    assert.deepEqual(
        sfResult({ code: 0, stdout: '{"status":0,"result":{"totalSize":2},"warnings":[]}' }, shape),
        {
            totalSize: 2
        }
    );
    assert.throws(
        () =>
            sfResult(
                {
                    code: 1,
                    stdout: '{"status":1,"name":"NoOrgFound","message":"No authorization information found for x."}'
                },
                shape
            ),
        (error: Error) =>
            error instanceof SfAnswerError && error.message === 'No authorization information found for x.'
    );
    assert.throws(() => sfResult({ code: 0, stdout: 'Warning: not JSON' }, shape), /did not answer in JSON/);
    assert.throws(
        () => sfResult({ code: 0, stdout: '{"status":0,"result":{}}' }, shape),
        /unexpected shape: totalSize/
    );
});

type Call = { args: string[]; env: NodeJS.ProcessEnv; json: boolean };

/** A runner with everything injected: records the sf calls and answers questions like an org would. */
function fakeDeps(org: { assigned: string[]; sampleData: boolean }, overrides: Partial<DeployDeps> = {}) {
    const calls: Call[] = [];
    const written: string[] = [];
    const cleaned: string[] = [];
    const answer = (result: unknown) => ({
        code: 0,
        stdout: JSON.stringify({ status: 0, result, warnings: [] })
    });
    const deps: DeployDeps = {
        sfVersion: () => '2.150.6',
        run: async (args, env) => {
            calls.push({ args, env, json: false });
            return 0;
        },
        runJson: async (args, env) => {
            calls.push({ args, env, json: true });
            if (args[1] === 'display') return answer({ username: 'admin@vg.nl', id: '005000000000001AAA' });
            if (args[3]?.includes('PermissionSetAssignment'))
                return answer({
                    records: org.assigned.map((Name) => ({ PermissionSet: { Name } })),
                    totalSize: org.assigned.length
                });
            return answer({ records: [], totalSize: org.sampleData ? 1 : 0, done: true });
        },
        facts: (dir) => ({ ...FACTS, activationDir: dir }),
        makeActivationDir: async () => '/tmp/activation-run',
        writeFiles: async (dir, contents) => {
            written.push(...Object.keys(contents).map((file) => `${dir}/${file}`));
        },
        cleanUp: async (dir) => {
            cleaned.push(dir);
        },
        ...overrides
    };
    return { deps, calls, written, cleaned };
}

async function runDeploy(
    argv: string[],
    deps: DeployDeps,
    env: NodeJS.ProcessEnv = { PATH: '/usr/bin', HOME: '/root' }
) {
    let stdout = '';
    let stderr = '';
    const exitCode = await deploy(
        argv,
        env,
        { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) },
        deps
    );
    return { exitCode, stdout, stderr };
}

const summary = (calls: Call[]) =>
    calls.map((call) => `${call.json ? '?' : '$'} ${call.args.slice(0, 3).join(' ')}`);

/** The sf calls of an install into an org that has nothing yet: ? asks the org, $ changes it. */
const FIRST_INSTALL = [
    '$ project deploy start',
    '? org display user',
    '? data query --query',
    '$ org assign permset',
    '$ project deploy start',
    '? data query --query',
    '$ data import tree'
];

test('runner, first install: asks, then runs every step in order; the environment passes through', async () => {
    const fake = fakeDeps({ assigned: [], sampleData: false });
    const result = await runDeploy(['--target-org', 'vg-sandbox', '--with-sample-data'], fake.deps);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.deepEqual(summary(fake.calls), FIRST_INSTALL);
    assert.ok(
        fake.calls.every(({ env }) => env.HOME === '/root'),
        'sf needs HOME for its auth store'
    );
    assert.deepEqual(fake.written.sort(), [
        '/tmp/activation-run/objects/Brand_Detail__c.object',
        '/tmp/activation-run/package.xml'
    ]);
    assert.deepEqual(fake.cleaned, ['/tmp/activation-run']);
    assert.match(result.stdout, /@salesforce\/cli 2\.150\.6; npx sf in this folder/);
    assert.match(
        result.stdout,
        /\[1\/4\] Deploy force-app\n {2}\$ npx sf project deploy start --source-dir force-app --target-org vg-sandbox/
    );
    assert.match(
        result.stdout,
        /\[4\/4\] Import the sample data\n {2}first asks the org whether the sample data is there already:/
    );
    assert.match(result.stdout, /Done\.\n$/);
});

test('runner, second install: existing assignments and sample data are skipped, the deploy still ends well', async () => {
    const fake = fakeDeps({
        assigned: ['Klantsegmentatie_Sales', 'Klantsegmentatie_Integration'],
        sampleData: true
    });
    const result = await runDeploy(['--target-org', 'vg-sandbox', '--with-sample-data'], fake.deps);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.deepEqual(
        summary(fake.calls),
        FIRST_INSTALL.filter((call) => call !== '$ org assign permset' && call !== '$ data import tree'),
        'the same questions, and no assignment or import'
    );
    assert.match(
        result.stdout,
        /skipped: admin@vg\.nl already has Klantsegmentatie_Sales and Klantsegmentatie_Integration/
    );
    assert.match(result.stdout, /skipped: the sample data is already in this org/);
});

test("runner: a question the org cannot answer stops the install with sf's message", async () => {
    const fake = fakeDeps({ assigned: [], sampleData: false });
    fake.deps.runJson = async (args) => {
        fake.calls.push({ args, env: {}, json: true });
        return {
            code: 1,
            stdout: JSON.stringify({
                status: 1,
                name: 'NoOrgFound',
                message: 'No authorization information found for vg-sandbox.'
            })
        };
    };
    const result = await runDeploy(['--target-org', 'vg-sandbox'], fake.deps);
    assert.equal(result.exitCode, EXIT_CODES.failed.code);
    assert.match(
        result.stderr,
        /Failed: "Assign the permission sets to you" could not ask the org: No authorization information found for vg-sandbox\./
    );
    assert.deepEqual(summary(fake.calls), ['$ project deploy start', '? org display user']);
});

test('runner: a failing step stops the install and says how to go on', async () => {
    const fake = fakeDeps({ assigned: [], sampleData: false });
    fake.deps.run = async (args) => {
        fake.calls.push({ args, env: {}, json: false });
        return 1;
    };
    const result = await runDeploy(['--target-org', 'vg-sandbox'], fake.deps);
    assert.equal(result.exitCode, EXIT_CODES.failed.code);
    assert.equal(fake.calls.length, 1, 'nothing after the failed step');
    assert.match(result.stderr, /Failed: "Deploy force-app" ended with exit code 1/);
    assert.match(result.stderr, /run npm run deploy again \(every step is safe to repeat\)/);
});

test("runner: without the project's sf it stops before anything runs; --dry-run needs no sf and asks nothing", async () => {
    const missing = fakeDeps({ assigned: [], sampleData: false }, { sfVersion: () => undefined });
    const refused = await runDeploy(['--target-org', 'vg-sandbox'], missing.deps);
    assert.equal(refused.exitCode, EXIT_CODES.refused.code);
    assert.equal(refused.stderr, `${SF_MISSING}\n`);
    assert.deepEqual(missing.calls, []);

    const dry = fakeDeps({ assigned: [], sampleData: false }, { sfVersion: () => undefined });
    const result = await runDeploy(
        ['--target-org', 'vg-sandbox', '--dry-run', '--with-sample-data', '--activate-pages'],
        dry.deps
    );
    assert.equal(result.exitCode, 0, result.stderr);
    assert.deepEqual(dry.calls, []);
    assert.deepEqual(dry.written, []);
    assert.match(result.stdout, /\$ npx sf org display user --target-org vg-sandbox --json/);
    assert.match(result.stdout, /Assignee\.Username = 'YOUR_USERNAME'/);
    assert.match(
        result.stdout,
        /\$ npx sf org assign permset --name Klantsegmentatie_Sales --name Klantsegmentatie_Integration --target-org vg-sandbox/
    );
    assert.match(
        result.stdout,
        /\$ npx sf data import tree --plan data\/tree\/sample-data-plan\.json --target-org vg-sandbox/
    );
    assert.match(result.stdout, /Dry run done\./);
});

test('runner: refuses bad options and a missing sample data plan before doing anything', async () => {
    const noPlan = fakeDeps(
        { assigned: [], sampleData: false },
        { facts: (dir) => ({ ...FACTS, activationDir: dir, sampleAccount: undefined }) }
    );
    const result = await runDeploy(['--target-org', 'vg-sandbox', '--with-sample-data'], noPlan.deps);
    assert.equal(result.exitCode, EXIT_CODES.refused.code);
    assert.match(result.stderr, /needs data\/tree\/sample-data-plan\.json/);
    assert.deepEqual(noPlan.calls, []);
    const usage = await runDeploy(['--with-sample-data'], fakeDeps({ assigned: [], sampleData: false }).deps);
    assert.equal(usage.exitCode, EXIT_CODES.refused.code);
    assert.match(usage.stderr, /^Refused: --target-org: required/);
    const help = await runDeploy(['--help'], fakeDeps({ assigned: [], sampleData: false }).deps);
    assert.equal(help.exitCode, 0);
    assert.match(help.stdout, /^Usage: npm run deploy -- --target-org ALIAS/);
});
