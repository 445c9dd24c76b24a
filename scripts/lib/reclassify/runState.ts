import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { READ_OBJECTS, type ObjectCounts } from '../objects.ts';
import type { Snapshot } from '../org/snapshot.ts';
import type { RunReport } from './report.ts';

/**
 * What a successful nightly run leaves for the next one, so that a night on which nothing changed costs a few
 * COUNT() queries instead of a full read. Kept per org, next to its run lock; losing it only means a full run.
 */

/** A full run at least this often, whatever the counts say: it bounds what counts cannot see (see README). */
export const FULL_RUN_EVERY_DAYS = 7;

/**
 * The marks are moved away from the Date headers they come from, each in the direction that can only make a
 * change visible. The header is cut to the second and set by the web tier; SystemModstamp is set by the
 * database when a transaction writes, and others see the write only when the transaction commits, which for a
 * Bulk API batch can be minutes later. So a record stamped a little before the first read may still have changed
 * after it: the start mark goes this much earlier (an edit in that window costs one full read too many).
 */
export const READ_MARK_MARGIN_MS = 10 * 60_000;
/**
 * The end mark goes this much later, against clock skew between the web tier and the database, so that the
 * run's own last writes never count as changes after it. An edit by someone else in that window is still seen
 * (LastModifiedById); only a later write by the run's own user there is not (the weekly full run bounds it).
 */
export const WRITE_MARK_MARGIN_MS = 60_000;

const objectCounts = z.object({
    Account: z.number().int(),
    Potential__c: z.number().int(),
    Brand_Detail__c: z.number().int()
});

const distribution = z.record(z.string(), z.number().int());

export const runStateSchema = z.object({
    stateVersion: z.literal(2),
    /** Hash of everything besides the org's records that decides the outcome: config, rules, options, version. */
    fingerprint: z.string(),
    /** The clock of the last full run (--now): the age of the state. */
    fullRunAt: z.iso.datetime({ offset: true }),
    /** The user the run wrote as (the session's identity): its own writes are told from everyone else's. */
    userId: z.string().regex(/^005\w{12,15}$/),
    /** Server time (Date header) before the full run's first read, less the margin. */
    readStart: z.iso.datetime({ offset: true }),
    /** Server time after its last write, plus the margin. */
    writeEnd: z.iso.datetime({ offset: true }),
    /** Records per object after the run: a deletion or a new record shows here. */
    totals: objectCounts,
    /** Records the run itself changed per object: exactly these may have changed since readStart, all by userId. */
    written: objectCounts,
    /** The run's outcome in figures, shown again by the nights that find nothing changed. */
    after: z.object({ customerType: distribution, segment: distribution }),
    typeBySegment: z.record(z.string(), distribution),
    /**
     * With --create-tasks: the first day a visit not yet due then becomes due. From that day on a night must read
     * in full even when nothing changed, to make that visit's task (docs/follow-up-tasks.md).
     */
    nextVisitDue: z.iso.date().nullable().default(null)
});
export type RunState = z.infer<typeof runStateSchema>;

export type Decision = { kind: 'unchanged'; state: RunState } | { kind: 'full'; reason: string };

export function stateFile(lockFile: string): string {
    return lockFile.replace(/\.lock$/, '.state.json');
}

/**
 * The records per object the last run that read in full and was not stopped saw (ok or with rejected records):
 * the safety stop's measure of a shrunken org. Kept beside the state, but not forgotten with it.
 */
export function lastCompleteFile(lockFile: string): string {
    return lockFile.replace(/\.lock$/, '.totals.json');
}

const lastCompleteSchema = z.object({ countedAt: z.iso.datetime({ offset: true }), totals: objectCounts });

export async function readLastComplete(file: string): Promise<ObjectCounts | undefined> {
    return (await readKept(file, lastCompleteSchema))?.totals;
}

export async function writeLastComplete(
    file: string,
    countedAt: string,
    totals: ObjectCounts
): Promise<void> {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify({ countedAt, totals }, null, 2)}\n`);
}

/** One hash over what, besides the records, makes a run's result: change any of it and the next run is full. */
export function fingerprintOf(parts: readonly (string | Buffer)[]): string {
    const hash = createHash('sha256');
    for (const part of parts) hash.update(part).update('\0');
    return hash.digest('hex');
}

/** A kept file as its schema reads it; a missing or damaged file is as good as none. */
async function readKept<T extends z.ZodType>(file: string, schema: T): Promise<z.output<T> | undefined> {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    try {
        const parsed = schema.safeParse(JSON.parse(text));
        return parsed.success ? parsed.data : undefined;
    } catch {
        return undefined;
    }
}

/** The kept state of the last complete run, if any. */
export function readState(file: string): Promise<RunState | undefined> {
    return readKept(file, runStateSchema);
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
 * Nothing changed when every object has the same number of records, the records changed since the last run's
 * first read are exactly the ones it wrote itself (as many, all last changed by its user), and none changed
 * after its last write. LastModifiedById is what makes "exactly the ones it wrote" hold for an edit that
 * someone else made during or after the run to a record the run also wrote: the count alone cannot see it.
 */
export function decide(state: RunState, snapshot: Snapshot): Decision {
    if (snapshot.userId !== state.userId) {
        return { kind: 'full', reason: `the session's user is not the one the last run wrote as` };
    }
    for (const object of READ_OBJECTS) {
        const total = snapshot.totals[object];
        if (total !== state.totals[object])
            return { kind: 'full', reason: `${object}: ${state.totals[object]} records then, ${total} now` };
        if (snapshot.sinceReadStartByOthers?.[object] !== 0)
            return { kind: 'full', reason: `${object}: records changed by others since the last run` };
        if (
            snapshot.sinceReadStartByUser?.[object] !== state.written[object] ||
            snapshot.sinceWriteEnd?.[object] !== 0
        )
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
        stateVersion: 2,
        fingerprint,
        fullRunAt: report.startedAt,
        userId: start.userId,
        readStart: new Date(start.serverTime.getTime() - READ_MARK_MARGIN_MS).toISOString(),
        writeEnd: new Date(end.serverTime.getTime() + WRITE_MARK_MARGIN_MS).toISOString(),
        totals: end.totals,
        written,
        after: report.after,
        typeBySegment: report.typeBySegment,
        nextVisitDue: report.tasks.nextVisitDue
    };
}
