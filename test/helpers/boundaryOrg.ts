import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeRows, type Rows } from './csvOrg.ts';

/** One installer of the boundary org: VG and competitor boiler units, and its brand detail's state. */
type Case = {
    name: string;
    vg: number;
    other: number;
    everHad?: boolean;
    locked?: boolean;
    revenue?: number;
    lastVisit?: string;
    heatPumpOnly?: boolean;
};

/** Every threshold of DESIGN section 2, on it and just off it. */
export const BOUNDARY_CASES: Case[] = [
    { name: 'Exact 5%', vg: 1, other: 19 },
    { name: 'Net onder 5%', vg: 1, other: 20 },
    { name: 'Exact 75%', vg: 3, other: 1 },
    { name: 'Net onder 75%', vg: 749, other: 251 },
    { name: 'Exact 75% groot', vg: 750, other: 250, revenue: 250_000.01 },
    { name: 'Nul, eerder VG', vg: 0, other: 12, everHad: true },
    { name: 'Nul, nooit VG', vg: 0, other: 12 },
    { name: 'Alles VG', vg: 40, other: 0, revenue: 10_000, lastVisit: '2026-10-01' },
    { name: 'Vastgezet', vg: 1, other: 1, locked: true },
    { name: 'Alleen warmtepomp', vg: 0, other: 0, heatPumpOnly: true },
    ...[9, 10, 29, 30, 74, 75, 149, 150, 499, 500].map((total) => ({
        name: `Totaal ${total}`,
        vg: 1,
        other: total - 1,
        revenue: 9_999.99
    }))
];

const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(12, '0')}AAA`;

/** Writes the boundary org as Data Loader CSV files (the same files load into the stand-in). */
export async function writeBoundaryOrg(cases: Case[] = BOUNDARY_CASES): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'boundary-org-'));
    const accounts: Rows = [];
    const potentials: Rows = [];
    const details: Rows = [];
    cases.forEach((entry, index) => {
        const accountId = id('001', index + 1);
        accounts.push({
            Id: accountId,
            Name: entry.name,
            Company_Size__c: '2. 3 - 5 medewerkers',
            Market_Type__c: 'Renovatie',
            Product_Focus__c: 'Ketels',
            Services__c: 'Installatie',
            Revenue_12M__c: String(entry.revenue ?? 50_000),
            VG_Units_12M__c: '0'
        });
        const rows: [string, string, number][] = entry.heatPumpOnly
            ? [['Lucht-warmtepomp', 'Daikin', 8]]
            : [
                  ['Ketels', 'Vaillant', entry.vg],
                  ['Ketels', 'Remeha', entry.other]
              ];
        for (const [group, brand, units] of rows) {
            potentials.push({
                Id: id('a02', potentials.length + 1),
                Account__c: accountId,
                Product_Group__c: group,
                Brand__c: brand,
                Units__c: String(units),
                Source__c: 'Sales',
                Key__c: `${accountId}|${group}|${brand}`
            });
        }
        details.push({
            Id: id('a01', index + 1),
            Name: `Vaillant - ${entry.name}`,
            Account__c: accountId,
            Brand__c: 'Vaillant',
            Last_Visit_Date__c: entry.lastVisit ?? '',
            Classification_Locked__c: String(entry.locked ?? false),
            Customer_Type__c: entry.locked ? 'Keep' : '',
            Potential_Segment__c: '',
            VG_Potential_Share__c: '',
            Boiler_Potential__c: '',
            Potential_Source__c: '',
            Value_Type__c: '',
            Classification_Reason__c: '',
            Next_Visit_Due__c: '',
            VG_Units_To_Next_Type__c: '',
            VG_Ever_Had_Share__c: String(entry.everHad ?? false)
        });
    });
    await writeRows(path.join(dir, 'Account.csv'), accounts);
    await writeRows(path.join(dir, 'Potential__c.csv'), potentials);
    await writeRows(path.join(dir, 'Brand_Detail__c.csv'), details);
    return dir;
}
