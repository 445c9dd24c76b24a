import type { SyntheticInstaller } from './generator.ts';

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

const ACCOUNT_FIELDS = [
    'Name',
    'BillingCity',
    'Company_Size__c',
    'Market_Type__c',
    'Product_Focus__c',
    'Services__c',
    'Revenue_12M__c',
    'VG_Units_12M__c'
];
const BRAND_DETAIL_FIELDS = [
    'Name',
    'Brand__c',
    'Potential_Growth__c',
    'Last_Visit_Date__c',
    'Classification_Locked__c'
];
const POTENTIAL_FIELDS = ['Product_Group__c', 'Brand__c', 'Units__c', 'Source__c'];

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
