import { z } from 'zod';
import { FOLLOW_UP_KEY_FIELD, FOLLOW_UP_REASON_FIELD } from '../followUpTasks.ts';
import type { OrgApi } from './api.ts';
import { readSoql, type PollOptions } from './query.ts';
import { soqlString } from './soql.ts';

/** A follow-up task the package made earlier, open or closed, as far as the run needs to know it. */
export type ExistingFollowUp = { whatId: string; key: string; reason: string; isClosed: boolean };

/** Brand details per REST query: 200 Ids keep the query's URL far below the REST API's URI limit. */
export const IDS_PER_QUERY = 200;

/** REST answers JSON booleans, a Bulk query CSV text. */
const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((text) => text === 'true')]);
const text = z.string().min(1);
const taskRow = z.object({
    WhatId: text,
    [FOLLOW_UP_KEY_FIELD]: text,
    [FOLLOW_UP_REASON_FIELD]: text,
    IsClosed: flag
});

/** The Task fields the run reads to know its own tasks (the integration user must be able to read them). */
export const FOLLOW_UP_READ_FIELDS = [
    'WhatId',
    FOLLOW_UP_KEY_FIELD,
    FOLLOW_UP_REASON_FIELD,
    'IsClosed'
] as const;

/** The package's tasks: the reason field is filled on every task it made and on no other (the metadata's promise). */
const PACKAGE_TASKS = `SELECT ${FOLLOW_UP_READ_FIELDS.join(', ')} FROM Task WHERE ${FOLLOW_UP_REASON_FIELD} != null`;

export type FollowUpRead =
    /** The package's tasks of these brand details, by REST, IDS_PER_QUERY at a time. */
    | { whatIds: readonly string[] }
    /** All the package's tasks, in one Bulk API 2.0 query job. */
    | { all: true; poll: PollOptions; maxRecordsPerPage?: number };

/**
 * The package's tasks that the org's query returns: open ones, and closed ones until the org archives them (a
 * year after their due date; see docs/follow-up-tasks.md). A task whose related record, key or reason a person
 * cleared is no longer recognisable as the package's and is left out.
 */
export async function* readFollowUps(api: OrgApi, read: FollowUpRead): AsyncGenerator<ExistingFollowUp> {
    const queries =
        'all' in read
            ? [{ soql: PACKAGE_TASKS, bulk: read }]
            : chunks(read.whatIds, IDS_PER_QUERY).map((ids) => ({
                  soql: `${PACKAGE_TASKS} AND WhatId IN (${ids.map(soqlString).join(', ')})`,
                  bulk: undefined
              }));
    for (const { soql, bulk } of queries) {
        for await (const record of readSoql(api, soql, bulk)) {
            const row = taskRow.safeParse(record);
            if (!row.success) continue;
            yield {
                whatId: row.data.WhatId,
                key: row.data[FOLLOW_UP_KEY_FIELD],
                reason: row.data[FOLLOW_UP_REASON_FIELD],
                isClosed: row.data.IsClosed
            };
        }
    }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
    const result: T[][] = [];
    for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
    return result;
}
