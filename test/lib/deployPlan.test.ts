import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { type Ask, readSampleAccount } from '../../scripts/lib/deploy/checks.ts';
import { soqlString } from '../../scripts/lib/org/soql.ts';
import {
    activationFiles,
    deployPlan,
    readPlanFacts,
    RECORD_PAGES,
    type DeployStep
} from '../../scripts/lib/deploy/plan.ts';
import { API_VERSION, METADATA_DIR, REPO_ROOT } from '../../scripts/lib/paths.ts';
import { BRAND_DETAIL_XML, FACTS, OPTIONS, ORG } from '../helpers/deployFacts.ts';

type SfStep = Extract<DeployStep, { kind: 'sf' }>;
const sfSteps = (steps: DeployStep[]) => steps.filter((step): step is SfStep => step.kind === 'sf');

const ASSIGN_BOTH = [
    'org',
    'assign',
    'permset',
    '--name',
    'Klantsegmentatie_Sales',
    '--name',
    'Klantsegmentatie_Integration',
    ...ORG
];

test('the plan: deploy force-app, assign the permission sets, make only Merkgegevens the org default', () => {
    const steps = deployPlan(OPTIONS, FACTS);
    assert.deepEqual(
        sfSteps(steps).map((step) => step.args),
        [
            ['project', 'deploy', 'start', '--source-dir', 'force-app', ...ORG],
            ASSIGN_BOTH,
            ['project', 'deploy', 'start', '--metadata-dir', '/tmp/activation', ...ORG]
        ]
    );
    const [, assign, activation] = sfSteps(steps);
    assert.ok(assign?.check, 'the assignment asks the org first');
    assert.deepEqual(Object.keys(activation?.files?.contents ?? {}).sort(), [
        'objects/Brand_Detail__c.object',
        'package.xml'
    ]);
    assert.equal(activation?.files?.dir, '/tmp/activation', 'the files go where the command deploys from');
    const account = steps.find(
        (step) => step.kind === 'manual' && /Installateur_Record_Page/.test(step.title)
    );
    assert.ok(account?.kind === 'manual', 'the Account page is left to the admin, and the output says so');
    assert.match(account.title, /not made the org default \(that is --activate-pages\)/);
    assert.ok(
        account.lines.some((line) =>
            /Lightning App Builder > Installateur_Record_Page > .*Org Default/.test(line)
        )
    );
    assert.equal(steps.at(-1)?.kind, 'manual', 'ends with what a person still has to do');
});

test('the plan: --activate-pages also makes Installateur_Record_Page the Account default; --with-sample-data imports last', () => {
    const steps = deployPlan({ ...OPTIONS, activatePages: true, withSampleData: true }, FACTS);
    const [, , activation, sample] = sfSteps(steps);
    assert.deepEqual(Object.keys(activation?.files?.contents ?? {}).sort(), [
        'objects/Account.object',
        'objects/Brand_Detail__c.object',
        'package.xml'
    ]);
    assert.ok(!steps.some((step) => step.kind === 'manual' && /--activate-pages/.test(step.title)));
    assert.deepEqual(sample?.args, [
        'data',
        'import',
        'tree',
        '--plan',
        'data/tree/sample-data-plan.json',
        ...ORG
    ]);
    assert.ok(sample?.check, 'the import asks the org first');
    assert.equal(sfSteps(steps).length, 4);
});

test('the plan: pages missing from force-app or already activated in source are not deployed', () => {
    const missing = deployPlan(
        { ...OPTIONS, activatePages: true },
        { ...FACTS, pagesInSource: ['Merkgegevens_Record_Page'] }
    );
    const activation = sfSteps(missing).find((step) => step.args.includes('--metadata-dir'));
    assert.deepEqual(Object.keys(activation?.files?.contents ?? {}).sort(), [
        'objects/Brand_Detail__c.object',
        'package.xml'
    ]);
    const note = missing.find((step) => step.kind === 'manual' && step.title.includes('not in force-app'));
    assert.ok(note?.kind === 'manual' && note.title.includes('Installateur_Record_Page'));

    const inSource = deployPlan(OPTIONS, { ...FACTS, pagesActivatedInSource: ['Merkgegevens_Record_Page'] });
    assert.equal(sfSteps(inSource).length, 2, 'step 1 already carries the activation');
});

/** Answers the check's questions from a script, recording what was asked. */
function scriptedAsk(answers: unknown[]): { ask: Ask; asked: string[][] } {
    const asked: string[][] = [];
    const ask: Ask = async (question) => {
        asked.push(question.args);
        return question.answer.parse(answers.shift());
    };
    return { ask, asked };
}

