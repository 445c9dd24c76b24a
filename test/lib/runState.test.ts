import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
    decide,
    fingerprintOf,
    readState,
    stateAfter,
    usableState,
    writeState,
    type RunState
} from '../../scripts/lib/reclassify/runState.ts';
import type { Snapshot } from '../../scripts/lib/org/snapshot.ts';
import type { RunReport } from '../../scripts/lib/reclassify/report.ts';

const USER = '005SI0000000001YAA';
const STATE: RunState = {
    stateVersion: 2,
    fingerprint: 'f1',
    fullRunAt: '2026-11-25T01:00:00.000Z',
    userId: USER,
    readStart: '2026-11-25T00:50:00.000Z',
    writeEnd: '2026-11-25T01:05:00.000Z',
    totals: { Account: 100, Potential__c: 300, Brand_Detail__c: 120 },
    written: { Account: 0, Potential__c: 40, Brand_Detail__c: 15 },
    after: { customerType: { Grow: 120 }, segment: { '10+': 120 } },
    typeBySegment: { Grow: { '10+': 120 } },
    nextVisitDue: null
};

const NONE = { Account: 0, Potential__c: 0, Brand_Detail__c: 0 };
const quiet: Snapshot = {
    serverTime: new Date('2026-11-26T01:00:00.000Z'),
    userId: USER,
    totals: STATE.totals,
    sinceReadStartByUser: STATE.written,
    sinceReadStartByOthers: NONE,
    sinceWriteEnd: NONE
};

test('unchanged only when counts, changes by the run user and by others since the read, and changes since the write all match', () => {
    assert.equal(decide(STATE, quiet).kind, 'unchanged');
    const cases: [Partial<Snapshot>, RegExp][] = [
        [{ totals: { ...STATE.totals, Potential__c: 299 } }, /Potential__c: 300 records then, 299 now/],
        [{ totals: { ...STATE.totals, Account: 101 } }, /Account: 100 records then, 101 now/],
        [{ sinceReadStartByUser: { ...STATE.written, Account: 1 } }, /Account: records changed since/],
        [
            { sinceReadStartByUser: { ...STATE.written, Brand_Detail__c: 16 } },
            /Brand_Detail__c: records changed since/
        ],
        // Someone else edited a record the run wrote: as many records changed as the run wrote, but one by them.
        [
            {
                sinceReadStartByUser: { ...STATE.written, Brand_Detail__c: 14 },
                sinceReadStartByOthers: { ...NONE, Brand_Detail__c: 1 }
            },
            /Brand_Detail__c: records changed by others/
        ],
        [{ sinceWriteEnd: { ...NONE, Brand_Detail__c: 1 } }, /Brand_Detail__c: records changed since/],
        [{ sinceWriteEnd: undefined }, /Account: records changed/],
        [{ sinceReadStartByOthers: undefined }, /Account: records changed by others/],
        [{ userId: '005SI0000000002YAA' }, /the session's user is not the one the last run wrote as/]
    ];
    for (const [change, reason] of cases) {
        const decision = decide(STATE, { ...quiet, ...change });
        assert.equal(decision.kind, 'full', JSON.stringify(change));
        assert.match(decision.kind === 'full' ? decision.reason : '', reason);
    }
});

test('the kept state is used only with the same fingerprint, within a week, without --full', () => {
    const at = (iso: string) => new Date(iso);
    assert.ok('state' in usableState(STATE, 'f1', at('2026-12-02T00:59:59.999Z'), false));
    const refusals: [RunState | undefined, string, string, boolean, RegExp][] = [
        [STATE, 'f1', '2026-11-26T01:00:00.000Z', true, /--full/],
        [undefined, 'f1', '2026-11-26T01:00:00.000Z', false, /no earlier complete run/],
        [STATE, 'f2', '2026-11-26T01:00:00.000Z', false, /config, the rules/],
        [STATE, 'f1', '2026-12-02T01:00:00.000Z', false, /7 days old/],
        [STATE, 'f1', '2026-11-24T01:00:00.000Z', false, /7 days old/]
    ];
    for (const [state, fingerprint, now, full, reason] of refusals) {
        const usable = usableState(state, fingerprint, at(now), full);
        assert.match('reason' in usable ? usable.reason : 'usable', reason);
    }
});

test('a run leaves its user and marks outside what the Date headers say (10 min before, 1 min after), and no state when others added or deleted records', () => {
    const report = {
        startedAt: '2026-11-25T01:00:00.000Z',
        records: { written: 15, potentialsWritten: 40 },
        after: STATE.after,
        typeBySegment: STATE.typeBySegment,
        tasks: { nextVisitDue: null }
    } as RunReport;
    const start: Snapshot = {
        serverTime: new Date('2026-11-25T01:00:00.000Z'),
        userId: USER,
        totals: { Account: 100, Potential__c: 290, Brand_Detail__c: 120 }
    };
    const end: Snapshot = {
        serverTime: new Date('2026-11-25T01:04:00.000Z'),
        userId: USER,
        totals: STATE.totals
    };
    assert.deepEqual(stateAfter(report, 'f1', start, end, 10), STATE);
    assert.equal(stateAfter(report, 'f1', start, end, 9), undefined, 'one more row than the run created');
    assert.equal(
        stateAfter(report, 'f1', start, { ...end, totals: { ...end.totals, Brand_Detail__c: 119 } }, 10),
        undefined,
        'a brand detail deleted during the run'
    );
});

test('a missing, damaged or foreign state file is no state; a written one reads back', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'run-state-'));
    const file = path.join(dir, 'org.state.json');
    assert.equal(await readState(file), undefined);
    await writeFile(file, '{"stateVersion": 2, "fingerp');
    assert.equal(await readState(file), undefined);
    await writeFile(file, JSON.stringify({ ...STATE, stateVersion: 1 }));
    assert.equal(await readState(file), undefined);
    await writeState(file, STATE);
    assert.deepEqual(await readState(file), STATE);
});

test('the fingerprint changes with any part and with where the parts are cut', () => {
    const base = fingerprintOf(['config', 'rules']);
    assert.equal(fingerprintOf(['config', 'rules']), base);
    assert.notEqual(fingerprintOf(['config ', 'rules']), base);
    assert.notEqual(fingerprintOf(['confi', 'grules']), base);
});
