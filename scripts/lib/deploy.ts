import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { EXIT_CODES } from './exitCodes.ts';
import { API_VERSION, METADATA_DIR, REPO_ROOT } from './paths.ts';

/** Every sf call runs quietly and never updates itself mid-install. */
export const SF_ENV = {
    SF_DISABLE_TELEMETRY: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
    SF_DISABLE_AUTOUPDATE: 'true'
} as const;

export const PERMISSION_SETS = ['Klantsegmentatie_Sales', 'Klantsegmentatie_Integration'] as const;
export const SAMPLE_DATA_PLAN = 'data/tree/sample-data-plan.json';

/** The record pages of the package and the object each one becomes the org default for. */
export const RECORD_PAGES = [
    { object: 'Brand_Detail__c', page: 'Merkgegevens_Record_Page', label: 'Merkgegevens' },
    { object: 'Account', page: 'Installateur_Record_Page', label: 'Installateur (Account)' }
] as const;

export type RecordPage = (typeof RECORD_PAGES)[number];

export const DEPLOY_HELP = `Usage: npm run deploy -- --target-org ALIAS [--with-sample-data] [--skip-page-activation] [--dry-run]

Installs Klantsegmentatie in an org the Salesforce CLI is logged in to (sf org login web --alias ALIAS):
  1. deploys force-app (objects, fields, permission sets, panels, record pages, reports, dashboard)
  2. assigns the permission sets Klantsegmentatie_Sales and Klantsegmentatie_Integration to you
  3. makes Merkgegevens_Record_Page and Installateur_Record_Page the org default record pages
     (desktop and phone) by deploying the View action overrides of Brand_Detail__c and Account
  4. with --with-sample-data: imports ${SAMPLE_DATA_PLAN}

Options:
  --target-org ALIAS       the org (alias or username), required
  --with-sample-data       also import the sample installers, brand details and potential
  --skip-page-activation   leave the org's record page assignments alone (activate in Lightning App Builder)
  --dry-run                print the sf commands, run nothing (no sf CLI needed)
  -h, --help               this text
`;

export type DeployOptions = {
    targetOrg: string;
    withSampleData: boolean;
    activatePages: boolean;
    dryRun: boolean;
};

export class DeployUsageError extends Error {
    override readonly name = 'DeployUsageError';
}

const optionsSchema = z
    .object({
        'target-org': z
            .string()
            .trim()
            .min(1, 'give the org alias or username')
            .regex(/^[^\s-][^\s]*$/, 'an alias or username, no spaces'),
        'with-sample-data': z.boolean().default(false),
        'skip-page-activation': z.boolean().default(false),
        'dry-run': z.boolean().default(false)
    })
    .strict();

/** Parses `npm run deploy` options; throws DeployUsageError with a one-line reason. */
export function parseDeployArgs(argv: string[]): DeployOptions | 'help' {
    let values: Record<string, unknown>;
    try {
        values = parseArgs({
            args: argv,
            options: {
                'target-org': { type: 'string', short: 'o' },
                'with-sample-data': { type: 'boolean' },
                'skip-page-activation': { type: 'boolean' },
                'dry-run': { type: 'boolean' },
                help: { type: 'boolean', short: 'h' }
            },
            strict: true,
            allowPositionals: false
        }).values;
    } catch (error) {
        throw new DeployUsageError((error as Error).message);
    }
    if (values.help) return 'help';
    const parsed = optionsSchema.safeParse(values);
    if (!parsed.success) {
        throw new DeployUsageError(
            parsed.error.issues
                .map(
                    (issue) =>
                        `--${issue.path.join('.') || 'target-org'}: ${issue.code === 'invalid_type' ? 'required' : issue.message}`
                )
                .join('; ')
        );
    }
    return {
        targetOrg: parsed.data['target-org'],
        withSampleData: parsed.data['with-sample-data'],
        activatePages: !parsed.data['skip-page-activation'],
        dryRun: parsed.data['dry-run']
    };
}

