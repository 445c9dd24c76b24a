import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { RunReport } from './report.ts';
import type { ObjectName } from './sources.ts';

/**
 * What a successful nightly run leaves for the next one, so that a night on which nothing changed costs a few
 * COUNT() queries instead of a full read. Kept per org, next to its run lock; losing it only means a full run.
 */

/** The objects the run reads, in the order it reads them. */
export const READ_OBJECTS: readonly ObjectName[] = ['Account', 'Potential__c', 'Brand_Detail__c'];

/** A full run at least this often, whatever the counts say: it bounds what counts cannot see (see README). */
export const FULL_RUN_EVERY_DAYS = 7;

const objectCounts = z.object({
    Account: z.number().int(),
    Potential__c: z.number().int(),
    Brand_Detail__c: z.number().int()
});
export type ObjectCounts = z.infer<typeof objectCounts>;

const distribution = z.record(z.string(), z.number().int());

export const runStateSchema = z.object({
    stateVersion: z.literal(1),
    /** Hash of everything besides the org's records that decides the outcome: config, rules, options, version. */
    fingerprint: z.string(),
    /** The clock of the last full run (--now): the age of the state. */
    fullRunAt: z.iso.datetime({ offset: true }),
    /** Server time (Date header) before the full run's first read: everything changed later counts as changed. */
    readStart: z.iso.datetime({ offset: true }),
    /** Server time after its last write: nothing may have changed since. */
    writeEnd: z.iso.datetime({ offset: true }),
    /** Records per object after the run: a deletion or a new record shows here. */
    totals: objectCounts,
    /** Records the run itself changed per object: exactly these may have changed since readStart. */
    written: objectCounts,
    /** The run's outcome in figures, shown again by the nights that find nothing changed. */
    after: z.object({ customerType: distribution, segment: distribution }),
    typeBySegment: z.record(z.string(), distribution)
});
export type RunState = z.infer<typeof runStateSchema>;

/** Counts per object taken before a run: all records, and those changed since the kept marks. */
export type Snapshot = {
    serverTime: Date;
    totals: ObjectCounts;
    sinceReadStart?: ObjectCounts;
    sinceWriteEnd?: ObjectCounts;
};

export type Decision = { kind: 'unchanged'; state: RunState } | { kind: 'full'; reason: string };

export function stateFile(lockFile: string): string {
    return lockFile.replace(/\.lock$/, '.state.json');
}

/** One hash over what, besides the records, makes a run's result: change any of it and the next run is full. */
export function fingerprintOf(parts: readonly (string | Buffer)[]): string {
    const hash = createHash('sha256');
    for (const part of parts) hash.update(part).update('\0');
    return hash.digest('hex');
}

/** The kept state, or why there is none to use; a damaged file is as good as none. */
export async function readState(file: string): Promise<RunState | undefined> {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    try {
        const parsed = runStateSchema.safeParse(JSON.parse(text));
        return parsed.success ? parsed.data : undefined;
    } catch {
        return undefined;
    }
}

export async function writeState(file: string, state: RunState): Promise<void> {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(state, null, 2)}\n`);
}

export async function forgetState(file: string): Promise<void> {
    await rm(file, { force: true });
}

/** Whether the kept state may be checked at all, before any request: the same inputs, not too old, not --full. */
export function usableState(
    state: RunState | undefined,
    fingerprint: string,
    now: Date,
    full: boolean
): { state: RunState } | { reason: string } {
    if (full) return { reason: '--full' };
    if (!state) return { reason: 'no earlier complete run of this org is known on this machine' };
    if (state.fingerprint !== fingerprint)
        return { reason: 'the config, the rules, the options or the package version changed' };
    const ageDays = (now.getTime() - Date.parse(state.fullRunAt)) / 86_400_000;
    if (!(ageDays >= 0 && ageDays < FULL_RUN_EVERY_DAYS))
        return {
            reason: `the last full run (${state.fullRunAt}) is ${FULL_RUN_EVERY_DAYS} days old or more`
        };
    return { state };
}

/**
 * Nothing changed when every object has the same number of records, the records changed since the last
 * run's first read are exactly the ones it wrote itself, and none changed after its last write.
 */
export function decide(state: RunState, snapshot: Snapshot): Decision {
    for (const object of READ_OBJECTS) {
        const total = snapshot.totals[object];
        const sinceRead = snapshot.sinceReadStart?.[object];
        const sinceWrite = snapshot.sinceWriteEnd?.[object];
        if (total !== state.totals[object])
            return { kind: 'full', reason: `${object}: ${state.totals[object]} records then, ${total} now` };
        if (sinceRead !== state.written[object] || sinceWrite !== 0)
            return { kind: 'full', reason: `${object}: records changed since the last run` };
    }
    return { kind: 'unchanged', state };
}

/** The state a complete run leaves: its marks, its counts and the distributions its report showed. */
export function stateAfter(
    report: RunReport,
    fingerprint: string,
    start: Snapshot,
    end: Snapshot,
    potentialsCreated: number
): RunState | undefined {
    const written: ObjectCounts = {
        Account: 0,
        Potential__c: report.records.potentialsWritten,
        Brand_Detail__c: report.records.written
    };
    const expected: ObjectCounts = {
        ...start.totals,
        Potential__c: start.totals.Potential__c + potentialsCreated
    };
    // A record created or deleted by someone else during the run may or may not have been read: no state.
    if (READ_OBJECTS.some((object) => end.totals[object] !== expected[object])) return undefined;
    return {
        stateVersion: 1,
        fingerprint,
        fullRunAt: report.startedAt,
        // The Date header is cut to the second; a second's margin either way only ever makes a change visible.
        readStart: new Date(start.serverTime.getTime() - 1000).toISOString(),
        writeEnd: new Date(end.serverTime.getTime() + 2000).toISOString(),
        totals: end.totals,
        written,
        after: report.after,
        typeBySegment: report.typeBySegment
    };
}
