import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readRows, runCommand } from '../helpers/csvOrg.ts';
import { writeBoundaryOrg } from '../helpers/boundaryOrg.ts';
import { orgArgs, recordsOf, standinLoadedFrom } from '../helpers/orgStandin.ts';
import { DEFAULT_CONFIG_FILE } from '../../scripts/lib/paths.ts';
import type { RunReport } from '../../scripts/lib/reclassify/report.ts';
import { STANDIN_USERS } from '../../scripts/dev/standin/auth.ts';
import type { Standin } from '../../scripts/dev/standin/server.ts';

// Records of the boundary org (test/helpers/boundaryOrg.ts): installer "Net onder 5%" (1 Vaillant, 20 Remeha).
const NET_ONDER_5_DETAIL = 'a01000000000002AAA';
const NET_ONDER_5_VAILLANT_ROW = 'a02000000000003AAA';
const NET_ONDER_5_REMEHA_ROW = 'a02000000000004AAA';

/** An edit through sObject Collections as the given session's user, stamped by the stand-in's clock. */
async function edit(standin: Standin, token: string, object: string, id: string, fields: object) {
    const response = await fetch(
        `${standin.instanceUrl}/services/data/v${standin.apiVersion}/composite/sobjects`,
        {
            method: 'PATCH',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({
                allOrNone: true,
                records: [{ attributes: { type: object }, Id: id, ...fields }]
            })
        }
    );
    assert.deepEqual(await response.json(), [{ id, success: true, errors: [] }]);
}

