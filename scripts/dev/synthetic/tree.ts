import { OWNED_FIELDS } from '../../../force-app/main/default/lwc/segmentRules/segmentRules.js';
import { CSV_COLUMNS, type CsvObject, type SyntheticInstaller } from './generator.ts';

/**
 * `sf data tree import` files for synthetic installers: sObject tree JSON per object, children pointing at
 * their account by `@AccountRefN`, and the plan that loads them in order. Salesforce assigns new Ids on import,
 * so the files carry no Id, and no Key__c either (it contains the Account Id; see data/README.md).
 */

type TreeValue = string | number | boolean;
type TreeRecord = { attributes: { type: string; referenceId: string } } & Record<
    string,
    TreeValue | { type: string; referenceId: string }
>;

export type SObjectTree = { records: TreeRecord[] };

export type PlanEntry = { sobject: string; saveRefs: boolean; resolveRefs: boolean; files: string[] };

export const TREE_FILES = {
    Account: 'Accounts.json',
    Brand_Detail__c: 'Brand_Detail__cs.json',
    Potential__c: 'Potential__cs.json'
} as const;

/** Copies the fields to load: null and empty lists are left out (the org default applies), lists joined by ';'. */
function fields(record: Record<string, unknown>, names: readonly string[]): Record<string, TreeValue> {
    const out: Record<string, TreeValue> = {};
    for (const name of names) {
        const value = record[name];
        if (value === null || value === undefined) continue;
        if (Array.isArray(value)) {
            if (value.length > 0) out[name] = value.join(';');
        } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
            out[name] = value;
        }
    }
    return out;
}

/** A tree import loads what sales enter: the CSV columns less the Id, the parent and the computed fields. */
const NOT_LOADED = new Set<string>(['Id', 'Account__c', 'Key__c', ...OWNED_FIELDS]);
const loaded = (object: CsvObject) => CSV_COLUMNS[object].filter((name) => !NOT_LOADED.has(name));
const ACCOUNT_FIELDS = loaded('Account');
const BRAND_DETAIL_FIELDS = loaded('Brand_Detail__c');
const POTENTIAL_FIELDS = loaded('Potential__c');

/** The three sObject trees and the plan for a list of installers (small sets: it holds them all). */
export function sampleDataTree(installers: readonly SyntheticInstaller[]): {
    plan: PlanEntry[];
    trees: Record<keyof typeof TREE_FILES, SObjectTree>;
} {
    const accounts: TreeRecord[] = [];
    const brandDetails: TreeRecord[] = [];
    const potentials: TreeRecord[] = [];
    installers.forEach((installer, index) => {
        const accountRef = `AccountRef${index + 1}`;
        accounts.push({
            attributes: { type: 'Account', referenceId: accountRef },
            ...fields(installer.account, ACCOUNT_FIELDS)
        });
        for (const detail of installer.brandDetails) {
            brandDetails.push({
                attributes: {
                    type: 'Brand_Detail__c',
                    referenceId: `Brand_Detail__cRef${brandDetails.length + 1}`
                },
                ...fields(detail, BRAND_DETAIL_FIELDS),
                Account__c: `@${accountRef}`
            });
        }
        for (const potential of installer.potentials) {
            potentials.push({
                attributes: { type: 'Potential__c', referenceId: `Potential__cRef${potentials.length + 1}` },
                ...fields(potential, POTENTIAL_FIELDS),
                Account__c: `@${accountRef}`
            });
        }
    });
    return {
        plan: [
            { sobject: 'Account', saveRefs: true, resolveRefs: false, files: [TREE_FILES.Account] },
            {
                sobject: 'Brand_Detail__c',
                saveRefs: false,
                resolveRefs: true,
                files: [TREE_FILES.Brand_Detail__c]
            },
            { sobject: 'Potential__c', saveRefs: false, resolveRefs: true, files: [TREE_FILES.Potential__c] }
        ],
        trees: {
            Account: { records: accounts },
            Brand_Detail__c: { records: brandDetails },
            Potential__c: { records: potentials }
        }
    };
}