/** A step of the install: an sf command (with files to write first), or something only a person can do. */
export type DeployStep =
    | { kind: 'sf'; title: string; args: string[]; files?: { dir: string; contents: Record<string, string> } }
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
            args: ['org', 'assign', 'permset', ...PERMISSION_SETS.flatMap((name) => ['--name', name]), ...org]
        }
    ];
    const missing = RECORD_PAGES.filter(({ page }) => !facts.pagesInSource.includes(page));
    const toActivate = RECORD_PAGES.filter(
        ({ page }) => facts.pagesInSource.includes(page) && !facts.pagesActivatedInSource.includes(page)
    );
    if (!options.activatePages) {
        steps.push({
            kind: 'manual',
            title: 'Activate the record pages (skipped: --skip-page-activation)',
            lines: manualActivation(RECORD_PAGES.filter(({ page }) => facts.pagesInSource.includes(page)))
        });
    } else if (toActivate.length > 0) {
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
    if (options.withSampleData) {
        steps.push({
            kind: 'sf',
            title: 'Import the sample data',
            args: ['data', 'tree', 'import', '--plan', SAMPLE_DATA_PLAN, ...org]
        });
    }
    steps.push({
        kind: 'manual',
        title: 'Next',
        lines: [
            'Give each account manager the permission set Klantsegmentatie_Sales:',
            `  sf org assign permset --name Klantsegmentatie_Sales --on-behalf-of USERNAME --target-org ${options.targetOrg}`,
            'For the nightly run, create the integration user with Klantsegmentatie_Integration: see docs/scheduling.md.',
            `Then try it: npm run reclassify -- --target-org ${options.targetOrg} --dry-run`
        ]
    });
    return steps;
}

/** `sf project deploy start ...` as a person would type it (arguments with spaces quoted). */
export function formatCommand(args: readonly string[]): string {
    return ['sf', ...args]
        .map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`))
        .join(' ');
}

/** The facts deployPlan needs, read from force-app. */
export function readPlanFacts(activationDir: string, metadataDir: string = METADATA_DIR): PlanFacts {
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
        activationDir
    };
}

/** The executable's full path when `name` is on PATH (PATHEXT on Windows), else undefined. */
export function findOnPath(
    name: string,
    env: NodeJS.ProcessEnv,
    platform: NodeJS.Platform = process.platform
): string | undefined {
    const extensions = platform === 'win32' ? (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';') : [''];
    for (const dir of (env.PATH ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean)) {
        for (const extension of extensions) {
            const candidate = path.join(dir, `${name}${extension}`);
            try {
                accessSync(candidate, constants.X_OK);
                return candidate;
            } catch {
                // not here
            }
        }
    }
    return undefined;
}

/** Runs `sf` with the terminal attached; resolves with its exit code. */
function runSf(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
    return new Promise((resolve) => {
        // On Windows sf is sf.cmd, which only starts through a shell; quote what the shell would split.
        const windows = process.platform === 'win32';
        const argv = windows
            ? args.map((arg) => (/[\s"&|<>^]/.test(arg) ? `"${arg.replace(/"/g, '""')}"` : arg))
            : args;
        const child = spawn('sf', argv, { stdio: 'inherit', env, shell: windows });
        child.on('error', () => resolve(127));
        child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
}

export const SF_MISSING = `The Salesforce CLI (sf) is not on PATH, so nothing was deployed.
Install it (npm install --global @salesforce/cli, or the installer from developer.salesforce.com/tools/salesforcecli),
log in once with sf org login web --alias ALIAS, and run npm run deploy again.
To see the commands without running them: npm run deploy -- --target-org ALIAS --dry-run`;

export type DeployIo = { stdout: (text: string) => void; stderr: (text: string) => void };

