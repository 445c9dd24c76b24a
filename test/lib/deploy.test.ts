import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
    activationFiles,
    deploy,
    deployPlan,
    DeployUsageError,
    findOnPath,
    formatCommand,
    parseDeployArgs,
    readPlanFacts,
    RECORD_PAGES,
    SF_MISSING,
    type DeployDeps,
    type DeployStep,
    type PlanFacts
} from '../../scripts/lib/deploy.ts';
import { EXIT_CODES } from '../../scripts/lib/exitCodes.ts';
import { API_VERSION, METADATA_DIR } from '../../scripts/lib/paths.ts';

const BRAND_DETAIL_XML = `<?xml version="1.0" encoding="UTF-8" ?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <deploymentStatus>Deployed</deploymentStatus>
    <label>Merkgegevens</label>
    <pluralLabel>Merkgegevens</pluralLabel>
    <sharingModel>ControlledByParent</sharingModel>
</CustomObject>
`;

const FACTS: PlanFacts = {
    pagesInSource: ['Merkgegevens_Record_Page', 'Installateur_Record_Page'],
    pagesActivatedInSource: [],
    brandDetailObjectXml: BRAND_DETAIL_XML,
    activationDir: '/tmp/activation'
};

const OPTIONS = { targetOrg: 'vg-sandbox', withSampleData: false, activatePages: true, dryRun: false };

const sfCommands = (steps: DeployStep[]) => steps.flatMap((step) => (step.kind === 'sf' ? [step.args] : []));

test('options: --target-org is required; flags are typed; unknown flags are refused', () => {
    assert.deepEqual(parseDeployArgs(['--target-org', 'vg-sandbox']), OPTIONS);
    assert.deepEqual(
        parseDeployArgs([
            '-o',
            'admin@vaillant.nl.sandbox',
            '--with-sample-data',
            '--skip-page-activation',
            '--dry-run'
        ]),
        {
            targetOrg: 'admin@vaillant.nl.sandbox',
            withSampleData: true,
            activatePages: false,
            dryRun: true
        }
    );
    assert.equal(parseDeployArgs(['--help']), 'help');
    assert.throws(
        () => parseDeployArgs([]),
        (error: Error) => error instanceof DeployUsageError && /--target-org: required/.test(error.message)
    );
    assert.throws(() => parseDeployArgs(['--target-org', 'x', '--force']), DeployUsageError);
    assert.throws(() => parseDeployArgs(['--target-org', 'x', 'extra']), DeployUsageError);
    assert.throws(() => parseDeployArgs(['--target-org', 'a b']), /no spaces/);
});

test('the plan: deploy force-app, assign both permission sets, activate both record pages, in that order', () => {
    const steps = deployPlan(OPTIONS, FACTS);
    assert.deepEqual(sfCommands(steps), [
        ['project', 'deploy', 'start', '--source-dir', 'force-app', '--target-org', 'vg-sandbox'],
        [
            'org',
            'assign',
            'permset',
            '--name',
            'Klantsegmentatie_Sales',
            '--name',
            'Klantsegmentatie_Integration',
            '--target-org',
            'vg-sandbox'
        ],
        ['project', 'deploy', 'start', '--metadata-dir', '/tmp/activation', '--target-org', 'vg-sandbox']
    ]);
    const activation = steps[2];
    assert.ok(activation?.kind === 'sf' && activation.files);
    assert.equal(activation.files.dir, '/tmp/activation', 'the files go where the command deploys from');
    assert.deepEqual(Object.keys(activation.files.contents).sort(), [
        'objects/Account.object',
        'objects/Brand_Detail__c.object',
        'package.xml'
    ]);
    assert.equal(steps.at(-1)?.kind, 'manual', 'ends with what a person still has to do');
    assert.equal(
        formatCommand(sfCommands(steps)[1] ?? []),
        'sf org assign permset --name Klantsegmentatie_Sales --name Klantsegmentatie_Integration --target-org vg-sandbox'
    );
});

