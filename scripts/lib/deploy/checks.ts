import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { soqlString } from '../org/soql.ts';

/**
 * What `npm run deploy` asks the org before a step that must not be done twice. A question is an sf command with
 * --json, the shape of the answer we rely on, and the answer a dry run assumes (an org that has nothing yet, so
 * that a dry run prints every command).
 */
export type Question<T> = { args: string[]; answer: z.ZodType<T>; assumed: T };
export type Ask = <T>(question: Question<T>) => Promise<T>;

/** Run the step with these arguments, or skip it and say why. */
export type Decision = { args: string[] } | { skip: string };
export type StepCheck = { asks: string; decide: (ask: Ask) => Promise<Decision> };

const query = (soql: string, org: string[]) => ['data', 'query', '--query', soql, ...org, '--json'];

/** The username the org's alias stands for (`sf org display user`: plugin-user's result carries `username`). */
const whoAmI = (org: string[]): Question<{ username: string }> => ({
    args: ['org', 'display', 'user', ...org, '--json'],
    answer: z.object({ username: z.string().min(1) }),
    assumed: { username: 'YOUR_USERNAME' }
});

/** Which of the permission sets the user has (`sf data query --json`: plugin-data returns the query result). */
const assignedTo = (
    username: string,
    names: readonly string[],
    org: string[]
): Question<{ records: { PermissionSet: { Name: string } }[] }> => ({
    args: query(
        `SELECT PermissionSet.Name FROM PermissionSetAssignment WHERE Assignee.Username = ${soqlString(username)} ` +
            `AND PermissionSet.Name IN (${names.map(soqlString).join(', ')})`,
        org
    ),
    answer: z.object({ records: z.array(z.object({ PermissionSet: z.object({ Name: z.string() }) })) }),
    assumed: { records: [] }
});

/**
 * `sf org assign permset` fails on an assignment that exists, so the deploy asks first and assigns only the
 * missing ones (nothing when the user has them all).
 */
export function permissionSetCheck(names: readonly string[], org: string[]): StepCheck {
    return {
        asks: 'which of them you already have',
        decide: async (ask) => {
            const { username } = await ask(whoAmI(org));
            const { records } = await ask(assignedTo(username, names, org));
            const assigned = new Set(records.map((record) => record.PermissionSet.Name));
            const missing = names.filter((name) => !assigned.has(name));
            if (missing.length === 0) return { skip: `${username} already has ${names.join(' and ')}` };
            return {
                args: ['org', 'assign', 'permset', ...missing.flatMap((name) => ['--name', name]), ...org]
            };
        }
    };
}

/** The first installer of the sample data: when it is in the org, the sample data was imported before. */
export type SampleAccount = { Name: string; BillingCity: string };

const planSchema = z.array(z.object({ sobject: z.string(), files: z.array(z.string()).min(1) }));
const accountsSchema = z.object({
    records: z.array(z.object({ Name: z.string().min(1), BillingCity: z.string().min(1) })).min(1)
});

/** The plan's first Account record, or undefined when the plan is not there. */
export function readSampleAccount(planFile: string): SampleAccount | undefined {
    let plan: z.infer<typeof planSchema>;
    try {
        plan = planSchema.parse(JSON.parse(readFileSync(planFile, 'utf8')));
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
    }
    const accounts = plan.find((entry) => entry.sobject === 'Account');
    if (!accounts?.files[0]) throw new Error(`${planFile} imports no Account records`);
    const file = path.join(path.dirname(planFile), accounts.files[0]);
    const [first] = accountsSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).records;
    if (!first) throw new Error(`${file} holds no Account records`);
    return { Name: first.Name, BillingCity: first.BillingCity };
}

/**
 * `sf data import tree` inserts: a second import would create every sample installer twice. The plan imports its
 * accounts first, so the first one is there as soon as any import got under way.
 */
export function sampleDataCheck(account: SampleAccount, importArgs: string[], org: string[]): StepCheck {
    const found: Question<{ totalSize: number }> = {
        args: query(
            `SELECT COUNT() FROM Account WHERE Name = ${soqlString(account.Name)} ` +
                `AND BillingCity = ${soqlString(account.BillingCity)}`,
            org
        ),
        answer: z.object({ totalSize: z.number().int().min(0) }),
        assumed: { totalSize: 0 }
    };
    return {
        asks: 'whether the sample data is there already',
        decide: async (ask) => {
            const { totalSize } = await ask(found);
            if (totalSize === 0) return { args: importArgs };
            return {
                skip:
                    `the sample data is already in this org (its first installer, ${account.Name} in ${account.BillingCity}, exists); ` +
                    'importing it again would create every installer twice, so nothing was imported'
            };
        }
    };
}
