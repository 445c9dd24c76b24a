import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { argvProblem } from '../argv.ts';
import { type Ask } from './checks.ts';
import {
    deployPlan,
    readPlanFacts,
    SAMPLE_DATA_PLAN,
    type DeployOptions,
    type DeployStep,
    type PlanFacts
} from './plan.ts';
import { EXIT_CODES } from '../exitCodes.ts';
import { formatCommand, runSf, runSfJson, SfAnswerError, sfCliVersion, sfResult } from '../sfCli.ts';

export const DEPLOY_HELP = `Usage: npm run deploy -- --target-org ALIAS [--with-sample-data] [--activate-pages] [--dry-run]

Installs Klantsegmentatie in an org this project's Salesforce CLI is logged in to
(npx sf org login web --alias ALIAS). Every step can be run again:
  1. deploys force-app (objects, fields, permission sets, panels, record pages, reports, dashboard)
  2. assigns the permission sets Klantsegmentatie_Sales and Klantsegmentatie_Integration to you
     (asks the org first and assigns only those you do not have)
  3. makes Merkgegevens_Record_Page the org default record page of Merkgegevens (desktop and phone);
     with --activate-pages also Installateur_Record_Page the org default of Account
  4. with --with-sample-data: imports ${SAMPLE_DATA_PLAN}
     (asks the org first and imports nothing when the sample data is there)

Options:
  --target-org ALIAS   the org (alias or username), required
  --with-sample-data   also import the sample installers, brand details and potential (not for production)
  --activate-pages     also make Installateur_Record_Page the org default Account page, for every user
                       without an app or profile assignment (without it: how to assign it by hand)
  --dry-run            print the sf commands, run nothing and ask the org nothing
  -h, --help           this text
`;

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
        'activate-pages': z.boolean().default(false),
        'dry-run': z.boolean().default(false)
    })
    .strict();

const DEPLOY_FLAGS = {
    'target-org': { type: 'string', short: 'o' },
    'with-sample-data': { type: 'boolean' },
    'activate-pages': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' }
} as const;

/** Parses `npm run deploy` options; throws DeployUsageError with a one-line reason. */
export function parseDeployArgs(argv: string[]): DeployOptions | 'help' {
    let values: Record<string, unknown>;
    try {
        values = parseArgs({
            args: argv,
            options: DEPLOY_FLAGS,
            strict: true,
            allowPositionals: false
        }).values;
    } catch (error) {
        throw new DeployUsageError(argvProblem(error, Object.keys(DEPLOY_FLAGS), 'deploy'));
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
        activatePages: parsed.data['activate-pages'],
        dryRun: parsed.data['dry-run']
    };
}

export const SF_MISSING = `This project's Salesforce CLI (@salesforce/cli in node_modules) is not installed, so nothing was deployed.
Run npm ci in this folder, log in once with npx sf org login web --alias ALIAS, and run npm run deploy again.
To see the commands without running them: npm run deploy -- --target-org ALIAS --dry-run`;

export type DeployIo = { stdout: (text: string) => void; stderr: (text: string) => void };

export type DeployDeps = {
    sfVersion: () => string | undefined;
    run: (args: string[], env: NodeJS.ProcessEnv) => Promise<number>;
    runJson: (args: string[], env: NodeJS.ProcessEnv) => Promise<{ code: number; stdout: string }>;
    facts: (activationDir: string) => PlanFacts;
    makeActivationDir: () => Promise<string>;
    writeFiles: (dir: string, contents: Record<string, string>) => Promise<void>;
    cleanUp: (dir: string) => Promise<void>;
};

export const DEFAULT_DEPS: DeployDeps = {
    sfVersion: sfCliVersion,
    run: runSf,
    runJson: runSfJson,
    facts: (dir) => readPlanFacts(dir),
    makeActivationDir: () => mkdtemp(path.join(os.tmpdir(), 'klantsegmentatie-activation-')),
    writeFiles: async (dir, contents) => {
        for (const [file, text] of Object.entries(contents)) {
            await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
            await writeFile(path.join(dir, file), text);
        }
    },
    cleanUp: (dir) => rm(dir, { recursive: true, force: true })
};