test('the plan: --with-sample-data imports the data tree plan last', () => {
    const commands = sfCommands(deployPlan({ ...OPTIONS, withSampleData: true }, FACTS));
    assert.deepEqual(commands.at(-1), [
        'data',
        'tree',
        'import',
        '--plan',
        'data/tree/sample-data-plan.json',
        '--target-org',
        'vg-sandbox'
    ]);
    assert.equal(commands.length, 4);
});

test('the plan: pages missing from force-app, already activated in source, or skipped are not deployed', () => {
    const missing = deployPlan(OPTIONS, { ...FACTS, pagesInSource: ['Merkgegevens_Record_Page'] });
    const activation = missing.find((step) => step.kind === 'sf' && step.args.includes('--metadata-dir'));
    assert.ok(activation?.kind === 'sf');
    assert.deepEqual(Object.keys(activation.files?.contents ?? {}).sort(), [
        'objects/Brand_Detail__c.object',
        'package.xml'
    ]);
    const note = missing.find(
        (step) => step.kind === 'manual' && step.title.includes('Installateur_Record_Page')
    );
    assert.ok(
        note?.kind === 'manual' &&
            note.lines.some((line) =>
                /Lightning App Builder > Installateur_Record_Page > .*Org Default/.test(line)
            )
    );

    const inSource = deployPlan(OPTIONS, {
        ...FACTS,
        pagesActivatedInSource: ['Merkgegevens_Record_Page', 'Installateur_Record_Page']
    });
    assert.equal(sfCommands(inSource).length, 2, 'step 1 already carries the activation');

    const skipped = deployPlan({ ...OPTIONS, activatePages: false }, FACTS);
    assert.equal(sfCommands(skipped).length, 2);
    const manual = skipped.find((step) => step.kind === 'manual' && /skip-page-activation/.test(step.title));
    assert.ok(manual?.kind === 'manual' && manual.lines.length === 3);
});

test('activation metadata: View overrides for desktop and phone, a whole Brand_Detail__c, only overrides for Account', () => {
    const files = activationFiles(RECORD_PAGES, BRAND_DETAIL_XML);
    const parser = new XMLParser({
        isArray: (name) => ['actionOverrides', 'members', 'types'].includes(name),
        parseTagValue: false
    });
    for (const [file, xml] of Object.entries(files)) {
        assert.equal(XMLValidator.validate(xml), true, file);
    }
    type Override = { actionName: string; content: string; formFactor: string; type: string };
    const overrides = (file: string) =>
        (parser.parse(files[file] ?? '') as { CustomObject: { actionOverrides: Override[] } }).CustomObject;
    const account = overrides('objects/Account.object');
    assert.deepEqual(
        Object.keys(account),
        ['actionOverrides'],
        'the standard object: nothing but the overrides'
    );
    assert.deepEqual(
        account.actionOverrides.map((o) => [o.actionName, o.content, o.formFactor, o.type]),
        [
            ['View', 'Installateur_Record_Page', 'Large', 'Flexipage'],
            ['View', 'Installateur_Record_Page', 'Small', 'Flexipage']
        ]
    );
    const detail = overrides('objects/Brand_Detail__c.object') as unknown as Record<string, unknown> & {
        actionOverrides: Override[];
    };
    assert.deepEqual(
        detail.actionOverrides.map((o) => [o.content, o.formFactor]),
        [
            ['Merkgegevens_Record_Page', 'Large'],
            ['Merkgegevens_Record_Page', 'Small']
        ]
    );
    assert.equal(detail.label, 'Merkgegevens', 'the custom object is deployed whole, with its settings');
    assert.equal(detail.sharingModel, 'ControlledByParent');
    const manifest = parser.parse(files['package.xml'] ?? '') as {
        Package: { types: { members: string[]; name: string }[]; version: string };
    };
    assert.deepEqual(manifest.Package.types, [
        { members: ['Brand_Detail__c', 'Account'], name: 'CustomObject' }
    ]);
    assert.equal(manifest.Package.version, API_VERSION);
});

