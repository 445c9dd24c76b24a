import { Connection, OAuth2 } from 'jsforce';
import { API_VERSION } from '../paths.ts';
import {
    OrgApi,
    OrgApiError,
    type OrgApiOptions,
    type OrgIdentity,
    type Session,
    type SessionRenewal
} from './api.ts';
import { sfCliSession } from './sfCli.ts';

/** How the command logs in: one of the three ways an admin or a scheduler has. */
export type OrgAuth =
    | { kind: 'target-org'; alias: string }
    | { kind: 'access-token'; instanceUrl: string; accessToken: string }
    | { kind: 'client-credentials'; instanceUrl: string; clientId: string; clientSecret: string };

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

/** Where a new session comes from when the org refuses one; a bare access token has nowhere. */
function renewalOf(auth: OrgAuth): SessionRenewal | undefined {
    switch (auth.kind) {
        case 'target-org':
            return {
                login: () => sfCliSession(auth.alias),
                source: `the Salesforce CLI's login of org "${auth.alias}"`
            };
        case 'client-credentials':
            return {
                login: () => clientCredentialsSession(auth.instanceUrl, auth.clientId, auth.clientSecret),
                source: `a client-credentials login at ${auth.instanceUrl}`
            };
        default:
            return undefined;
    }
}

/** Ids in their 18-character form are what the identity URL holds; 15 are accepted too. */
const IDENTITY_URL = /\/id\/(00D\w{12,15})\/(005\w{12,15})\/?$/;

/**
 * Who the session is, from the resources of the package's API version (`GET /services/data/vXX.X/` names
 * the identity URL `…/id/<org id>/<user id>`). As the run's first request it also shows a dead session and an
 * org that does not serve that version (404, or 410 for a retired one): then the versions it does serve are
 * asked (`GET /services/data`, no session needed) and named.
 */
async function identify(api: OrgApi): Promise<OrgIdentity> {
    let resources: { identity?: unknown };
    try {
        resources = await api.json<{ identity?: unknown }>('identity', { method: 'GET', url: '/' }, true);
    } catch (error) {
        const status = (error as OrgApiError).status;
        if (status === 404 || status === 410) throw await versionNotServed(api);
        throw error;
    }
    const match = IDENTITY_URL.exec(typeof resources.identity === 'string' ? resources.identity : '');
    if (!match) {
        throw new OrgApiError(
            `the org's answer to GET /services/data/v${API_VERSION}/ names no identity URL`,
            'NO_IDENTITY'
        );
    }
    return { orgId: match[1]!, userId: match[2]! };
}

async function versionNotServed(api: OrgApi): Promise<OrgApiError> {
    const served = await api.json<{ version: string }[]>(
        'versions',
        { method: 'GET', url: '/services/data' },
        true
    );
    const versions = served.map((entry) => entry.version).sort((a, b) => Number(a) - Number(b));
    const range = versions.length > 0 ? `${versions[0]} to ${versions.at(-1)}` : 'none';
    return new OrgApiError(
        `the org at ${api.conn.instanceUrl} serves API versions ${range}, not ${API_VERSION}, which this package is built for`,
        'API_VERSION_NOT_SERVED'
    );
}

/**
 * Logs in and asks who the session is. With the sf CLI or client credentials a session the org refuses is
 * renewed (once between two successful requests); a bare access token cannot be renewed, so a 401 stops.
 */
export async function openOrg(
    auth: OrgAuth,
    options: Omit<OrgApiOptions, 'renewal'> = {}
): Promise<{ api: OrgApi; identity: OrgIdentity }> {
    const renewal = renewalOf(auth);
    const session = auth.kind === 'access-token' ? auth : await renewal!.login();
    const conn = new Connection({
        instanceUrl: session.instanceUrl,
        accessToken: session.accessToken,
        version: API_VERSION
    });
    const api = new OrgApi(conn, { ...options, renewal });
    const identity = await identify(api);
    api.identity = identity;
    return { api, identity };
}