export type DeployDeps = {
    findSf: (env: NodeJS.ProcessEnv) => string | undefined;
    run: (args: string[], env: NodeJS.ProcessEnv) => Promise<number>;
    facts: (activationDir: string) => PlanFacts;
    sampleDataPlanExists: () => boolean;
    makeActivationDir: () => Promise<string>;
    writeFiles: (dir: string, contents: Record<string, string>) => Promise<void>;
    cleanUp: (dir: string) => Promise<void>;
};

export const DEFAULT_DEPS: DeployDeps = {
    findSf: (env) => findOnPath('sf', env),
    run: runSf,
    facts: (dir) => readPlanFacts(dir),
    sampleDataPlanExists: () => existsSync(path.join(REPO_ROOT, SAMPLE_DATA_PLAN)),
    makeActivationDir: () => mkdtemp(path.join(os.tmpdir(), 'klantsegmentatie-activation-')),
    writeFiles: async (dir, contents) => {
        for (const [file, text] of Object.entries(contents)) {
            await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
            await writeFile(path.join(dir, file), text);
        }
    },
    cleanUp: (dir) => rm(dir, { recursive: true, force: true })
};

/** `npm run deploy`: plan, check, run each step in order; returns the exit code (see exitCodes.ts). */
export async function deploy(
    argv: string[],
    env: NodeJS.ProcessEnv,
    io: DeployIo,
    deps: DeployDeps = DEFAULT_DEPS
): Promise<number> {
    let options: DeployOptions | 'help';
    try {
        options = parseDeployArgs(argv);
    } catch (error) {
        if (!(error instanceof DeployUsageError)) throw error;
        io.stderr(`Refused: ${error.message}\n\n${DEPLOY_HELP}`);
        return EXIT_CODES.refused.code;
    }
    if (options === 'help') {
        io.stdout(DEPLOY_HELP);
        return EXIT_CODES.ok.code;
    }
    if (options.withSampleData && !deps.sampleDataPlanExists()) {
        io.stderr(
            `Refused: --with-sample-data needs ${SAMPLE_DATA_PLAN}, which is not in this checkout. Nothing was deployed.\n`
        );
        return EXIT_CODES.refused.code;
    }
    const activationDir = await deps.makeActivationDir();
    try {
        const steps = deployPlan(options, deps.facts(activationDir));
        const runnable = steps.filter((step) => step.kind === 'sf');
        if (!options.dryRun && !deps.findSf(env)) {
            io.stderr(`${SF_MISSING}\n`);
            return EXIT_CODES.refused.code;
        }
        io.stdout(
            `Klantsegmentatie install into ${options.targetOrg}${options.dryRun ? ' (dry run: nothing is run)' : ''}\n`
        );
        const sfEnv = { ...env, ...SF_ENV };
        let number = 0;
        for (const step of steps) {
            if (step.kind === 'manual') {
                io.stdout(`\n${step.title}:\n${step.lines.map((line) => `  ${line}`).join('\n')}\n`);
                continue;
            }
            number++;
            io.stdout(`\n[${number}/${runnable.length}] ${step.title}\n  $ ${formatCommand(step.args)}\n`);
            if (step.files)
                io.stdout(`  (first writes ${Object.keys(step.files.contents).join(', ')} to that folder)\n`);
            if (options.dryRun) continue;
            if (step.files) await deps.writeFiles(step.files.dir, step.files.contents);
            const code = await deps.run(step.args, sfEnv);
            if (code !== 0) {
                io.stderr(
                    `\nFailed: "${step.title}" ended with exit code ${code}; the steps after it did not run.\n` +
                        `Read sf's message above, fix the cause, and run npm run deploy again (every step is safe to repeat).\n`
                );
                return EXIT_CODES.failed.code;
            }
        }
        io.stdout(`\n${options.dryRun ? 'Dry run done.' : 'Done.'}\n`);
        return EXIT_CODES.ok.code;
    } finally {
        await deps.cleanUp(activationDir);
    }
}