test('permission sets: the org is asked which the user has; only the missing ones are assigned, none when all are', async () => {
    const check = sfSteps(deployPlan(OPTIONS, FACTS))[1]?.check;
    assert.ok(check);
    const fresh = scriptedAsk([{ username: "o'brien@vg.nl" }, { records: [] }]);
    assert.deepEqual(await check.decide(fresh.ask), {
        args: ASSIGN_BOTH
    });
    assert.deepEqual(fresh.asked, [
        ['org', 'display', 'user', ...ORG, '--json'],
        [
            'data',
            'query',
            '--query',
            "SELECT PermissionSet.Name FROM PermissionSetAssignment WHERE Assignee.Username = 'o\\'brien@vg.nl' " +
                "AND PermissionSet.Name IN ('Klantsegmentatie_Sales', 'Klantsegmentatie_Integration')",
            ...ORG,
            '--json'
        ]
    ]);
    const one = scriptedAsk([
        { username: 'a@vg.nl' },
        { records: [{ PermissionSet: { Name: 'Klantsegmentatie_Sales' } }] }
    ]);
    assert.deepEqual(await check.decide(one.ask), {
        args: ['org', 'assign', 'permset', '--name', 'Klantsegmentatie_Integration', ...ORG]
    });
    const both = scriptedAsk([
        { username: 'a@vg.nl' },
        {
            records: [
                { PermissionSet: { Name: 'Klantsegmentatie_Integration' } },
                { PermissionSet: { Name: 'Klantsegmentatie_Sales' } }
            ]
        }
    ]);
    assert.deepEqual(await check.decide(both.ask), {
        skip: 'a@vg.nl already has Klantsegmentatie_Sales and Klantsegmentatie_Integration'
    });
});

test('sample data: imported only when its first installer is not in the org', async () => {
    const check = sfSteps(deployPlan({ ...OPTIONS, withSampleData: true }, FACTS)).at(-1)?.check;
    assert.ok(check);
    const fresh = scriptedAsk([{ totalSize: 0 }]);
    assert.deepEqual(await check.decide(fresh.ask), {
        args: ['data', 'import', 'tree', '--plan', 'data/tree/sample-data-plan.json', ...ORG]
    });
    assert.deepEqual(fresh.asked, [
        [
            'data',
            'query',
            '--query',
            "SELECT COUNT() FROM Account WHERE Name = 'De heer R. Loon\\'s' AND BillingCity = 'Apeldoorn'",
            ...ORG,
            '--json'
        ]
    ]);
    const again = await check.decide(scriptedAsk([{ totalSize: 1 }]).ask);
    assert.ok('skip' in again);
    assert.match(
        again.skip,
        /already in this org .* would create every installer twice, so nothing was imported/
    );
});

test("the sample data marker is the plan's first Account record; no plan, no marker", async () => {
    assert.deepEqual(readSampleAccount(path.join(REPO_ROOT, 'data/tree/sample-data-plan.json')), {
        Name: 'De heer R. Loon',
        BillingCity: 'Apeldoorn'
    });
    assert.equal(readSampleAccount(path.join(os.tmpdir(), 'no-such-plan.json')), undefined);
});

test('SOQL string literals escape quotes and backslashes', () => {
    assert.equal(soqlString(`a'b\\c`), `'a\\'b\\\\c'`);
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

test('readPlanFacts: which pages force-app has, which it activates itself, and the sample data marker', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'deploy-facts-'));
    try {
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
        const noPlan = path.join(root, 'plan.json');
        assert.deepEqual(readPlanFacts('/tmp/a', root, noPlan), {
            pagesInSource: ['Merkgegevens_Record_Page'],
            pagesActivatedInSource: [],
            brandDetailObjectXml: BRAND_DETAIL_XML,
            activationDir: '/tmp/a',
            sampleAccount: undefined
        });
        await mkdir(path.join(root, 'objects/Account'));
        await writeFile(
            path.join(root, 'objects/Account/Account.object-meta.xml'),
            activationFiles([RECORD_PAGES[1]], '')['objects/Account.object'] ?? ''
        );
        assert.deepEqual(readPlanFacts('/tmp/a', root, noPlan).pagesActivatedInSource, [
            'Installateur_Record_Page'
        ]);
    } finally {
        await rm(root, { recursive: true, force: true });
    }
});
