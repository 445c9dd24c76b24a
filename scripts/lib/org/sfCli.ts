import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { OrgApiError, type Session } from './api.ts';

/**
 * A session from the Salesforce CLI's own auth store, through the project's pinned CLI (@salesforce/cli, a dev
 * dependency), never an `sf` found on PATH. Since the CLI's 2026 security update `sf org display --json`
 * answers `"accessToken": "[REDACTED] Use 'sf org auth show-access-token' to view"` (plugin-org,
 * messages/secrets-redacted.md); `sf org auth show-access-token --json` answers `{"accessToken"}`. So the
 * instance URL comes from the one and the token from the other.
 */

const run = promisify(execFile);

/** How long one CLI call may take (it may refresh the token, waiting for another process's refresh). */
const CLI_TIMEOUT_MS = 120_000;

/**
 * What a session id looks like, as @salesforce/core tells one (util/sfdc.js): an opaque token "<org id>!…" or
 * a JWT-based access token. Anything else (a redaction notice, a message) is not sent to the org.
 */
const OPAQUE_TOKEN = /00D\w{12,15}![.\w]+/g;
const JWT_TOKEN = /eyJ[\w+=-]+\.[\w+=-]+\.[\w+=-]+/g;

export function looksLikeSessionId(value: string): boolean {
    return [OPAQUE_TOKEN, JWT_TOKEN].some((shape) => new RegExp(`^${shape.source}$`).test(value));
}

/** The project's own `sf`: the bin of the @salesforce/cli package that Node resolves from here. */
export function projectSfCli(): string {
    let dir = path.dirname(fileURLToPath(import.meta.resolve('@salesforce/cli')));
    while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
    const bin = (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { bin: { sf: string } })
        .bin.sf;
    return path.join(dir, bin);
}

/** Hides anything shaped like a session id in text the CLI printed. */
function masked(text: string): string {
    return text.replace(OPAQUE_TOKEN, '<session id>').replace(JWT_TOKEN, '<session id>');
}

/** Runs `sf <args> --json` on this Node and returns its `result`; a failure is an OrgApiError naming the alias. */
async function sfJson(alias: string, args: string[]): Promise<Record<string, unknown>> {
    let stdout: string;
    try {
        ({ stdout } = await run(
            process.execPath,
            [projectSfCli(), ...args, '--target-org', alias, '--json'],
            {
                env: {
                    ...process.env,
                    SF_DISABLE_TELEMETRY: 'true',
                    SF_SKIP_NEW_VERSION_CHECK: 'true',
                    SF_DISABLE_AUTOUPDATE: 'true'
                },
                maxBuffer: 1024 * 1024,
                timeout: CLI_TIMEOUT_MS
            }
        ));
    } catch (error) {
        const failure = error as { stdout?: string; killed?: boolean; message: string };
        let message = failure.killed ? `no answer within ${CLI_TIMEOUT_MS / 1000} s` : failure.message;
        try {
            message = (JSON.parse(failure.stdout ?? '') as { message?: string }).message ?? message;
        } catch {
            // Not the CLI's JSON (it did not start): the process error says why.
        }
        throw new OrgApiError(
            `cannot use org "${alias}" from the Salesforce CLI (sf ${args.join(' ')}): ${masked(message).replace(/\s+/g, ' ').trim()}`,
            'UNKNOWN_TARGET_ORG'
        );
    }
    return (JSON.parse(stdout) as { result?: Record<string, unknown> }).result ?? {};
}

/** The instance URL from `sf org display`, the session id from `sf org auth show-access-token`. */
export async function sfCliSession(alias: string): Promise<Session> {
    // Side by side: each starts a CLI (seconds); a token refresh in both is serialized by the CLI itself.
    const [display, { accessToken }] = await Promise.all([
        sfJson(alias, ['org', 'display']),
        sfJson(alias, ['org', 'auth', 'show-access-token'])
    ]);
    const instanceUrl =
        typeof display.instanceUrl === 'string' ? display.instanceUrl.replace(/\/+$/, '') : '';
    if (typeof accessToken !== 'string' || !looksLikeSessionId(accessToken)) {
        const said =
            typeof accessToken === 'string' && accessToken.startsWith('[REDACTED]')
                ? `: "${accessToken}"`
                : '';
        throw new OrgApiError(
            `the Salesforce CLI gave no session id for org "${alias}"${said}`,
            'NO_SESSION_FROM_CLI'
        );
    }
    if (!/^https?:\/\//.test(instanceUrl)) {
        throw new OrgApiError(
            `the Salesforce CLI gave no instance URL for org "${alias}"`,
            'UNKNOWN_TARGET_ORG'
        );
    }
    return { accessToken, instanceUrl };
}
