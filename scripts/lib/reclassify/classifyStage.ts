import {
    brandDetailFields,
    classify,
    isDowngrade,
    OWNED_FIELDS,
    plannedUpdate,
    type Classification,
    type SegmentationConfig
} from '../../../force-app/main/default/lwc/segmentRules/segmentRules.js';
import { CsvFileWriter } from '../csv.ts';
import { forEachEstimateRow } from './estimate/index.ts';
import { FollowUpPlanner } from './followUpStage.ts';
import type { Progress } from './progress.ts';
import type { Input } from './readStage.ts';
import type { RunFolder } from './runFolder.ts';
import type { RunTally } from './tally.ts';

export type Clock = { now: string; today: string };

/** In a Bulk API / Data Loader update an empty cell leaves the field as it is; #N/A clears it. */
const CLEAR = '#N/A';

/** The files a night prepares, their columns, and how many rows each got. */
export const PREPARED = {
    brandDetailUpdates: { object: 'Brand_Detail__c', columns: ['Id', ...OWNED_FIELDS] },
    potentialKeys: { object: 'Potential__c', columns: ['Id', 'Key__c', 'Units__c', 'Source__c'] },
    potentialUpserts: {
        object: 'Potential__c',
        columns: ['Key__c', 'Account__c', 'Product_Group__c', 'Brand__c', 'Units__c', 'Source__c']
    }
} as const;

export type PreparedFile = keyof typeof PREPARED;

/** What the classification decided: rows per prepared file, and what the safety stop weighs. */
export type Plan = {
    rows: Record<PreparedFile, number>;
    /** Brand details that carry a type or segment now, and those of them the run would clear. */
    classified: number;
    clears: number;
    /** Follow-up tasks wanted (Task.wanted.csv); undefined when the night was not asked to create tasks. */
    followUps?: number;
};

type Writers = Record<PreparedFile, CsvFileWriter>;

/**
 * Classifies every installer (the rules module, once per installer) and prepares what to write, in the order
 * of the Account Ids: the changed owned fields of its brand details, and its estimate rows. A held installer
 * gets nothing: its brand details are reported as held.
 */
export async function classifyAll(
    input: Input,
    setup: { config: SegmentationConfig; clock: Clock; folder: RunFolder; createTasks: boolean },
    tally: RunTally,
    progress: Progress
): Promise<Plan> {
    const { installers, brandDetails } = input;
    const writers = Object.fromEntries(
        (Object.keys(PREPARED) as PreparedFile[]).map((file) => [
            file,
            new CsvFileWriter(setup.folder.stagingPath(file), PREPARED[file].columns)
        ])
    ) as Writers;
    const plan: Plan = {
        rows: { brandDetailUpdates: 0, potentialKeys: 0, potentialUpserts: 0 },
        classified: 0,
        clears: 0
    };
    const followUps = setup.createTasks
        ? new FollowUpPlanner({ config: setup.config, today: setup.clock.today, folder: setup.folder }, tally)
        : undefined;
    const { start, rows } = brandDetails.byInstaller(installers.size);
    for (const installer of installers.idOrder()) {
        const first = start[installer] ?? 0;
        const end = start[installer + 1] ?? 0;
        if (installers.isHeld(installer)) {
            await holdInstaller(input, installer, rows.subarray(first, end), tally);
            continue;
        }
        const classification = classify(
            {
                revenue12m: installers.revenue12m(installer),
                vgUnits12m: installers.vgUnits12m(installer),
                everHadShare: installers.everHadShare(installer)
            },
            installers.potential(installer),
            setup.config
        );
        for (let at = first; at < end; at++) {
            const detail = rows[at] ?? 0;
            await planDetail(input, detail, classification, setup, writers.brandDetailUpdates, plan, tally);
            await followUps?.consider(input, detail, classification);
        }
        if (installers.isEstimated(installer))
            await planEstimate(input, installer, setup.config, writers, tally);
    }
    for (const file of Object.keys(writers) as PreparedFile[]) {
        await writers[file].close();
        plan.rows[file] = writers[file].rows;
        tally.files.add(file);
    }
    if (followUps) plan.followUps = await followUps.close();
    const { records } = tally.report;
    progress.done('Classify', {
        changed: records.changed,
        unchanged: records.unchanged,
        locked: records.locked,
        held: records.held
    });
    return plan;
}

