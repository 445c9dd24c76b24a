import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
    permissionSetCheck,
    readSampleAccount,
    sampleDataCheck,
    type SampleAccount,
    type StepCheck
} from './checks.ts';
import { API_VERSION, METADATA_DIR, REPO_ROOT } from '../paths.ts';
import { formatCommand } from '../sfCli.ts';

export const PERMISSION_SETS = ['Klantsegmentatie_Sales', 'Klantsegmentatie_Integration'] as const;
export const SAMPLE_DATA_PLAN = 'data/tree/sample-data-plan.json';

/**
 * The record pages of the package and the object each one becomes the org default for. Merkgegevens is the
 * package's own object; Account is everyone's, so making its page the org default is the admin's choice.
 */
export const RECORD_PAGES = [
    { object: 'Brand_Detail__c', page: 'Merkgegevens_Record_Page', label: 'Merkgegevens', optIn: false },
    { object: 'Account', page: 'Installateur_Record_Page', label: 'Installateur (Account)', optIn: true }
] as const;

export type RecordPage = (typeof RECORD_PAGES)[number];

export type DeployOptions = {
    targetOrg: string;
    withSampleData: boolean;
    activatePages: boolean;
    dryRun: boolean;
};

/**
 * A step of the install: an sf command (with files to write first, and a check that asks the org whether and how
 * to run it), or something only a person can do.
 */
export type DeployStep =
    | {
          kind: 'sf';
          title: string;
          args: string[];
          files?: { dir: string; contents: Record<string, string> };
          check?: StepCheck;
      }
    | { kind: 'manual'; title: string; lines: string[] };

/** What the plan needs to know about the project; gathered by readPlanFacts, fixed in tests. */
export type PlanFacts = {
    /** FlexiPages present in force-app/main/default/flexipages. */
    pagesInSource: string[];
    /** Pages whose object file in force-app already sets them as the View override (deployed in step 1). */
    pagesActivatedInSource: string[];
    /** force-app's Brand_Detail__c.object-meta.xml: a custom object is deployed whole, so its override rides on it. */
    brandDetailObjectXml: string;
    /** Where the activation metadata (Metadata API format) is written for step 3. */
    activationDir: string;
    /** The sample data's first installer; undefined when the plan is not in this checkout. */
    sampleAccount: SampleAccount | undefined;
};

const override = (page: string, formFactor: 'Large' | 'Small') => `    <actionOverrides>
        <actionName>View</actionName>
        <comment>Klantsegmentatie: org default record page, set by npm run deploy</comment>
        <content>${page}</content>
        <formFactor>${formFactor}</formFactor>
        <skipRecordTypeSelect>false</skipRecordTypeSelect>
        <type>Flexipage</type>
    </actionOverrides>
`;

/**
 * The View overrides that make a page the org default, for desktop (Large) and phone (Small). This is how
 * Lightning App Builder stores "Activate > Org Default" in a CustomObject.
 */
export function withViewOverrides(objectXml: string, page: string): string {
    const open = /<CustomObject\b[^>]*>\s*\n?/.exec(objectXml);
    if (!open) throw new Error('not a CustomObject file');
    const at = open.index + open[0].length;
    return `${objectXml.slice(0, at)}${override(page, 'Large')}${override(page, 'Small')}${objectXml.slice(at)}`;
}

/**
 * Metadata API files that activate the record pages: Account gets a CustomObject with only its View overrides
 * (a standard object keeps every setting not named); Brand_Detail__c is the package's own object, deployed whole
 * with the overrides added. Nothing is deleted by a deploy, so the fields stay as step 1 left them.
 */
export function activationFiles(
    pages: readonly RecordPage[],
    brandDetailObjectXml: string
): Record<string, string> {
    const files: Record<string, string> = {};
    for (const { object, page } of pages) {
        const xml =
            object === 'Brand_Detail__c'
                ? withViewOverrides(brandDetailObjectXml, page)
                : `<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">\n${override(page, 'Large')}${override(page, 'Small')}</CustomObject>\n`;
        files[`objects/${object}.object`] = xml;
    }
    files['package.xml'] = `<?xml version="1.0" encoding="UTF-8"?>
<Package xmlns="http://soap.sforce.com/2006/04/metadata">
    <types>
${pages.map(({ object }) => `        <members>${object}</members>\n`).join('')}        <name>CustomObject</name>
    </types>
    <version>${API_VERSION}</version>
</Package>
`;
    return files;
}

/** How to do it by hand, for pages the command does not (or cannot) activate. */
function manualActivation(pages: readonly RecordPage[]): string[] {
    return [
        ...pages.map(
            ({ page, label }) =>
                `${label}: Setup > Lightning App Builder > ${page} > Edit > Activation > Org Default > Desktop and phone > Save.`
        ),
        'Or per app and profile: Activation > App, Record Type, and Profile (see docs/deploy.md).'
    ];
}

