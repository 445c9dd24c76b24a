import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCommand, type CommandResult } from '../helpers/csvOrg.ts';
import { writeBoundaryOrg } from '../helpers/boundaryOrg.ts';
import { standinLoadedFrom } from '../helpers/orgStandin.ts';
import { soqlString } from '../../scripts/lib/org/soql.ts';
import { reclassify } from '../../scripts/lib/reclassify/command.ts';

const TOKEN = '00DTEST000000001!AQ4AQSecretAccessTokenValue.xyz';
const CLIENT_SECRET = 'Client-Secret-Never-Printed-9f8e7d';

async function filesUnder(dir: string): Promise<string[]> {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

function assertNoSecret(text: string, where: string): void {
    for (const secret of [TOKEN, CLIENT_SECRET, TOKEN.slice(0, 20), CLIENT_SECRET.slice(0, 16)]) {
        assert.ok(!text.includes(secret), `a secret appears in ${where}`);
    }
}

test('the token and the client secret never appear in output, reports, errors.csv or exceptions', async () => {
    const org = await writeBoundaryOrg();
    const standin = await standinLoadedFrom(org, {
        accessToken: TOKEN,
        clientId: 'nightly-app',
        clientSecret: CLIENT_SECRET,
        faults: [
            { effect: 'lockRow', recordIds: ['a01000000000002AAA'], times: 'always' },
            { effect: 'expireSession', method: 'GET', path: '/query', query: 'Units__c' }
        ]
    });
    const outs: string[] = [];
    const results: CommandResult[] = [];
    try {
        const scenarios: [string[], NodeJS.ProcessEnv][] = [
            // bare token that expires mid-run: stops, with a message about the session
            [['--instance-url', standin.instanceUrl, '--access-token', TOKEN], {}],
            // client credentials, renewed after a 401; one record fails to write
            [
                [],
                {
                    SF_INSTANCE_URL: standin.instanceUrl,
                    SF_CLIENT_ID: 'nightly-app',
                    SF_CLIENT_SECRET: CLIENT_SECRET
                }
            ],
            // a wrong secret: the login fails
            [
                [],
                {
                    SF_INSTANCE_URL: standin.instanceUrl,
                    SF_CLIENT_ID: 'nightly-app',
                    SF_CLIENT_SECRET: `${CLIENT_SECRET}-wrong`
                }
            ]
        ];
        for (const [args, env] of scenarios) {
            const out = await mkdtemp(path.join(os.tmpdir(), 'secrets-'));
            outs.push(out);
            standin.setFaults([
                { effect: 'lockRow', recordIds: ['a01000000000002AAA'], times: 'always' },
                { effect: 'expireSession', method: 'GET', path: '/query', query: 'Units__c' }
            ]);
            standin.resetStats();
            results.push(await runCommand([...args, '--out', out, '--no-estimate', '--json'], env));
            results.push(await runCommand([...args, '--out', out, '--no-estimate', '--dry-run'], env));
        }
    } finally {
        await standin.close();
    }
    assert.deepEqual(
        results.map((result) => result.exitCode),
        [2, 2, 1, 0, 2, 2],
        'the scenarios did what they should'
    );
    for (const [index, result] of results.entries()) {
        assertNoSecret(result.stdout, `stdout of scenario ${index}`);
        assertNoSecret(result.stderr, `stderr of scenario ${index}`);
    }
    for (const out of outs) {
        for (const file of await filesUnder(out)) {
            assertNoSecret(await readFile(file, 'utf8'), file);
        }
    }
    // An exception that escapes the command (the stand-in is gone: connection refused) carries no secret either.
    const escaped = await reclassify(
        [
            '--instance-url',
            standin.instanceUrl,
            '--access-token',
            TOKEN,
            '--out',
            outs[0] ?? '',
            '--no-estimate'
        ],
        {},
        { stdout: () => undefined, stderr: (text) => assertNoSecret(text, 'stderr after the org went away') }
    ).then(
        (code) => `exit ${code}`,
        (error: unknown) => `${String(error)} ${(error as Error).stack ?? ''} ${JSON.stringify(error)}`
    );
    assertNoSecret(escaped, 'an escaped exception');
});

test('a value that goes into SOQL is escaped: quotes and backslashes cannot end the literal', () => {
    assert.equal(soqlString("O'Brien"), "'O\\'Brien'");
    assert.equal(soqlString("x' OR Name != '"), "'x\\' OR Name != \\''");
    assert.equal(soqlString('back\\slash\\'), "'back\\\\slash\\\\'");
});

test('a quote-laden key reaches the org as one literal (the read-back after a lost write)', async () => {
    const standin = await standinLoadedFrom(await writeBoundaryOrg());
    try {
        const soql = `SELECT Id FROM Potential__c WHERE Key__c IN (${soqlString("001' OR Key__c != 'x")}, ${soqlString('a\\')})`;
        const response = await fetch(
            `${standin.instanceUrl}/services/data/v${standin.apiVersion}/query?q=${encodeURIComponent(soql)}`,
            {
                headers: { Authorization: `Bearer ${standin.accessToken}` }
            }
        );
        assert.equal(response.status, 200, await response.clone().text());
        assert.equal(
            ((await response.json()) as { totalSize: number }).totalSize,
            0,
            'matched nothing: the quote did not escape the literal'
        );
    } finally {
        await standin.close();
    }
});
