import { createReadStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import type { DetailAccounts } from './brandDetails.ts';
import { PREPARED, type Plan, type PreparedFile } from './classifyStage.ts';
import { CsvFileWriter, parseCsv } from '../csv.ts';
import { createFollowUps } from './followUpStage.ts';
import { cellTypes } from '../picklists.ts';
import type { Progress } from './progress.ts';
import type { RunFolder } from './runFolder.ts';
import type { RecordWriter } from './sources.ts';
import type { RunTally } from './tally.ts';

const WRITES: { file: PreparedFile; operation: 'update' | 'upsert'; keyField: string }[] = [
    { file: 'brandDetailUpdates', operation: 'update', keyField: 'Id' },
    { file: 'potentialKeys', operation: 'update', keyField: 'Id' },
    { file: 'potentialUpserts', operation: 'upsert', keyField: 'Key__c' }
];

/**
 * Sends the prepared files to the org: the follow-up tasks first (--create-tasks: a drop is seen only on the
 * night it is written, so its task must not wait for it; see docs/follow-up-tasks.md), then the brand details,
 * then the estimate rows, and those only of installers whose brand details were all written. A brand detail
 * records the estimate it was classified with (see BrandDetailTable.claimsPotential), so a night that stops after
 * it, or amid the estimate rows, leaves installers the next night finds incomplete and estimates again: every
 * night converges.
 */
export async function writeAll(
    writer: RecordWriter,
    plan: Plan,
    setup: { detailAccounts: DetailAccounts; folder: RunFolder },
    tally: RunTally,
    progress: Progress
): Promise<void> {
    if (plan.followUps !== undefined)
        await createFollowUps(writer, { folder: setup.folder }, tally, progress);
    const failedDetails = new Set<string>();
    for (const { file, operation, keyField } of WRITES) {
        const { object, columns } = PREPARED[file];
        if (file !== 'brandDetailUpdates' && failedDetails.size > 0) {
            plan.rows[file] = await holdBack(setup, file, failedDetails, tally);
        }
        const rows = plan.rows[file];
        if (rows === 0) continue;
        const stage = `Write ${object}`;
        const outcome = await writer.send(
            {
                object,
                operation,
                keyField,
                file: setup.folder.stagingPath(file),
                rows,
                types: cellTypes(object, columns)
            },
            async (failure) => {
                if (file === 'brandDetailUpdates') failedDetails.add(failure.key);
                await tally.writeFailed(object, failure.key, failure.reason);
            },
            (written, failed) => progress.update(stage, { rows, written, failed })
        );
        progress.done(stage, { rows, written: outcome.written, failed: outcome.failed });
        tally.sent(object, outcome.written, outcome.jobs);
        if (outcome.stoppedBy) throw outcome.stoppedBy;
    }
}

/**
 * Leaves the estimate rows of installers with a brand detail the org refused out of a prepared file: the next
 * night estimates them again (see writeAll). Each is a line in errors.csv. Returns the rows kept.
 */
async function holdBack(
    setup: { detailAccounts: DetailAccounts; folder: RunFolder },
    file: PreparedFile,
    failedDetails: ReadonlySet<string>,
    tally: RunTally
): Promise<number> {
    const heldBack = setup.detailAccounts.of(failedDetails);
    const staged = setup.folder.stagingPath(file);
    const kept = new CsvFileWriter(`${staged}.kept`, PREPARED[file].columns);
    for await (const row of parseCsv(createReadStream(staged), { source: staged })) {
        const account = (row.Key__c ?? '').split('|')[0] ?? '';
        if (!heldBack.has(account)) {
            await kept.write(PREPARED[file].columns.map((column) => row[column]));
            continue;
        }
        await tally.writeFailed(
            'Potential__c',
            row.Id || row.Key__c || '',
            `not written: a brand detail of installer ${account} could not be written, and the estimate rows follow it; the next run estimates it again`
        );
    }
    await kept.close();
    await rename(`${staged}.kept`, staged);
    return kept.rows;
}
