import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from './paths.ts';

/**
 * The project's own Salesforce CLI: the @salesforce/cli dev dependency (what `npx sf` runs in this folder), started
 * with the Node that runs us, so that no global install and no other Node is involved.
 */
export const SF_PACKAGE_DIR = path.join(REPO_ROOT, 'node_modules/@salesforce/cli');
export const SF_RUN = path.join(SF_PACKAGE_DIR, 'bin/run.js');

/** Every sf call runs quietly and never updates itself mid-install. */
export const SF_ENV = {
    SF_DISABLE_TELEMETRY: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
    SF_DISABLE_AUTOUPDATE: 'true'
} as const;

/** The installed CLI's version, or undefined when `npm ci` has not put it in node_modules. */
export function sfCliVersion(): string | undefined {
    if (!existsSync(SF_RUN)) return undefined;
    return (
        JSON.parse(readFileSync(path.join(SF_PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string }
    ).version;
}

/** `npx sf ...` as a person would type it in this folder (arguments a shell would split are quoted). */
export function formatCommand(args: readonly string[]): string {
    return ['npx', 'sf', ...args].map(quote).join(' ');
}

function quote(arg: string): string {
    if (/^[\w@%+=:,./-]+$/.test(arg)) return arg;
    if (!/["$`\\!]/.test(arg)) return `"${arg}"`;
    return `'${arg.replace(/'/g, `'\\''`)}'`;
}

function spawnSf(args: readonly string[], env: NodeJS.ProcessEnv, capture: boolean) {
    return spawn(process.execPath, ['--no-deprecation', SF_RUN, ...args], {
        cwd: REPO_ROOT,
        env: { ...env, ...SF_ENV },
        stdio: ['inherit', capture ? 'pipe' : 'inherit', 'inherit']
    });
}

/** Runs sf with the terminal attached; resolves with its exit code. */
export function runSf(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
    return new Promise((resolve) => {
        const child = spawnSf(args, env, false);
        child.on('error', () => resolve(127));
        child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
}

/**
 * Runs sf with --json in the arguments and returns what it printed (its answer) with the exit code. A call that
 * has not answered within `timeoutMs` is stopped and answers with a message saying so.
 */
export function runSfJson(
    args: readonly string[],
    env: NodeJS.ProcessEnv,
    timeoutMs?: number
): Promise<{ code: number; stdout: string }> {
    return new Promise((resolve) => {
        const child = spawnSf(args, env, true);
        let stdout = '';
        const timer =
            timeoutMs === undefined
                ? undefined
                : setTimeout(() => {
                      child.kill();
                      stdout = JSON.stringify({ message: `no answer within ${timeoutMs / 1000} s` });
                  }, timeoutMs);
        child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        child.on('error', (error) =>
            resolve({ code: 127, stdout: JSON.stringify({ message: error.message }) })
        );
        child.on('close', (code, signal) => {
            clearTimeout(timer);
            resolve({ code: code ?? (signal ? 128 : 1), stdout });
        });
    });
}

/** sf's --json envelope: status 0 and the result, or a non-zero status and a message (plugin-core's SfCommand). */
const envelope = z.object({
    status: z.number().optional(),
    result: z.unknown().optional(),
    message: z.string().optional()
});

export class SfAnswerError extends Error {
    override readonly name = 'SfAnswerError';
}

/** The result of a `--json` sf call, checked against the shape we rely on; throws SfAnswerError otherwise. */
export function sfResult<T>(answer: { code: number; stdout: string }, shape: z.ZodType<T>): T {
    let json: unknown;
    try {
        json = JSON.parse(answer.stdout);
    } catch {
        throw new SfAnswerError(`sf did not answer in JSON (exit code ${answer.code})`);
    }
    const parsed = envelope.safeParse(json);
    if (!parsed.success || answer.code !== 0 || (parsed.data.status ?? 0) !== 0) {
        throw new SfAnswerError(parsed.data?.message ?? `sf ended with exit code ${answer.code}`);
    }
    const result = shape.safeParse(parsed.data.result);
    if (!result.success)
        throw new SfAnswerError(
            `sf answered in an unexpected shape: ${result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`
        );
    return result.data;
}