test('activation works on the real Brand_Detail__c object file', async () => {
    const xml = await readFile(
        path.join(METADATA_DIR, 'objects/Brand_Detail__c/Brand_Detail__c.object-meta.xml'),
        'utf8'
    );
    const result = activationFiles(RECORD_PAGES, xml)['objects/Brand_Detail__c.object'] ?? '';
    assert.equal(XMLValidator.validate(result), true);
    assert.ok(result.includes('<content>Merkgegevens_Record_Page</content>'));
    assert.equal(
        result.replace(/ {4}<actionOverrides>[\s\S]*?<\/actionOverrides>\n/g, ''),
        xml,
        'only the overrides are added'
    );
});

test('readPlanFacts: which pages force-app has, and which it activates itself', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'deploy-facts-'));
    await mkdir(path.join(root, 'flexipages'));
    await mkdir(path.join(root, 'objects/Brand_Detail__c'), { recursive: true });
    await writeFile(
        path.join(root, 'flexipages/Merkgegevens_Record_Page.flexipage-meta.xml'),
        '<FlexiPage/>'
    );
    await writeFile(
        path.join(root, 'objects/Brand_Detail__c/Brand_Detail__c.object-meta.xml'),
        BRAND_DETAIL_XML
    );
    assert.deepEqual(readPlanFacts('/tmp/a', root), {
        pagesInSource: ['Merkgegevens_Record_Page'],
        pagesActivatedInSource: [],
        brandDetailObjectXml: BRAND_DETAIL_XML,
        activationDir: '/tmp/a'
    });
    await mkdir(path.join(root, 'objects/Account'));
    await writeFile(
        path.join(root, 'objects/Account/Account.object-meta.xml'),
        activationFiles([RECORD_PAGES[1]], '')['objects/Account.object'] ?? ''
    );
    assert.deepEqual(readPlanFacts('/tmp/a', root).pagesActivatedInSource, ['Installateur_Record_Page']);
});

test('findOnPath finds an executable sf and nothing else', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'deploy-path-'));
    assert.equal(findOnPath('sf', { PATH: dir }, 'linux'), undefined);
    await writeFile(path.join(dir, 'sf'), '#!/bin/sh\n');
    assert.equal(findOnPath('sf', { PATH: dir }, 'linux'), undefined, 'not executable');
    await chmod(path.join(dir, 'sf'), 0o755);
    assert.equal(findOnPath('sf', { PATH: `/nonexistent:${dir}` }, 'linux'), path.join(dir, 'sf'));
    assert.equal(findOnPath('sf', {}, 'linux'), undefined);
});

test('formatCommand quotes what a shell would split', () => {
    assert.equal(
        formatCommand(['org', 'display', '--target-org', "Jan's org"]),
        `sf org display --target-org 'Jan'\\''s org'`
    );
});

