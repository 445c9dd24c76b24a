import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { OrgIdentity } from '../org/api.ts';

/** Where run locks live: one file per org, readable by the admin. */
export const LOCK_DIR = path.join(os.tmpdir(), 'klantsegmentatie-locks');

type LockInfo = { pid: number; host: string; startedAt: string; source: string };

export class RunLockedError extends Error {
    override readonly name = 'RunLockedError';
    constructor(
        readonly file: string,
        readonly holder: LockInfo
    ) {
        super(
            `another reclassification of ${holder.source} is running (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}); lock file ${file}`
        );
    }
}

/** Whether a process of this host with this id still runs. */
export function isRunning(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
}

/** The lock file of one key (an org's id, see orgLockKey). */
export function lockFileOf(key: string, dir: string = LOCK_DIR): string {
    return path.join(dir, `${createHash('sha256').update(key).digest('hex').slice(0, 16)}.lock`);
}

/** An org is locked by its id, however it was reached (an alias, its URL, client credentials). */
export function orgLockKey(identity: Pick<OrgIdentity, 'orgId'>): string {
    return `org ${identity.orgId}`;
}

/**
 * Takes the lock of one key, so that two nightly runs never write the same records at once; `label` says how
 * the run reached it (messages). A lock left by a process that no longer runs on this host (killed) is taken
 * over; any other lock refuses the run.
 */
/** A held run lock: its file (the kept state lives beside it), and how to let it go. */
export type RunLock = { file: string; release: () => Promise<void>; tookOverFrom?: LockInfo };

export async function acquireRunLock(key: string, label: string, dir: string = LOCK_DIR): Promise<RunLock> {
    await mkdir(dir, { recursive: true });
    const file = lockFileOf(key, dir);
    const info: LockInfo = {
        pid: process.pid,
        host: os.hostname(),
        startedAt: new Date().toISOString(),
        source: `${label} (${key})`
    };
    let tookOverFrom: LockInfo | undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
        try {
            const handle = await open(file, 'wx');
            await handle.writeFile(`${JSON.stringify(info)}\n`);
            await handle.close();
            return { file, tookOverFrom, release: () => rm(file, { force: true }) };
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
            const holder = JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) as LockInfo;
            if (holder.host === info.host && typeof holder.pid === 'number' && !isRunning(holder.pid)) {
                tookOverFrom = holder;
                await rm(file, { force: true });
                continue;
            }
            throw new RunLockedError(file, holder);
        }
    }
    throw new RunLockedError(file, info);
}
