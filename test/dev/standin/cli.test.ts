import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { API_VERSION, REPO_ROOT } from '../../../scripts/lib/paths.ts';
import { json } from './helpers.ts';

const MAIN = path.join(REPO_ROOT, 'scripts/dev/standin/main.ts');

type Running = { child: ChildProcess; instanceUrl: string; accessToken: string };

/** Starts main.ts as the demo does and reads the one JSON line it prints. */
async function startCli(args: string[]): Promise<Running> {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'inherit']
    });
    const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
    const { instanceUrl, accessToken } = JSON.parse(line) as { instanceUrl: string; accessToken: string };
    return { child, instanceUrl, accessToken };
}

async function stop(running: Running): Promise<number | null> {
    running.child.kill('SIGTERM');
    const [code] = (await once(running.child, 'exit')) as [number | null];
    return code;
}

function dataLines(file: string): number {
    return readFileSync(file, 'utf8').trim().split('\n').length - 1;
}

describe('main.ts and the /__standin/ admin endpoints', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'standin-data-'));
    let running: Running;

    before(async () => {
        writeFileSync(
            path.join(dir, 'Account.csv'),
            'Id,Name,VG_Units_12M__c\n0018d0000000001AAA,Loon,10\n0018d0000000002AAA,"Dekker, B.V.",\n'
        );
        writeFileSync(
            path.join(dir, 'Brand_Detail__c.csv'),
            'Id,Name,Account__c,Brand__c,Classification_Locked__c\na018d0000000001AAA,V,0018d0000000001AAA,Vaillant,true\na018d0000000002AAA,A,0018d0000000002AAA,AWB,\n'
        );
        running = await startCli(['--data', dir, '--rest-page-size', '500', '--job-polls', '0']);
    });
    after(async () => {
        if (running.child.exitCode === null) await stop(running);
        rmSync(dir, { recursive: true, force: true });
    });

    test('prints instanceUrl and accessToken; the loaded records keep their Ids and parents', async () => {
        assert.match(running.instanceUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
        const soql = 'SELECT Id, Name, Account__c, Classification_Locked__c FROM Brand_Detail__c ORDER BY Id';
        const response = await fetch(
            `${running.instanceUrl}/services/data/v${API_VERSION}/query?q=${encodeURIComponent(soql)}`,
            {
                headers: { Authorization: `Bearer ${running.accessToken}` }
            }
        );
        const page = await json<{ records: Record<string, unknown>[] }>(response);
        assert.deepEqual(
            page.records.map(({ Id, Account__c, Classification_Locked__c }) => [
                Id,
                Account__c,
                Classification_Locked__c
            ]),
            [
                ['a018d0000000001AAA', '0018d0000000001AAA', true],
                ['a018d0000000002AAA', '0018d0000000002AAA', false]
            ]
        );
    });

    test('admin: load CSV, records as CSV, stats and reset-stats', async () => {
        const admin = (resource: string, init?: RequestInit) =>
            fetch(`${running.instanceUrl}/__standin/${resource}`, init);
        const loaded = await admin('load/Potential__c', {
            method: 'POST',
            body: 'Account__c,Product_Group__c,Brand__c,Units__c,Key__c\n0018d0000000001AAA,Ketels,ATAG,4,k1\n'
        });
        assert.deepEqual(await loaded.json(), { object: 'Potential__c', loaded: 1 });
        const orphan = await admin('load/Potential__c', {
            method: 'POST',
            body: 'Account__c,Product_Group__c,Brand__c,Units__c\n0018d0000000009AAA,Ketels,ATAG,4\n'
        });
        assert.equal(orphan.status, 400);
        assert.match((await json<{ error: string }>(orphan)).error, /is not a loaded Account/);

        const records = await admin('records/Account?fields=Id,Name,VG_Units_12M__c');
        assert.equal(
            await records.text(),
            '"Id","Name","VG_Units_12M__c"\n"0018d0000000001AAA","Loon","10"\n"0018d0000000002AAA","Dekker, B.V.",""\n'
        );
        const potentials = await (await admin('records/Potential__c')).text();
        assert.match(potentials.split('\n')[1]!, /^"a02\w{15}","P-000001","0018d0000000001AAA"/);

        const stats = await json<{ requests: Record<string, number>; apiUsage: { used: number } }>(
            admin('stats')
        );
        assert.equal(stats.requests.query, 1);
        assert.equal(stats.apiUsage.used, 1);
        assert.equal((await admin('reset-stats', { method: 'POST' })).status, 204);
        assert.equal((await json<{ totalRequests: number }>(admin('stats'))).totalRequests, 0);
        assert.equal((await admin('nope')).status, 404);
    });

    test('stops cleanly on SIGTERM', async () => {
        assert.equal(await stop(running), 0);
    });
});

const SAMPLE = path.join(REPO_ROOT, 'data/csv');

test(
    'the bundled sample data (data/csv) loads as the demo loads it',
    { skip: !existsSync(SAMPLE) && 'no data/csv' },
    async () => {
        const running = await startCli(['--data', SAMPLE]);
        try {
            for (const object of ['Account', 'Brand_Detail__c', 'Potential__c']) {
                const file = path.join(SAMPLE, `${object}.csv`);
                if (!existsSync(file)) continue;
                const response = await fetch(
                    `${running.instanceUrl}/services/data/v${API_VERSION}/query?q=${encodeURIComponent(`SELECT COUNT() FROM ${object}`)}`,
                    {
                        headers: { Authorization: `Bearer ${running.accessToken}` }
                    }
                );
                assert.equal(
                    (await json<{ totalSize: number }>(response)).totalSize,
                    dataLines(file),
                    object
                );
            }
        } finally {
            await stop(running);
        }
    }
);
