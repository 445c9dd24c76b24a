import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { isRunning } from './runLock.ts';

/** The files a run leaves in --out. Nothing else in that folder is ever touched. */
export const RUN_FILES = {
    brandDetailUpdates: 'Brand_Detail__c.update.csv',
    potentialKeys: 'Potential__c.update.csv',
    potentialUpserts: 'Potential__c.upsert.csv',
    followUpsWanted: 'Task.wanted.csv',
    followUpInserts: 'Task.insert.csv',
    errors: 'errors.csv',
    report: 'report.json',
    html: 'report.html'
} as const;

export type RunFile = keyof typeof RUN_FILES;

const STAGING_PREFIX = '.reclassify-';

/**
 * The --out folder of one run. The run writes its files into a hidden staging folder inside it; at the end
 * `publish` moves them into --out one rename each and removes the run files this run did not leave. So the folder
 * never holds one run's update files beside another run's report, and a run killed halfway leaves the earlier
 * complete set as it was.
 */
export class RunFolder {
    private constructor(
        readonly dir: string,
        private readonly staging: string
    ) {}

    static async open(dir: string): Promise<RunFolder> {
        await mkdir(dir, { recursive: true });
        await removeAbandonedStaging(dir);
        return new RunFolder(dir, await mkdtemp(path.join(dir, `${STAGING_PREFIX}${process.pid}-`)));
    }

    /** Where the run writes the file now. */
    stagingPath(file: RunFile): string {
        return path.join(this.staging, RUN_FILES[file]);
    }

    /** Where the file is once published: what the report names. */
    finalPath(file: RunFile): string {
        return path.join(this.dir, RUN_FILES[file]);
    }

    /** Leaves --out as it was: the run's staging folder goes, nothing else is touched. */
    async discard(): Promise<void> {
        await rm(this.staging, { recursive: true, force: true });
    }

    /** Moves the files `kept` into --out and removes every other run file there. */
    async publish(kept: ReadonlySet<RunFile>): Promise<void> {
        for (const file of Object.keys(RUN_FILES) as RunFile[]) {
            if (kept.has(file)) await rename(this.stagingPath(file), this.finalPath(file));
            else await rm(this.finalPath(file), { force: true });
        }
        await rm(this.staging, { recursive: true, force: true });
    }
}

/** Staging folders of runs that were killed (their process is gone): what they wrote is of no use. */
async function removeAbandonedStaging(dir: string): Promise<void> {
    for (const entry of await readdir(dir)) {
        const pid = Number(/^\.reclassify-(\d+)-/.exec(entry)?.[1]);
        if (Number.isInteger(pid) && pid > 0 && !isRunning(pid)) {
            await rm(path.join(dir, entry), { recursive: true, force: true });
        }
    }
}
