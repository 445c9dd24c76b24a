import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCommand } from '../helpers/csvOrg.ts';
import { writeBoundaryOrg } from '../helpers/boundaryOrg.ts';
import { orgArgs, standinLoadedFrom } from '../helpers/orgStandin.ts';
import type { StandinOptions } from '../../scripts/dev/standin/server.ts';

/**
 * Every error answer keeps the org's own meaning, whatever the request expected to read (a COUNT(), a Bulk
 * result page), and ends the run in one line with the next step, never a stack trace.
 */

const FIRST_COUNT = { method: 'GET', path: '/query', query: 'COUNT()' } as const;

async function runAgainst(options: StandinOptions, args: string[] = []) {
    const standin = await standinLoadedFrom(await writeBoundaryOrg(), options);
    try {
        const out = await mkdtemp(path.join(os.tmpdir(), 'org-errors-'));
        const result = await runCommand([...orgArgs(standin), '--out', out, '--no-estimate', ...args]);
        assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
        return { result, requests: standin.stats().requests };
    } finally {
        await standin.close();
    }
}

test('the daily limit on the very first COUNT() is REQUEST_LIMIT_EXCEEDED and a clean stop', async () => {
    const { result } = await runAgainst({ faults: [{ effect: 'requestLimit', ...FIRST_COUNT }] });
    assert.equal(result.exitCode, 2);
    assert.match(
        result.stderr,
        /^Failed: the org refuses more API requests: TotalRequests Limit exceeded\. — the org's daily API requests are used up/
    );
});

test('a session that expires on a Bulk result page keeps INVALID_SESSION_ID and its advice', async () => {
    const { result } = await runAgainst(
        { bulkPageSize: 5, faults: [{ effect: 'expireSession', method: 'GET', path: '/results' }] },
        ['--bulk-query-from', '5']
    );
    assert.equal(result.exitCode, 2);
    assert.match(
        result.stderr.trim().split('\n').at(-1) ?? '',
        /^Failed: Session expired or invalid — the session expired or is invalid; a bare access token cannot be renewed/
    );
});

test('an answer that is not the API (an HTML maintenance page, still there after the retries) is one line', async () => {
    const { result, requests } = await runAgainst({
        faults: [{ effect: 'unavailable', ...FIRST_COUNT, times: 'always' }]
    });
    assert.equal(result.exitCode, 2);
    assert.match(
        result.stderr,
        /^Failed: the org answered HTTP 503 to GET \/services\/data\/v\d+\.\d\/query: Salesforce - Maintenance Down for Maintenance/
    );
    assert.equal(requests.query, 5, 'the first try and four retries');
});

test('an org that does not serve the API version is refused, naming the versions it serves', async () => {
    const { result, requests } = await runAgainst({ apiVersion: '60.0' });
    assert.equal(result.exitCode, 3);
    assert.match(
        result.stderr,
        /^Refused: the org at http:\/\/127\.0\.0\.1:\d+ serves API versions 31\.0 to 60\.0, not 65\.0, which this package is built for/
    );
    assert.deepEqual(
        Object.entries(requests).filter(([, count]) => count > 0),
        [
            ['versions', 1],
            ['other', 1]
        ],
        'one refused request and the list of versions: nothing read'
    );
});