function activationSteps(options: DeployOptions, facts: PlanFacts, org: string[]): DeployStep[] {
    const inSource = RECORD_PAGES.filter(({ page }) => facts.pagesInSource.includes(page));
    const missing = RECORD_PAGES.filter(({ page }) => !facts.pagesInSource.includes(page));
    const toActivate = inSource.filter(
        ({ page, optIn }) => !facts.pagesActivatedInSource.includes(page) && (!optIn || options.activatePages)
    );
    const leftToAdmin = inSource.filter(({ optIn }) => optIn && !options.activatePages);
    const steps: DeployStep[] = [];
    if (toActivate.length > 0) {
        steps.push({
            kind: 'sf',
            title: `Make ${toActivate.map(({ page }) => page).join(' and ')} the org default record page${toActivate.length > 1 ? 's' : ''} (desktop and phone)`,
            args: ['project', 'deploy', 'start', '--metadata-dir', facts.activationDir, ...org],
            files: {
                dir: facts.activationDir,
                contents: activationFiles(toActivate, facts.brandDetailObjectXml)
            }
        });
    }
    if (leftToAdmin.length > 0) {
        steps.push({
            kind: 'manual',
            title: `${leftToAdmin.map(({ page }) => page).join(', ')}: not made the org default (that is --activate-pages)`,
            lines: [
                'It changes the page of every user without an app or profile assignment; assign it where you want it:',
                ...manualActivation(leftToAdmin)
            ]
        });
    }
    if (missing.length > 0) {
        steps.push({
            kind: 'manual',
            title: `Record page${missing.length > 1 ? 's' : ''} not in force-app yet: ${missing.map(({ page }) => page).join(', ')}`,
            lines: [
                'Deploy again once force-app/main/default/flexipages has them, or activate them by hand:',
                ...manualActivation(missing)
            ]
        });
    }
    return steps;
}

/**
 * The install as a list of steps. Pure: the same options and facts give the same commands, which is what the
 * test checks (no sf CLI and no org needed).
 */
export function deployPlan(options: DeployOptions, facts: PlanFacts): DeployStep[] {
    const org = ['--target-org', options.targetOrg];
    const steps: DeployStep[] = [
        {
            kind: 'sf',
            title: 'Deploy force-app',
            args: ['project', 'deploy', 'start', '--source-dir', 'force-app', ...org]
        },
        {
            kind: 'sf',
            title: 'Assign the permission sets to you',
            args: [
                'org',
                'assign',
                'permset',
                ...PERMISSION_SETS.flatMap((name) => ['--name', name]),
                ...org
            ],
            check: permissionSetCheck(PERMISSION_SETS, org)
        },
        ...activationSteps(options, facts, org)
    ];
    if (options.withSampleData && facts.sampleAccount) {
        const args = ['data', 'import', 'tree', '--plan', SAMPLE_DATA_PLAN, ...org];
        steps.push({
            kind: 'sf',
            title: 'Import the sample data',
            args,
            check: sampleDataCheck(facts.sampleAccount, args, org)
        });
    }
    steps.push({
        kind: 'manual',
        title: 'Next',
        lines: [
            'Give each account manager the permission set Klantsegmentatie_Sales:',
            `  ${formatCommand(['org', 'assign', 'permset', '--name', 'Klantsegmentatie_Sales', '--on-behalf-of', 'USERNAME', ...org])}`,
            'For the nightly run, create the integration user with Klantsegmentatie_Integration: see docs/scheduling.md.',
            `Then try it: npm run reclassify -- --target-org ${options.targetOrg} --dry-run`
        ]
    });
    return steps;
}

/** The facts deployPlan needs, read from force-app and the sample data plan. */
export function readPlanFacts(
    activationDir: string,
    metadataDir: string = METADATA_DIR,
    samplePlan: string = path.join(REPO_ROOT, SAMPLE_DATA_PLAN)
): PlanFacts {
    const pagesInSource = RECORD_PAGES.filter(({ page }) =>
        existsSync(path.join(metadataDir, 'flexipages', `${page}.flexipage-meta.xml`))
    ).map(({ page }) => page);
    const objectFile = (object: string) =>
        path.join(metadataDir, 'objects', object, `${object}.object-meta.xml`);
    const pagesActivatedInSource = RECORD_PAGES.filter(({ object, page }) => {
        const file = objectFile(object);
        return existsSync(file) && new RegExp(`<content>${page}</content>`).test(readFileSync(file, 'utf8'));
    }).map(({ page }) => page);
    return {
        pagesInSource,
        pagesActivatedInSource,
        brandDetailObjectXml: readFileSync(objectFile('Brand_Detail__c'), 'utf8'),
        activationDir,
        sampleAccount: readSampleAccount(samplePlan)
    };
}
