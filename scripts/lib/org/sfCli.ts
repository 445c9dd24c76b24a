import { z } from 'zod';
import { runSfJson, SfAnswerError, sfResult } from '../sfCli.ts';
import { OrgApiError, type Session } from './api.ts';

/**
 * A session from the Salesforce CLI's own auth store, through the project's pinned CLI (@salesforce/cli, a dev
 * dependency), never an `sf` found on PATH. Since the CLI's 2026 security update `sf org display --json`
 * answers `"accessToken": "[REDACTED] Use 'sf org auth show-access-token' to view"` (plugin-org,
 * messages/secrets-redacted.md); `sf org auth show-access-token --json` answers `{"accessToken"}`. So the
 * instance URL comes from the one and the token from the other.
 */

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

/** Hides anything shaped like a session id in text the CLI printed. */
function masked(text: string): string {
    return text.replace(OPAQUE_TOKEN, '<session id>').replace(JWT_TOKEN, '<session id>');
}

/** Runs `sf <args> --json` for the org and returns its checked `result`; a failure is an OrgApiError naming the alias. */
async function sfJson<T>(alias: string, args: string[], shape: z.ZodType<T>): Promise<T> {
    const answer = await runSfJson([...args, '--target-org', alias, '--json'], process.env, CLI_TIMEOUT_MS);
    try {
        return sfResult(answer, shape);
    } catch (error) {
        if (!(error instanceof SfAnswerError)) throw error;
        throw new OrgApiError(
            `cannot use org "${alias}" from the Salesforce CLI (sf ${args.join(' ')}): ${masked(error.message).replace(/\s+/g, ' ').trim()}`,
            'UNKNOWN_TARGET_ORG'
        );
    }
}

/** The instance URL from `sf org display`, the session id from `sf org auth show-access-token`. */
export async function sfCliSession(alias: string): Promise<Session> {
    // Side by side: each starts a CLI (seconds); a token refresh in both is serialized by the CLI itself.
    const [display, { accessToken }] = await Promise.all([
        sfJson(alias, ['org', 'display'], z.object({ instanceUrl: z.string().optional() })),
        sfJson(alias, ['org', 'auth', 'show-access-token'], z.object({ accessToken: z.string().optional() }))
    ]);
    const instanceUrl = display.instanceUrl?.replace(/\/+$/, '') ?? '';
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