/** A runner with everything injected: records the sf calls, never spawns anything. */
function fakeDeps(overrides: Partial<DeployDeps> = {}) {
    const calls: { args: string[]; env: NodeJS.ProcessEnv }[] = [];
    const written: string[] = [];
    const cleaned: string[] = [];
    const deps: DeployDeps = {
        findSf: () => '/usr/local/bin/sf',
        run: async (args, env) => {
            calls.push({ args, env });
            return 0;
        },
        facts: (dir) => ({ ...FACTS, activationDir: dir }),
        sampleDataPlanExists: () => true,
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

test('runner: every sf call in order, with telemetry, update check and autoupdate off', async () => {
    const fake = fakeDeps();
    const result = await runDeploy(['--target-org', 'vg-sandbox', '--with-sample-data'], fake.deps);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.deepEqual(
        fake.calls.map((call) => call.args.slice(0, 3).join(' ')),
        ['project deploy start', 'org assign permset', 'project deploy start', 'data tree import']
    );
    for (const { env } of fake.calls) {
        assert.equal(env.SF_DISABLE_TELEMETRY, 'true');
        assert.equal(env.SF_SKIP_NEW_VERSION_CHECK, 'true');
        assert.equal(env.SF_DISABLE_AUTOUPDATE, 'true');
        assert.equal(
            env.HOME,
            '/root',
            'the rest of the environment passes through (sf needs HOME for its auth store)'
        );
    }
    assert.deepEqual(fake.written.sort(), [
        '/tmp/activation-run/objects/Account.object',
        '/tmp/activation-run/objects/Brand_Detail__c.object',
        '/tmp/activation-run/package.xml'
    ]);
    assert.deepEqual(fake.cleaned, ['/tmp/activation-run']);
    assert.match(
        result.stdout,
        /\[1\/4\] Deploy force-app\n {2}\$ sf project deploy start --source-dir force-app --target-org vg-sandbox/
    );
    assert.match(result.stdout, /\[4\/4\] Import the sample data/);
    assert.match(result.stdout, /Done\.\n$/);
});

test('runner: without sf on PATH it stops before anything runs, with a clear message', async () => {
    const fake = fakeDeps({ findSf: () => undefined });
    const result = await runDeploy(['--target-org', 'vg-sandbox'], fake.deps);
    assert.equal(result.exitCode, EXIT_CODES.refused.code);
    assert.equal(result.stderr, `${SF_MISSING}\n`);
    assert.match(result.stderr, /The Salesforce CLI \(sf\) is not on PATH, so nothing was deployed/);
    assert.deepEqual(fake.calls, []);
    assert.deepEqual(fake.cleaned, ['/tmp/activation-run']);
});

test('runner: a failing step stops the install and says how to go on', async () => {
    const fake = fakeDeps();
    fake.deps.run = async (args) => {
        fake.calls.push({ args, env: {} });
        return args[1] === 'assign' ? 1 : 0;
    };
    const result = await runDeploy(['--target-org', 'vg-sandbox'], fake.deps);
    assert.equal(result.exitCode, EXIT_CODES.failed.code);
    assert.equal(fake.calls.length, 2, 'nothing after the failed step');
    assert.match(result.stderr, /Failed: "Assign the permission sets to you" ended with exit code 1/);
    assert.match(result.stderr, /run npm run deploy again \(every step is safe to repeat\)/);
});

test('runner: --dry-run prints the commands and needs no sf', async () => {
    const fake = fakeDeps({ findSf: () => undefined });
    const result = await runDeploy(['--target-org', 'vg-sandbox', '--dry-run'], fake.deps);
    assert.equal(result.exitCode, 0);
    assert.deepEqual(fake.calls, []);
    assert.deepEqual(fake.written, []);
    assert.match(
        result.stdout,
        /\$ sf org assign permset --name Klantsegmentatie_Sales --name Klantsegmentatie_Integration --target-org vg-sandbox/
    );
    assert.match(result.stdout, /Dry run done\./);
});

test('runner: refuses bad options and a missing sample data plan before doing anything', async () => {
    const missingPlan = fakeDeps({ sampleDataPlanExists: () => false });
    const result = await runDeploy(['--target-org', 'vg-sandbox', '--with-sample-data'], missingPlan.deps);
    assert.equal(result.exitCode, EXIT_CODES.refused.code);
    assert.match(result.stderr, /needs data\/tree\/sample-data-plan\.json/);
    assert.deepEqual(missingPlan.calls, []);
    const usage = await runDeploy(['--with-sample-data'], fakeDeps().deps);
    assert.equal(usage.exitCode, EXIT_CODES.refused.code);
    assert.match(usage.stderr, /^Refused: --target-org: required/);
    const help = await runDeploy(['--help'], fakeDeps().deps);
    assert.equal(help.exitCode, 0);
    assert.match(help.stdout, /^Usage: npm run deploy -- --target-org ALIAS/);
});
