import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../scripts/lib/paths.ts';

/** What one measured child process used, from inside it (bench/measure.ts) and from outside (wall time). */
export type ChildUsage = {
    exitCode: number | null;
    wallSeconds: number;
    cpuSeconds: number;
    userCpuSeconds: number;
    systemCpuSeconds: number;
    peakRssMb: number;
    stdout: string;
    stderr: string;
};

const MEASURE = pathToFileURL(path.join(REPO_ROOT, 'bench/measure.ts')).href;

/**
 * Runs `node --import tsx --import bench/measure.ts <script> …args` in its own process and returns its own CPU
 * time and peak RSS (written by the preload at exit) and the wall time from spawn to exit, start-up included.
 */
export async function measureChild(
    script: string,
    args: string[],
    env: NodeJS.ProcessEnv,
    nodeOptions: string[] = []
): Promise<ChildUsage> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-usage-'));
    const usageFile = path.join(dir, 'usage.json');
    try {
        const started = performance.now();
        const child = spawn(
            process.execPath,
            [...nodeOptions, '--import', 'tsx', '--import', MEASURE, path.join(REPO_ROOT, script), ...args],
            {
                cwd: REPO_ROOT,
                env: { ...process.env, ...env, BENCH_USAGE_FILE: usageFile },
                stdio: ['ignore', 'pipe', 'pipe']
            }
        );
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
        const [code] = (await once(child, 'exit')) as [number | null];
        const wallSeconds = (performance.now() - started) / 1000;
        const usage = JSON.parse(await readFile(usageFile, 'utf8').catch(() => '{}')) as {
            maxRssKb?: number;
            userCpuUs?: number;
            systemCpuUs?: number;
        };
        const user = (usage.userCpuUs ?? Number.NaN) / 1e6;
        const system = (usage.systemCpuUs ?? Number.NaN) / 1e6;
        return {
            exitCode: code,
            wallSeconds: round(wallSeconds, 2),
            cpuSeconds: round(user + system, 2),
            userCpuSeconds: round(user, 2),
            systemCpuSeconds: round(system, 2),
            peakRssMb: round((usage.maxRssKb ?? Number.NaN) / 1024, 1),
            stdout: Buffer.concat(out).toString('utf8'),
            stderr: Buffer.concat(err).toString('utf8')
        };
    } finally {
        await rm(dir, { recursive: true, force: true });
    }
}

export function round(value: number, digits: number): number {
    const factor = 10 ** digits;
    return Math.round(value * factor) / factor;
}