/** The org's answers; in a dry run nothing is asked and each question's assumed answer (a fresh org) is used. */
function asker(io: DeployIo, deps: DeployDeps, env: NodeJS.ProcessEnv, dryRun: boolean): Ask {
    return async (question) => {
        io.stdout(`  $ ${formatCommand(question.args)}\n`);
        if (dryRun) return question.assumed;
        return sfResult(await deps.runJson(question.args, env), question.answer);
    };
}

function refuse(io: DeployIo, message: string): number {
    io.stderr(message);
    return EXIT_CODES.refused.code;
}

function failed(io: DeployIo, title: string, reason: string): number {
    io.stderr(
        `\nFailed: "${title}" ${reason}; the steps after it did not run.\n` +
            `Fix the cause and run npm run deploy again (every step is safe to repeat).\n`
    );
    return EXIT_CODES.failed.code;
}

type Run = { io: DeployIo; deps: DeployDeps; env: NodeJS.ProcessEnv; dryRun: boolean; ask: Ask };

/** One sf step: its check (which may skip it or narrow its arguments), then the command; the failure, if any. */
async function runStep(step: Extract<DeployStep, { kind: 'sf' }>, run: Run): Promise<string | undefined> {
    const { io, deps, env } = run;
    let args = step.args;
    if (step.check) {
        io.stdout(`  first asks the org ${step.check.asks}:\n`);
        let decision;
        try {
            decision = await step.check.decide(run.ask);
        } catch (error) {
            if (!(error instanceof SfAnswerError)) throw error;
            return `could not ask the org: ${error.message}`;
        }
        if ('skip' in decision) {
            io.stdout(`  skipped: ${decision.skip}\n`);
            return undefined;
        }
        args = decision.args;
    }
    io.stdout(`  $ ${formatCommand(args)}\n`);
    if (step.files)
        io.stdout(`  (first writes ${Object.keys(step.files.contents).join(', ')} to that folder)\n`);
    if (run.dryRun) return undefined;
    if (step.files) await deps.writeFiles(step.files.dir, step.files.contents);
    const code = await deps.run(args, env);
    return code === 0 ? undefined : `ended with exit code ${code} (sf's message is above)`;
}

function announce(io: DeployIo, options: DeployOptions, version: string | undefined): void {
    io.stdout(
        `Klantsegmentatie install into ${options.targetOrg} with this project's Salesforce CLI ` +
            `(@salesforce/cli ${version ?? 'not installed'}; npx sf in this folder)\n` +
            (options.dryRun
                ? 'Dry run: nothing is run, and every question to the org is answered as by an org that has nothing yet.\n'
                : '')
    );
}

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
        return refuse(io, `Refused: ${error.message}\n\n${DEPLOY_HELP}`);
    }
    if (options === 'help') {
        io.stdout(DEPLOY_HELP);
        return EXIT_CODES.ok.code;
    }
    const version = deps.sfVersion();
    if (!options.dryRun && !version) return refuse(io, `${SF_MISSING}\n`);
    const activationDir = await deps.makeActivationDir();
    try {
        const facts = deps.facts(activationDir);
        if (options.withSampleData && !facts.sampleAccount) {
            return refuse(
                io,
                `Refused: --with-sample-data needs ${SAMPLE_DATA_PLAN}, which is not in this checkout. Nothing was deployed.\n`
            );
        }
        const steps = deployPlan(options, facts);
        const runnable = steps.filter((step) => step.kind === 'sf').length;
        announce(io, options, version);
        const run: Run = { io, deps, env, dryRun: options.dryRun, ask: asker(io, deps, env, options.dryRun) };
        let number = 0;
        for (const step of steps) {
            if (step.kind === 'manual') {
                io.stdout(`\n${step.title}:\n${step.lines.map((line) => `  ${line}`).join('\n')}\n`);
                continue;
            }
            io.stdout(`\n[${++number}/${runnable}] ${step.title}\n`);
            const failure = await runStep(step, run);
            if (failure) return failed(io, step.title, failure);
        }
        io.stdout(`\n${options.dryRun ? 'Dry run done.' : 'Done.'}\n`);
        return EXIT_CODES.ok.code;
    } finally {
        await deps.cleanUp(activationDir);
    }
}
