import { READ_OBJECTS, type ObjectCounts } from '../objects.ts';
import { OrgApiError, type OrgApi } from './api.ts';
import { soqlDateTime, soqlString } from './soql.ts';

/**
 * Counts per object: all records; with a kept state also those changed since its start mark by its user and by
 * anyone else, and those changed since its end mark. `userId` is the session's user now.
 */
export type Snapshot = {
    serverTime: Date;
    userId: string;
    totals: ObjectCounts;
    sinceReadStartByUser?: ObjectCounts;
    sinceReadStartByOthers?: ObjectCounts;
    sinceWriteEnd?: ObjectCounts;
};

/** What the last complete run kept to count against: its marks and the user it wrote as (see runState.ts). */
export type Marks = { readStart: string; writeEnd: string; userId: string };

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
 * Counts per object (3 requests). With a kept state also those changed since its start mark by its user and by
 * anyone else, and those changed since its end mark (9 more). The server time is the first answer's: before
 * anything this run reads.
 */
export async function takeSnapshot(api: OrgApi, kept?: Marks): Promise<Snapshot> {
    const userId = api.identity?.userId;
    if (!userId) throw new OrgApiError('the session was not identified before counting', 'NO_IDENTITY');
    const all = await countsPerObject(api, '');
    if (!kept) return { serverTime: all.serverTime, userId, totals: all.counts };
    const since = async (iso: string, by = '') =>
        (await countsPerObject(api, ` WHERE SystemModstamp > ${soqlDateTime(iso)}${by}`)).counts;
    const user = soqlString(kept.userId);
    return {
        serverTime: all.serverTime,
        userId,
        totals: all.counts,
        sinceReadStartByUser: await since(kept.readStart, ` AND LastModifiedById = ${user}`),
        sinceReadStartByOthers: await since(kept.readStart, ` AND LastModifiedById != ${user}`),
        sinceWriteEnd: await since(kept.writeEnd)
    };
}
