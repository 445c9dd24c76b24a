/**
 * What the admin reads when a run stops, keyed by the error's stable code: what happened and the next step.
 * Logic throws codes; the words live here.
 */
const NEXT_STEPS: Record<string, string> = {
    INVALID_SESSION_ID:
        'the session expired or is invalid; a bare access token cannot be renewed, so use --target-org or client credentials (SF_CLIENT_ID, SF_CLIENT_SECRET) for runs that outlast a session',
    REQUEST_LIMIT_EXCEEDED:
        "the org's daily API requests are used up; the run stopped cleanly, run it again when the allowance has recovered",
    MAX_API_REQUESTS: 'raise --max-api-requests, or run again later: only what still differs is written',
    POLL_TIMEOUT: 'raise --poll-timeout if the org is busy',
    INGEST_JOB_FAILED: 'run again: only what still differs is written',
    UNKNOWN_TARGET_ORG:
        'log in with `npx sf org login web --alias ALIAS`, or check the alias with `npx sf org list`',
    NO_SESSION_FROM_CLI:
        "log in again with `npx sf org login web --alias ALIAS` (the project's own sf reads the session with `sf org auth show-access-token`)",
    SESSION_NOT_RENEWED:
        'log in again (`npx sf org login web --alias ALIAS` for --target-org), or check that the integration user is active and its connected app allows the login; nothing was written after the refusal',
    API_VERSION_NOT_SERVED:
        "the org runs an older Salesforce release than the package is built for; deploy and run once the org is upgraded, or use a package version built for the org's release",
    LOGIN_FAILED:
        'check SF_CLIENT_ID / SF_CLIENT_SECRET and that the connected app allows the client-credentials flow'
};

function errorCodeOf(error: unknown): string {
    const candidate = error as { errorCode?: unknown; code?: unknown; name?: unknown };
    return String(candidate.errorCode ?? candidate.code ?? candidate.name ?? '');
}

/** One line for the report and stderr: the message, then the next step when we know one. */
export function failureReason(error: unknown): string {
    const message = error instanceof Error ? error.message : String(error);
    const next = NEXT_STEPS[errorCodeOf(error)];
    return next ? `${message} — ${next}` : message;
}
