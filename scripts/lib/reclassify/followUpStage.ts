import { createReadStream } from 'node:fs';
import {
    nextVisitDue,
    type Classification,
    type SegmentationConfig
} from '../../../force-app/main/default/lwc/segmentRules/segmentRules.js';
import { CsvFileWriter, parseCsv } from '../csv.ts';
import {
    dropFollowUp,
    noteExisting,
    verdictOf,
    visitFollowUp,
    type FollowUpTask
} from './followUpDecisions.ts';
import {
    FOLLOW_UP_KEY_FIELD,
    FOLLOW_UP_REASON_FIELD,
    FOLLOW_UP_TASK_FIELDS,
    followUpKey,
    followUpOccasion
} from '../followUpTasks.ts';
import { Column, Dictionary, SmallIntColumn, TextIndex } from '../storage/columns.ts';
import type { ExistingFollowUp } from '../org/followUps.ts';
import { cellTypes } from '../picklists.ts';
import type { Progress } from './progress.ts';
import type { Input } from './readStage.ts';
import type { RunFolder } from './runFolder.ts';
import type { RecordWriter } from './sources.ts';
import type { RunTally } from './tally.ts';

/**
 * The follow-up tasks of a night (--create-tasks, docs/follow-up-tasks.md). While the night classifies, the
 * tasks it wants go to Task.wanted.csv; before it writes anything else, the tasks the org already has are read
 * once and the wanted tasks that are not there yet go to Task.insert.csv and the org. Only inserts: a task once
 * made is the account manager's.
 */

/**
 * Up to this many brand details that want a task, the org's tasks are asked for by their Ids (REST, or Bulk from
 * --bulk-query-from); above, all the package's tasks in one Bulk job.
 */
export const READ_BY_IDS_UP_TO = 2000;

const COLUMNS = [...FOLLOW_UP_TASK_FIELDS];

function text(value: unknown): string | null {
    return typeof value === 'string' && value !== '' ? value : null;
}

