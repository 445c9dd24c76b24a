import { createHmac, randomInt } from 'node:crypto';
import { sequentialId } from './ids.ts';

/**
 * Sessions, the org's users and the OAuth 2.0 endpoints (token: client credentials and refresh token flows;
 * userinfo). Tokens are numbered in the order they are issued; expiring sessions (fault expireSession) invalidates every token issued
 * so far, so a client must come back to the token endpoint, as it must when an org's session times out.
 */

export type TokenResponse = { status: number; body: Record<string, string> };

export type StandinUser = {
    id: string;
    username: string;
    firstName: string;
    lastName: string;
    /** A deactivated user keeps their records but can own no new ones (and gets no session). */
    active: boolean;
};

/**
 * The org's users: the integration user every API session runs as unless told otherwise, a sales user, and an
 * account manager who left (deactivated: the accounts they owned keep them as owner until someone moves them).
 */
export const STANDIN_USERS = {
    integration: {
        id: sequentialId('005', 1),
        username: 'integratie@klantsegmentatie.standin',
        firstName: 'Integratie',
        lastName: 'Klantsegmentatie',
        active: true
    },
    sales: {
        id: sequentialId('005', 2),
        username: 'accountmanager@klantsegmentatie.standin',
        firstName: 'Sanne',
        lastName: 'de Vries',
        active: true
    },
    former: {
        id: sequentialId('005', 3),
        username: 'oud-accountmanager@klantsegmentatie.standin',
        firstName: 'Joost',
        lastName: 'Bakker',
        active: false
    }
} as const satisfies Record<string, StandinUser>;

/** A new org's id: every stand-in is an org of its own unless told which one it is (the demo keeps one). */
export function newOrgId(): string {
    return sequentialId('00D', randomInt(1, 10 ** 10));
}

function oauthError(error: string, description: string): TokenResponse {
    return { status: 400, body: { error, error_description: description } };
}

export class Sessions {
    /** Valid tokens and the user each one runs as. */
    private readonly valid = new Map<string, StandinUser>();
    private issued = 0;
    /** The integration user's token issued last (the initial one until a client fetches another). */
    latest: string;

    constructor(
        readonly orgId: string,
        initialToken: string | undefined,
        private readonly client: { clientId: string; clientSecret: string; refreshToken: string }
    ) {
        this.latest = initialToken ?? this.newToken();
        this.valid.set(this.latest, STANDIN_USERS.integration);
    }

    /** A session id as an org issues it: the 15-character org id, "!", then the secret part. */
    private newToken(): string {
        this.issued += 1;
        return `${this.orgId.slice(0, 15)}!standin.session.${this.issued}`;
    }

    /** The user a request's `Authorization: Bearer …` runs as, or undefined when the session is not valid. */
    userOf(authorization: string | undefined): StandinUser | undefined {
        const match = /^(?:Bearer|OAuth) (.+)$/.exec(authorization ?? '');
        return match ? this.valid.get(match[1]!) : undefined;
    }

    /** A new valid session for one of the org's users (tests acting as sales). */
    issue(user: StandinUser): string {
        if (!user.active) throw new Error(`${user.username} is deactivated: no session`);
        const token = this.newToken();
        this.valid.set(token, user);
        return token;
    }

    expireAll(): void {
        this.valid.clear();
    }

    /** The identity URL of a user's session: `<instance>/id/<org id>/<user id>`. */
    identityUrl(instanceUrl: string, user: StandinUser): string {
        return `${instanceUrl}/id/${this.orgId}/${user.id}`;
    }

    /** POST /services/oauth2/token with a form body; client credentials may also come as HTTP Basic. */
    token(body: string, authorization: string | undefined, instanceUrl: string, now: Date): TokenResponse {
        const params = new URLSearchParams(body);
        const basic = /^Basic (.+)$/.exec(authorization ?? '');
        const [basicId, basicSecret] = basic
            ? Buffer.from(basic[1]!, 'base64').toString('utf8').split(':')
            : [];
        const clientId = params.get('client_id') ?? basicId;
        const clientSecret = params.get('client_secret') ?? basicSecret;
        const grantType = params.get('grant_type');
        if (grantType !== 'client_credentials' && grantType !== 'refresh_token') {
            return oauthError('unsupported_grant_type', 'grant type not supported');
        }
        if (clientId !== this.client.clientId) {
            return oauthError('invalid_client_id', 'client identifier invalid');
        }
        if (grantType === 'client_credentials' && clientSecret !== this.client.clientSecret) {
            return oauthError('invalid_client', 'invalid client credentials');
        }
        if (grantType === 'refresh_token') {
            if (clientSecret !== undefined && clientSecret !== this.client.clientSecret) {
                return oauthError('invalid_client', 'invalid client credentials');
            }
            if (params.get('refresh_token') !== this.client.refreshToken) {
                return oauthError('invalid_grant', 'expired access/refresh token');
            }
        }
        this.latest = this.issue(STANDIN_USERS.integration);
        const id = this.identityUrl(instanceUrl, STANDIN_USERS.integration);
        const issuedAt = String(now.getTime());
        // As the org does: HMAC-SHA256 of the identity URL and issue time, keyed with the client secret.
        const signature = createHmac('sha256', this.client.clientSecret)
            .update(id + issuedAt)
            .digest('base64');
        return {
            status: 200,
            body: {
                access_token: this.latest,
                signature,
                scope: 'api',
                instance_url: instanceUrl,
                id,
                token_type: 'Bearer',
                issued_at: issuedAt
            }
        };
    }

    /**
     * GET /services/oauth2/userinfo: the OpenID Connect claims of the session's user. A token it does not
     * accept is a 403 with the plain-text body `Bad_OAuth_Token`, not the REST API's 401 JSON.
     */
    userinfo(
        authorization: string | undefined,
        instanceUrl: string
    ): { status: number; body: Record<string, unknown> | string } {
        const user = this.userOf(authorization);
        if (!user) return { status: 403, body: 'Bad_OAuth_Token' };
        // Without a version parameter the org leaves the literal {version} in the API URLs.
        const data = `${instanceUrl}/services/data/v{version}`;
        return {
            status: 200,
            body: {
                sub: this.identityUrl(instanceUrl, user),
                user_id: user.id,
                organization_id: this.orgId,
                preferred_username: user.username,
                nickname: user.firstName.toLowerCase(),
                name: `${user.firstName} ${user.lastName}`,
                email: user.username,
                email_verified: true,
                given_name: user.firstName,
                family_name: user.lastName,
                zoneinfo: 'Europe/Amsterdam',
                active: true,
                user_type: 'STANDARD',
                language: 'nl_NL',
                locale: 'nl_NL',
                utcOffset: 3600000,
                urls: {
                    rest: `${data}/`,
                    sobjects: `${data}/sobjects/`,
                    query: `${data}/query/`,
                    limits: `${data}/limits/`,
                    profile: `${instanceUrl}/${user.id}`
                },
                is_app_installed: true
            }
        };
    }
}
