import type { ObjectCounts, RunState, Snapshot } from '../runState.ts';
import { READ_OBJECTS } from '../runState.ts';
import { OrgApiError, type OrgApi } from './api.ts';

/** SOQL dateTime literal in UTC, whole seconds (the form the SOQL reference documents). */
export function soqlDateTime(iso: string): string {
    return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** One `COUNT()` query, with the org's clock from the answer's Date header. */
async function count(api: OrgApi, soql: string): Promise<{ total: number; serverTime: Date }> {
    const answer = await api.text(
        'count',
        {
            method: 'GET',
            url: `/query?q=${encodeURIComponent(soql)}`,
            headers: { Accept: 'application/json' }
        },
        true
    );
    const { totalSize } = JSON.parse(answer.body) as { totalSize?: unknown };
    const serverTime = new Date(answer.headers.date ?? '');
    if (typeof totalSize !== 'number' || Number.isNaN(serverTime.getTime())) {
        throw new OrgApiError(`the org's answer to ${soql} has no totalSize or no Date header`, 'BAD_COUNT');
    }
    return { total: totalSize, serverTime };
}

/** `SELECT COUNT()` of one object. */
export async function countRecords(api: OrgApi, object: string): Promise<number> {
    return (await count(api, `SELECT COUNT() FROM ${object}`)).total;
}

async function countsPerObject(
    api: OrgApi,
    where: string
): Promise<{ counts: ObjectCounts; serverTime: Date }> {
    const answers: Awaited<ReturnType<typeof count>>[] = [];
    for (const object of READ_OBJECTS)
        answers.push(await count(api, `SELECT COUNT() FROM ${object}${where}`));
    const counts = Object.fromEntries(READ_OBJECTS.map((object, index) => [object, answers[index]!.total]));
    return { counts: counts as ObjectCounts, serverTime: answers[0]!.serverTime };
}

/**
 * Counts per object (3 requests), and with kept marks also those changed since the last run's first read and
 * since its last write (6 more). The server time is the first answer's: before anything this run reads.
 */
export async function takeSnapshot(
    api: OrgApi,
    marks?: Pick<RunState, 'readStart' | 'writeEnd'>
): Promise<Snapshot> {
    const all = await countsPerObject(api, '');
    if (!marks) return { serverTime: all.serverTime, totals: all.counts };
    const since = (iso: string) => countsPerObject(api, ` WHERE SystemModstamp > ${soqlDateTime(iso)}`);
    return {
        serverTime: all.serverTime,
        totals: all.counts,
        sinceReadStart: (await since(marks.readStart)).counts,
        sinceWriteEnd: (await since(marks.writeEnd)).counts
    };
}