function percent(value: unknown): number | null {
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Decides, brand detail by brand detail, which tasks the night wants; keeps them in Task.wanted.csv. */
export class FollowUpPlanner {
    private readonly wanted: CsvFileWriter;

    constructor(
        private readonly setup: { config: SegmentationConfig; today: string; folder: RunFolder },
        private readonly tally: RunTally
    ) {
        this.wanted = new CsvFileWriter(setup.folder.stagingPath('followUpsWanted'), COLUMNS);
        tally.tasksRequested();
    }

    /**
     * One classified brand detail (never one of a held installer): its visit task when the visit is due by the
     * cadence, its drop task when Type klant goes down. A locked one keeps its label, so it has no drop, and its
     * visits follow the klanttype on its record.
     */
    async consider(input: Input, detail: number, classification: Classification): Promise<void> {
        const { installers, brandDetails } = input;
        const stored = brandDetails.stored(detail, null);
        const { config, today } = this.setup;
        const installer = brandDetails.accountIndex(detail);
        const ownerId = installers.ownerId(installer);
        if (ownerId === null) throw new Error('follow-up tasks need the accounts read with their OwnerId');
        const about = {
            brandDetailId: brandDetails.id(detail),
            accountName: installers.name(installer),
            brand: brandDetails.brand(detail),
            ownerId
        };
        const locked = brandDetails.isLocked(detail);
        const visit = {
            lastVisitDate: brandDetails.lastVisitDate(detail),
            valueType: (locked ? text(stored.Value_Type__c) : null) ?? classification.valueType
        };
        const due = nextVisitDue(visit.lastVisitDate, visit.valueType, config);
        if (due !== null && due > today) this.tally.visitDueLater(due);
        await this.want(visitFollowUp(about, visit, config, today));
        if (locked) return;
        const { vg, total } = installers.potential(installer);
        const drop = {
            ...visit,
            from: brandDetails.customerType(detail),
            to: classification.customerType,
            storedSharePercent: percent(stored.VG_Potential_Share__c),
            vg,
            total
        };
        await this.want(dropFollowUp(about, drop, config, today));
    }

    private async want(task: FollowUpTask | undefined): Promise<void> {
        if (!task) return;
        this.tally.taskWanted(task[FOLLOW_UP_REASON_FIELD]);
        await this.wanted.write(COLUMNS.map((field) => task[field]));
    }

    /** Closes Task.wanted.csv; returns how many tasks it holds. */
    async close(): Promise<number> {
        await this.wanted.close();
        return this.wanted.rows;
    }
}

/** A night that found nothing changed (and no visit due since): it wants no task and makes none. */
export async function prepareNoFollowUps(folder: RunFolder, tally: RunTally): Promise<void> {
    tally.tasksRequested();
    await new CsvFileWriter(folder.stagingPath('followUpsWanted'), COLUMNS).close();
    await new CsvFileWriter(folder.stagingPath('followUpInserts'), COLUMNS).close();
    tally.files.add('followUpInserts');
}

/**
 * The wanted tasks, one per brand detail and reason, and what the org's tasks say about each: a row per wanted
 * task, its occasion a dictionary code and what is known of it a byte (a night can want a million).
 */
type Wanted = {
    pairs: TextIndex;
    occasions: SmallIntColumn;
    dictionary: Dictionary;
    known: Column<Uint8Array>;
    /** The brand details that want a task, while there are no more than READ_BY_IDS_UP_TO; else undefined. */
    whatIds: string[] | undefined;
};

function pairOf(whatId: string, reason: string): string {
    return `${whatId}|${reason}`;
}

async function readWanted(file: string): Promise<Wanted> {
    const wanted: Wanted = {
        pairs: new TextIndex(),
        occasions: new SmallIntColumn(),
        dictionary: new Dictionary(),
        known: new Column((n) => new Uint8Array(n), new Uint8Array(1024)),
        whatIds: []
    };
    for await (const task of parseCsv(createReadStream(file), { source: file })) {
        const whatId = task.WhatId ?? '';
        const row = wanted.pairs.add(pairOf(whatId, task[FOLLOW_UP_REASON_FIELD] ?? ''));
        if (row === undefined) throw new Error(`${file}: a second task for one brand detail and reason`);
        wanted.occasions.ensure(row + 1);
        wanted.known.ensure(row + 1);
        wanted.occasions.set(
            row,
            wanted.dictionary.encode(followUpOccasion(task[FOLLOW_UP_KEY_FIELD] ?? ''))
        );
        // A brand detail's tasks are wanted one after another: its Id follows itself, never comes back later.
        if (wanted.whatIds && wanted.whatIds.at(-1) !== whatId) {
            wanted.whatIds.push(whatId);
            if (wanted.whatIds.length > READ_BY_IDS_UP_TO) wanted.whatIds = undefined;
        }
    }
    return wanted;
}

/**
 * Task.insert.csv from the wanted tasks and those the org has; returns its rows. The wanted tasks' index lives
 * only in here: it is let go before the tasks are sent.
 */
async function newFollowUps(writer: RecordWriter, folder: RunFolder, tally: RunTally): Promise<number> {
    const wanted = await readWanted(folder.stagingPath('followUpsWanted'));
    await noteOrgTasks(wanted, writer.followUps(wanted.whatIds ? { whatIds: wanted.whatIds } : 'all'));
    return prepareInserts(folder, wanted, tally);
}

/** Matches the org's tasks to the wanted ones as they stream by: one query or Bulk job, never one per record. */
async function noteOrgTasks(wanted: Wanted, tasks: AsyncIterable<ExistingFollowUp>): Promise<void> {
    const known = wanted.known;
    for await (const task of tasks) {
        const row = wanted.pairs.get(pairOf(task.whatId, task.reason));
        if (row === undefined) continue;
        const occasion = wanted.dictionary.decode(wanted.occasions.data[row] ?? 0) ?? '';
        const key = followUpKey(task.whatId, task.reason, occasion);
        known.data[row] = noteExisting(known.data[row] ?? 0, key, task);
    }
}

/** Task.insert.csv: the wanted tasks that are neither open nor closed for their occasion; returns its rows. */
async function prepareInserts(folder: RunFolder, wanted: Wanted, tally: RunTally): Promise<number> {
    const source = folder.stagingPath('followUpsWanted');
    const inserts = new CsvFileWriter(folder.stagingPath('followUpInserts'), COLUMNS);
    let row = 0;
    for await (const task of parseCsv(createReadStream(source), { source })) {
        const verdict = verdictOf(wanted.known.data[row++] ?? 0);
        if (verdict === 'create') await inserts.write(COLUMNS.map((field) => task[field]));
        else tally.taskVerdict(verdict);
    }
    await inserts.close();
    tally.files.add('followUpInserts');
    return inserts.rows;
}

/**
 * The first step of the night's writes: reads the package's tasks of the brand details that want one, and
 * inserts the wanted tasks that are not there. A task the org refuses is a line in errors.csv with its brand
 * detail; a stop (the session, the API allowance) is thrown after the tasks that were written are counted.
 */
export async function createFollowUps(
    writer: RecordWriter,
    setup: { folder: RunFolder },
    tally: RunTally,
    progress: Progress
): Promise<void> {
    const { folder } = setup;
    const rows = await newFollowUps(writer, folder, tally);
    if (rows === 0) return;
    const stage = 'Write Task';
    const outcome = await writer.send(
        {
            object: 'Task',
            operation: 'insert',
            keyField: FOLLOW_UP_KEY_FIELD,
            file: folder.stagingPath('followUpInserts'),
            rows,
            types: cellTypes('Task', COLUMNS)
        },
        (failure) => tally.taskFailed(failure.key.split('|')[0] ?? '', `${failure.key}: ${failure.reason}`),
        (written, failed) => progress.update(stage, { rows, written, failed })
    );
    progress.done(stage, { rows, written: outcome.written, failed: outcome.failed });
    tally.tasksSent(outcome.written, outcome.jobs);
    if (outcome.stoppedBy) throw outcome.stoppedBy;
}
