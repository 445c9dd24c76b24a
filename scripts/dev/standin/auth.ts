import { createHmac } from 'node:crypto';
import { sequentialId } from './ids.ts';

/**
 * Sessions and the OAuth 2.0 token endpoint (client credentials and refresh token flows). Tokens are
 * deterministic; expiring sessions (fault expireSession) invalidates every token issued so far, so a client
 * must come back to the token endpoint, as it must when an org's session times out.
 */

export type TokenResponse = { status: number; body: Record<string, string> };

const ORG_ID = sequentialId('00D', 1);
/** The integration user every session runs as (jobs' createdById). */
export const USER_ID = sequentialId('005', 1);

function oauthError(error: string, description: string): TokenResponse {
    return { status: 400, body: { error, error_description: description } };
}

export class Sessions {
    private readonly valid = new Set<string>();
    private issued = 0;
    /** The token issued last (the initial one until a client fetches another). */
    latest: string;

    constructor(
        initialToken: string | undefined,
        private readonly client: { clientId: string; clientSecret: string; refreshToken: string }
    ) {
        this.latest = initialToken ?? this.newToken();
        this.valid.add(this.latest);
    }

    private newToken(): string {
        this.issued += 1;
        return `${ORG_ID}!standin.session.${this.issued}`;
    }

    isValid(authorization: string | undefined): boolean {
        const match = /^(?:Bearer|OAuth) (.+)$/.exec(authorization ?? '');
        return match !== null && this.valid.has(match[1]!);
    }

    expireAll(): void {
        this.valid.clear();
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
        this.latest = this.newToken();
        this.valid.add(this.latest);
        const id = `${instanceUrl}/id/${ORG_ID}/${USER_ID}`;
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
}
