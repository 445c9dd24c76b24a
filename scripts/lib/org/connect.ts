import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Connection, OAuth2 } from 'jsforce';
import { API_VERSION } from '../paths.ts';
import { OrgApiError } from './api.ts';

/** How the command logs in: one of the three ways an admin or a scheduler has. */
export type OrgAuth =
    | { kind: 'target-org'; alias: string }
    | { kind: 'access-token'; instanceUrl: string; accessToken: string }
    | { kind: 'client-credentials'; instanceUrl: string; clientId: string; clientSecret: string };

type Session = { accessToken: string; instanceUrl: string };
type RefreshCallback = (error: Error | null, accessToken?: string) => void;

const run = promisify(execFile);

/** Reads token and instance URL from the Salesforce CLI's own auth store (`sf org display`). */
async function sfCliSession(alias: string): Promise<Session> {
    try {
        const { stdout } = await run('sf', ['org', 'display', '--target-org', alias, '--json'], {
            env: {
                ...process.env,
                SF_DISABLE_TELEMETRY: 'true',
                SF_SKIP_NEW_VERSION_CHECK: 'true',
                SF_DISABLE_AUTOUPDATE: 'true'
            },
            maxBuffer: 1024 * 1024
        });
        const result = (JSON.parse(stdout) as { result?: Partial<Session> }).result;
        if (!result?.accessToken || !result.instanceUrl) {
            throw new Error('no access token in the answer');
        }
        return { accessToken: result.accessToken, instanceUrl: result.instanceUrl };
    } catch (error) {
        const { stdout: output, code } = error as { stdout?: string; code?: unknown };
        const message =
            code === 'ENOENT'
                ? 'the Salesforce CLI (sf) is not installed or not on PATH'
                : output
                  ? ((JSON.parse(output) as { message?: string }).message ?? '')
                  : (error as Error).message;
        throw new OrgApiError(
            `cannot use org "${alias}" from the Salesforce CLI: ${message.replace(/00D\w{12,15}![\w.]+/g, '<token>')}`,
            'UNKNOWN_TARGET_ORG'
        );
    }
}

async function clientCredentialsSession(
    instanceUrl: string,
    clientId: string,
    clientSecret: string
): Promise<Session> {
    const oauth2 = new OAuth2({ loginUrl: instanceUrl, clientId, clientSecret });
    try {
        const token = (await oauth2.requestToken({ grant_type: 'client_credentials' })) as {
            access_token: string;
            instance_url?: string;
        };
        return { accessToken: token.access_token, instanceUrl: token.instance_url ?? instanceUrl };
    } catch (error) {
        throw new OrgApiError(
            `client-credentials login at ${instanceUrl} failed: ${(error as Error).message}`,
            'LOGIN_FAILED'
        );
    }
}

/** The refresh jsforce calls on 401: ask the same source for a new session. */
function refresher(login: () => Promise<Session>) {
    return (_conn: Connection, callback: RefreshCallback) => {
        login().then(
            (session) => callback(null, session.accessToken),
            (error: unknown) => callback(error as Error)
        );
    };
}

/**
 * Opens a jsforce Connection. With the sf CLI or client credentials an expired session is renewed on 401;
 * a bare access token cannot be renewed, so a 401 ends the run with a clear message.
 */
export async function connect(auth: OrgAuth): Promise<Connection> {
    if (auth.kind === 'access-token') {
        return new Connection({
            instanceUrl: auth.instanceUrl,
            accessToken: auth.accessToken,
            version: API_VERSION
        });
    }
    const login =
        auth.kind === 'target-org'
            ? () => sfCliSession(auth.alias)
            : () => clientCredentialsSession(auth.instanceUrl, auth.clientId, auth.clientSecret);
    const session = await login();
    return new Connection({ ...session, version: API_VERSION, refreshFn: refresher(login) });
}