test('a night on which nothing changed costs 13 requests and writes nothing; any change makes it read in full', async () => {
    let clock = new Date('2026-11-24T12:00:00.000Z');
    const standin = await standinLoadedFrom(await writeBoundaryOrg(), { now: () => clock });
    const salesEdit = (object: string, id: string, fields: object) =>
        edit(standin, standin.sessionFor(STANDIN_USERS.sales), object, id, fields);
    const config = path.join(await mkdtemp(path.join(os.tmpdir(), 'change-check-config-')), 'config.json');
    await writeFile(config, await readFile(DEFAULT_CONFIG_FILE));
    /** One night's run at 01:00 of the given day, on the stand-in's clock and the command's. */
    const night = async (day: string, args: string[] = [], exitCode = 0) => {
        clock = new Date(`${day}T01:00:00.000Z`);
        standin.resetStats();
        const out = await mkdtemp(path.join(os.tmpdir(), 'change-check-'));
        const result = await runCommand([
            ...orgArgs(standin),
            ...['--out', out, '--no-estimate', '--config', config, '--now', clock.toISOString()],
            ...args
        ]);
        assert.equal(result.exitCode, exitCode, result.stderr);
        const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')) as RunReport;
        return { out, report, stdout: result.stdout, requests: standin.stats().totalRequests };
    };
    const detail = async (id: string) =>
        (await recordsOf(standin, 'Brand_Detail__c')).find((row) => row.Id === id) ?? {};
    try {
        const first = await night('2026-11-25');
        assert.equal(first.report.changeCheck.readInFull, true);
        assert.match(first.report.changeCheck.reason, /no earlier complete run/);
        assert.ok(first.report.records.written > 0);

        const quiet = await night('2026-11-26');
        assert.deepEqual(quiet.report.changeCheck.readInFull, false);
        assert.equal(quiet.requests, 13, 'who the session is, and four COUNT() queries per object');
        assert.equal(standin.stats().requests.limits, 0, 'no /limits: the allowance comes with every answer');
        assert.equal(quiet.report.api.requests, 13, 'the report counts what the org counted');
        assert.equal(quiet.report.api.dailyRemaining, 100_000 - standin.stats().apiUsage.used);
        assert.equal(quiet.report.records.brandDetailsRead, 0);
        assert.equal(standin.stats().recordsWritten.Brand_Detail__c ?? 0, 0);
        assert.deepEqual(quiet.report.after, first.report.after, 'the distribution the last full run left');
        assert.deepEqual(await readRows(path.join(quiet.out, 'Brand_Detail__c.update.csv')), []);
        assert.match(
            quiet.stdout,
            /Nothing read or written: nothing changed in the org since the complete run of 2026-11-25/
        );
        assert.match(
            await readFile(path.join(quiet.out, 'report.html'), 'utf8'),
            /Niets gewijzigd sinds de vorige volledige run/
        );

        clock = new Date('2026-11-26T09:00:00.000Z');
        await salesEdit('Potential__c', NET_ONDER_5_VAILLANT_ROW, { Units__c: 5 });
        const edited = await night('2026-11-27');
        assert.equal(edited.report.changeCheck.readInFull, true);
        assert.match(
            edited.report.changeCheck.reason,
            /Potential__c: records changed by others since the last run/
        );
        assert.equal(edited.report.records.written, 1);
        assert.equal((await detail(NET_ONDER_5_DETAIL)).Customer_Type__c, 'Grow', '5 of 25: 20%');

        // Sales edits the record that run just wrote, before the run's end mark: the counts match (one record
        // changed, one written), but it was last changed by someone else.
        clock = new Date('2026-11-27T01:00:30.000Z');
        await salesEdit('Brand_Detail__c', NET_ONDER_5_DETAIL, { Last_Visit_Date__c: '2026-11-26' });
        const blindSpot = await night('2026-11-28');
        assert.match(blindSpot.report.changeCheck.reason, /Brand_Detail__c: records changed by others/);
        assert.equal((await detail(NET_ONDER_5_DETAIL)).Next_Visit_Due__c, '2027-11-26', 'visit + 365 days');

        // An edit whose transaction began before the run's first read and was stamped then, but committed only
        // after the run had read that record: the start mark's margin still counts it.
        clock = new Date('2026-11-28T00:55:00.000Z');
        await salesEdit('Potential__c', NET_ONDER_5_REMEHA_ROW, { Units__c: 195 });
        const late = await night('2026-11-29');
        assert.match(late.report.changeCheck.reason, /Potential__c: records changed by others/);
        assert.equal((await detail(NET_ONDER_5_DETAIL)).Customer_Type__c, 'Get', '5 of 200: 2.5%');
        assert.equal((await night('2026-11-30')).report.changeCheck.readInFull, false);

        // The run's own user (another process with its login) edits a record the run wrote, after the run: only
        // the count since its end mark sees it.
        const dueBefore = (await detail(NET_ONDER_5_DETAIL)).Next_Visit_Due__c;
        clock = new Date('2026-11-30T10:00:00.000Z');
        await edit(standin, standin.accessToken, 'Brand_Detail__c', NET_ONDER_5_DETAIL, {
            Last_Visit_Date__c: '2026-11-30'
        });
        const own = await night('2026-12-01');
        assert.match(own.report.changeCheck.reason, /Brand_Detail__c: records changed since the last run/);
        assert.notEqual(
            (await detail(NET_ONDER_5_DETAIL)).Next_Visit_Due__c,
            dueBefore,
            'the new visit counts'
        );

        clock = new Date('2026-12-01T10:00:00.000Z');
        standin.store.delete('Potential__c', [NET_ONDER_5_REMEHA_ROW]); // the stand-in has no REST delete
        const deleted = await night('2026-12-02');
        const [, then, now] =
            /Potential__c: (\d+) records then, (\d+) now/.exec(deleted.report.changeCheck.reason) ?? [];
        assert.equal(Number(now), Number(then) - 1);
        assert.equal((await detail(NET_ONDER_5_DETAIL)).Customer_Type__c, 'Keep', '5 of 5');

        assert.match((await night('2026-12-03', ['--full'])).report.changeCheck.reason, /^--full$/);
        await writeFile(config, `${await readFile(config, 'utf8')}\n`);
        assert.match(
            (await night('2026-12-04')).report.changeCheck.reason,
            /the config, the rules, the options/
        );
        assert.equal((await night('2026-12-10')).report.changeCheck.readInFull, false, 'six days after');
        assert.match((await night('2026-12-11')).report.changeCheck.reason, /is 7 days old or more/);
        // A run that does not end ok leaves no state: what it wrote and what it did not is not known.
        await night('2026-12-12', ['--full', '--max-api-requests', '6'], 2);
        assert.match((await night('2026-12-13')).report.changeCheck.reason, /no earlier complete run/);
    } finally {
        await standin.close();
    }
});
