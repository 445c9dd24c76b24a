import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { reclassify } from '../../scripts/lib/reclassify/command.ts';

export type Rows = Record<string, string>[];

export async function readRows(file: string): Promise<Rows> {
    return parse(await readFile(file, 'utf8'), { columns: true, bom: true }) as Rows;
}

export async function writeRows(file: string, rows: Rows, columns?: string[]): Promise<void> {
    await writeFile(file, stringify(rows, { header: true, columns: columns ?? Object.keys(rows[0] ?? {}) }));
}

/** A scratch copy of a CSV "org" so a test can apply a run's output to it as Data Loader would. */
export async function copyOrg(fixture: string): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'csv-org-'));
    await cp(fixture, dir, { recursive: true });
    return dir;
}

/** Applies Brand_Detail__c.update.csv like a Data Loader update: empty cell = leave, #N/A = clear. */
export async function applyUpdates(orgDir: string, outDir: string): Promise<void> {
    const file = path.join(orgDir, 'Brand_Detail__c.csv');
    const rows = await readRows(file);
    const updates = new Map(
        (await readRows(path.join(outDir, 'Brand_Detail__c.update.csv'))).map((row) => [row.Id, row])
    );
    for (const row of rows) {
        for (const [field, value] of Object.entries(updates.get(row.Id ?? '') ?? {})) {
            if (field !== 'Id' && value !== '') row[field] = value === '#N/A' ? '' : value;
        }
    }
    const columns = [
        ...new Set([...Object.keys(rows[0] ?? {}), ...Object.keys(updates.values().next().value ?? {})])
    ];
    await writeRows(file, rows, columns);
}

/** Applies Potential__c.upsert.csv like a Data Loader upsert on Key__c. */
export async function applyUpserts(orgDir: string, outDir: string): Promise<void> {
    const file = path.join(orgDir, 'Potential__c.csv');
    const rows = await readRows(file);
    const byKey = new Map(rows.map((row) => [row.Key__c, row]));
    let next = rows.length;
    for (const upsert of await readRows(path.join(outDir, 'Potential__c.upsert.csv'))) {
        const existing = byKey.get(upsert.Key__c);
        if (existing) Object.assign(existing, upsert);
        // A new record's Id, as Data Loader reports it (15 characters here; the command reads both forms).
        else rows.push({ Id: `a02${String(++next).padStart(9, '0')}ZZZ`, ...upsert });
    }
    await writeRows(file, rows, Object.keys(rows[0] ?? {}));
}

export type CommandResult = { exitCode: number; stdout: string; stderr: string };

/** Runs the command in-process, as `npm run reclassify -- ...args` would. */
export async function runCommand(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CommandResult> {
    let stdout = '';
    let stderr = '';
    const exitCode = await reclassify(args, env, {
        stdout: (text) => (stdout += text),
        stderr: (text) => (stderr += text)
    });
    return { exitCode, stdout, stderr };
}
