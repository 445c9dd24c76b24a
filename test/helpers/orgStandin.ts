import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { OWNED_FIELDS } from '../../force-app/main/default/lwc/segmentRules/segmentRules.js';
import { startStandin, type Standin, type StandinOptions } from '../../scripts/dev/standin/server.ts';
import type { Rows } from './csvOrg.ts';

export const OBJECTS = ['Account', 'Potential__c', 'Brand_Detail__c'] as const;

/** The local Salesforce API stand-in, loaded from a folder of CSV files through its admin endpoints. */
export async function standinLoadedFrom(dir: string, options: StandinOptions = {}): Promise<Standin> {
    const standin = await startStandin(options);
    for (const object of OBJECTS) {
        const response = await fetch(`${standin.instanceUrl}/__standin/load/${object}`, {
            method: 'POST',
            headers: { 'Content-Type': 'text/csv' },
            body: await readFile(path.join(dir, `${object}.csv`))
        });
        if (!response.ok) throw new Error(`loading ${object}: ${await response.text()}`);
    }
    standin.resetStats();
    return standin;
}

/** The arguments that point the command at the stand-in with its bare session token. */
export function orgArgs(standin: Standin): string[] {
    return ['--instance-url', standin.instanceUrl, '--access-token', standin.accessToken];
}

export async function recordsOf(standin: Standin, object: string, fields?: string[]): Promise<Rows> {
    const query = fields ? `?fields=${fields.join(',')}` : '';
    const response = await fetch(`${standin.instanceUrl}/__standin/records/${object}${query}`);
    return parse(await response.text(), { columns: true }) as Rows;
}

/**
 * Every record the package writes, as the org holds it: each brand detail's owned fields, and every potential
 * row (by content: a row created by one run has another Id than the same row created by another). Two
 * histories of nights end in the same org when these are equal.
 */
export async function packageWrittenState(standin: Standin) {
    const details = await recordsOf(standin, 'Brand_Detail__c', ['Id', ...OWNED_FIELDS]);
    const potentials = await recordsOf(standin, 'Potential__c', [
        'Key__c',
        'Account__c',
        'Product_Group__c',
        'Brand__c',
        'Units__c',
        'Source__c'
    ]);
    const byContent = (a: Record<string, string>, b: Record<string, string>) =>
        JSON.stringify(a).localeCompare(JSON.stringify(b));
    return {
        details: details.sort((a, b) => (a.Id ?? '').localeCompare(b.Id ?? '')),
        potentials: potentials.sort(byContent)
    };
}
