import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { errorOfAnswer } from '../../../scripts/lib/org/api.ts';
import { looksLikeSessionId } from '../../../scripts/lib/org/sfCli.ts';
import { SF_RUN } from '../../../scripts/lib/sfCli.ts';
import { REPO_ROOT } from '../../../scripts/lib/paths.ts';

const GET = {
    method: 'GET',
    url: 'https://x.my.salesforce.com/services/data/v65.0/query?q=SELECT+COUNT()'
} as const;

test('an error answer keeps the org code and words, whatever body it came in', () => {
    const cases: [number, string, string, string][] = [
        [
            403,
            '[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]',
            'REQUEST_LIMIT_EXCEEDED',
            'TotalRequests Limit exceeded.'
        ],
        [
            400,
            '[{"errorCode":"API_ERROR","message":"Error encountered when deleting the job because the job is not terminated"}]',
            'API_ERROR',
            'Error encountered when deleting the job because the job is not terminated'
        ],
        [
            400,
            '{"error":"invalid_grant","error_description":"expired access/refresh token"}',
            'invalid_grant',
            'expired access/refresh token'
        ],
        [
            403,
            'Bad_OAuth_Token',
            'ERROR_HTTP_403',
            'the org answered HTTP 403 to GET /services/data/v65.0/query: Bad_OAuth_Token'
        ],
        [
            503,
            '<html><head><title>Maintenance</title><style>p{}</style></head><body><h1>Down</h1></body></html>',
            'ERROR_HTTP_503',
            'the org answered HTTP 503 to GET /services/data/v65.0/query: Maintenance Down'
        ],
        [502, '', 'ERROR_HTTP_502', 'the org answered HTTP 502 to GET /services/data/v65.0/query']
    ];
    for (const [status, body, code, message] of cases) {
        const error = errorOfAnswer(status, body, GET);
        assert.deepEqual([error.code, error.message, error.status], [code, message, status], body);
    }
});

test('a session id is told from what the sf CLI says instead of one', () => {
    assert.ok(looksLikeSessionId('00D5g000004Ax7Y!AQ4AQ.abc_def'));
    assert.ok(looksLikeSessionId('00DSI00000000012AA!standin.session.3'));
    assert.ok(looksLikeSessionId('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIwMDUifQ.c2lnbmF0dXJl'));
    assert.ok(!looksLikeSessionId("[REDACTED] Use 'sf org auth show-access-token' to view"));
    assert.ok(!looksLikeSessionId(''));
    assert.ok(!looksLikeSessionId('00D5g000004Ax7Y!abc def'));
});

test("the project's sf is the bin of the pinned @salesforce/cli package", () => {
    const sf = SF_RUN;
    assert.equal(sf, path.join(REPO_ROOT, 'node_modules/@salesforce/cli/bin/run.js'));
    const pinned = (
        JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
            devDependencies: Record<string, string>;
        }
    ).devDependencies['@salesforce/cli'];
    const installed = (
        JSON.parse(readFileSync(path.join(path.dirname(sf), '../package.json'), 'utf8')) as {
            version: string;
        }
    ).version;
    assert.equal(installed, pinned);
});
