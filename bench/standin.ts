import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { API_VERSION, REPO_ROOT } from '../scripts/lib/paths.ts';
import type { StandinStats } from '../scripts/dev/standin/stats.ts';

/** The local Salesforce API stand-in in its own process, so that serving the org costs the measured child nothing. */
export type StandinProcess = {
    instanceUrl: string;
    accessToken: string;
    /** Seconds from spawn until it listened with the org loaded. */
    loadSeconds: number;
    stats(): Promise<StandinStats>;
    resetStats(): Promise<void>;
    /** Sends a CSV (Id + fields) as one Bulk API 2.0 update job, as another integration's nightly edits would. */
    bulkUpdate(object: string, csvFile: string): Promise<{ processed: number; failed: number }>;
    stop(): Promise<void>;
};

export async function startStandinProcess(
    dataDir: string,
    options: { maxOldSpaceMb?: number } = {}
): Promise<StandinProcess> {
    const started = performance.now();
    const child: ChildProcess = spawn(
        process.execPath,
        [
            `--max-old-space-size=${options.maxOldSpaceMb ?? 12_288}`,
            '--import',
            'tsx',
            path.join(REPO_ROOT, 'scripts/dev/standin/main.ts'),
            '--data',
            dataDir,
            // A fresh org of its own (a new org id: no state of an earlier bench applies), whose records were
            // not all changed a moment before the first night's run.
            '--loaded-at',
            new Date(Date.now() - 86_400_000).toISOString()
        ],
        { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] }
    );
    const exited = once(child, 'exit');
    const lines = createInterface({ input: child.stdout! });
    const first = await Promise.race([
        (async () => {
            for await (const line of lines) return line;
            return undefined;
        })(),
        exited.then(() => undefined)
    ]);
    if (!first) throw new Error(`the stand-in did not start (exit code ${child.exitCode})`);
    const { instanceUrl, accessToken } = JSON.parse(first) as { instanceUrl: string; accessToken: string };
    const loadSeconds = (performance.now() - started) / 1000;
    const admin = async (method: string, action: string) => {
        const response = await fetch(`${instanceUrl}/__standin/${action}`, { method });
        if (!response.ok) throw new Error(`stand-in ${action}: ${response.status} ${await response.text()}`);
        return response;
    };
    const api = async <T>(
        method: string,
        url: string,
        body?: string,
        contentType = 'application/json'
    ): Promise<T> => {
        const response = await fetch(`${instanceUrl}/services/data/v${API_VERSION}${url}`, {
            method,
            body,
            headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': contentType }
        });
        const text = await response.text();
        if (!response.ok) throw new Error(`stand-in ${method} ${url}: ${response.status} ${text}`);
        return (text === '' ? {} : JSON.parse(text)) as T;
    };
    return {
        instanceUrl,
        accessToken,
        loadSeconds,
        stats: async () => (await (await admin('GET', 'stats')).json()) as StandinStats,
        resetStats: async () => {
            await admin('POST', 'reset-stats');
        },
        async bulkUpdate(object, csvFile) {
            const job = await api<{ id: string }>(
                'POST',
                '/jobs/ingest',
                JSON.stringify({ object, operation: 'update', contentType: 'CSV', lineEnding: 'LF' })
            );
            await api('PUT', `/jobs/ingest/${job.id}/batches`, await readFile(csvFile, 'utf8'), 'text/csv');
            await api('PATCH', `/jobs/ingest/${job.id}`, JSON.stringify({ state: 'UploadComplete' }));
            for (;;) {
                const info = await api<{
                    state: string;
                    numberRecordsProcessed?: number;
                    numberRecordsFailed?: number;
                    errorMessage?: string;
                }>('GET', `/jobs/ingest/${job.id}`);
                if (info.state === 'JobComplete')
                    return {
                        processed: info.numberRecordsProcessed ?? 0,
                        failed: info.numberRecordsFailed ?? 0
                    };
                if (info.state === 'Failed' || info.state === 'Aborted')
                    throw new Error(`change job ${job.id} ${info.state}: ${info.errorMessage ?? ''}`);
                await sleep(100);
            }
        },
        async stop() {
            if (child.exitCode !== null) return;
            child.kill('SIGTERM');
            await exited;
        }
    };
}