/** A night that writes nothing (nothing changed): the prepared files are there, empty, as after any night. */
export async function prepareNothing(folder: RunFolder, tally: RunTally): Promise<void> {
    for (const file of Object.keys(PREPARED) as PreparedFile[]) {
        await new CsvFileWriter(folder.stagingPath(file), PREPARED[file].columns).close();
        tally.files.add(file);
    }
}

async function holdInstaller(
    input: Input,
    installer: number,
    details: Int32Array,
    tally: RunTally
): Promise<void> {
    const { installers, brandDetails } = input;
    const ids = Array.from(details, (detail) => brandDetails.id(detail));
    await tally.held(
        {
            accountId: installers.id(installer),
            accountName: installers.name(installer),
            because: installers.heldBecause(installer) ?? ''
        },
        ids
    );
    for (const detail of details) {
        tally.brandDetail(
            { customerType: brandDetails.customerType(detail), segment: brandDetails.segment(detail) },
            { kind: 'held' }
        );
    }
}

/** One brand detail: what it should carry, what changes, and what the report counts of it. */
async function planDetail(
    input: Input,
    detail: number,
    classification: Classification,
    setup: { config: SegmentationConfig; clock: Clock },
    updates: CsvFileWriter,
    plan: Plan,
    tally: RunTally
): Promise<void> {
    const { installers, brandDetails } = input;
    const { config, clock } = setup;
    const computed = brandDetailFields(classification, brandDetails.lastVisitDate(detail), config);
    const stored = brandDetails.stored(detail, classification.reason);
    const labels = { customerType: brandDetails.customerType(detail), segment: brandDetails.segment(detail) };
    const after = { customerType: classification.customerType, segment: classification.segment };
    if (brandDetails.isClassified(detail)) plan.classified++;
    if (brandDetails.isLocked(detail)) {
        const wouldChange =
            plannedUpdate({ ...stored, Classification_Locked__c: false }, computed, clock) !== null;
        tally.brandDetail(labels, { kind: 'locked', wouldChange });
        return;
    }
    const changes = plannedUpdate(stored, computed, clock);
    if (changes) {
        if (changes.Customer_Type__c === null || changes.Potential_Segment__c === null) plan.clears++;
        await updates.write([
            brandDetails.id(detail),
            ...OWNED_FIELDS.map((field) => (field in changes ? (changes[field] ?? CLEAR) : ''))
        ]);
    }
    const from = labels.customerType;
    const to = after.customerType;
    const installer = brandDetails.accountIndex(detail);
    const downgrade =
        from !== null && to !== null && isDowngrade(from, to, config)
            ? {
                  id: brandDetails.id(detail),
                  accountId: installers.id(installer),
                  accountName: installers.name(installer),
                  brand: brandDetails.brand(detail),
                  from,
                  to
              }
            : undefined;
    tally.brandDetail(labels, { kind: 'classified', after, changed: changes !== null, downgrade });
}

/**
 * An estimated installer's rows (see forEachEstimateRow): upserted on Key__c, with Account__c only for a row
 * new to the org (a master-detail that is not reparentable may not be named on an update, even unchanged); an
 * earlier estimate row without its Key__c is given the key by its Id instead, so that no second row is made.
 */
async function planEstimate(
    input: Input,
    installer: number,
    config: SegmentationConfig,
    writers: Writers,
    tally: RunTally
): Promise<void> {
    const { installers } = input;
    const accountId = installers.id(installer);
    const group = config.boilerProductGroup;
    const source = config.potentialSources.estimate;
    const keyed = installers.keyedRowMask(installer);
    const rows: { brand: number; units: number }[] = [];
    forEachEstimateRow(installers, installer, (brand, units) => rows.push({ brand, units }));
    for (const { brand, units } of rows) {
        const brandName = installers.brands[brand] ?? '';
        const key = `${accountId}|${group}|${brandName}`;
        const keylessId = installers.keylessRowId(installer, brand);
        if (keylessId !== undefined) {
            tally.estimateRow('byId');
            await writers.potentialKeys.write([keylessId, key, units, source]);
            continue;
        }
        const exists = ((keyed >>> brand) & 1) === 1;
        tally.estimateRow(exists ? 'byKey' : 'new');
        await writers.potentialUpserts.write([key, exists ? '' : accountId, group, brandName, units, source]);
    }
}
