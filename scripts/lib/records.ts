import { z } from 'zod';
import type { SegmentationConfig } from '../../force-app/main/default/lwc/segmentRules/segmentRules.js';
import type { Picklists } from './picklists.ts';

/**
 * zod schemas for the records the command reads. One schema per object serves both sources: Bulk API / Data
 * Loader CSV (every value a string, empty = null) and REST JSON (typed values, null).
 */

const SALESFORCE_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const blankToNull = (value: unknown) => (value === '' || value === undefined ? null : value);

const id = z.string().regex(SALESFORCE_ID, 'is not a Salesforce Id');
const text = z.preprocess(blankToNull, z.string().nullable());
const date = z.preprocess(blankToNull, z.string().regex(DATE, 'is not a date (YYYY-MM-DD)').nullable());
const checkbox = z.preprocess((value) => {
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0' || value === '' || value === null || value === undefined)
        return false;
    return value;
}, z.boolean());
const numberFrom = (value: unknown) => {
    const blank = blankToNull(value);
    return typeof blank === 'string' && blank.trim() !== '' ? Number(blank) : blank;
};
const amount = z.preprocess(numberFrom, z.number({ error: 'is not a number' }).finite().nullable());
const wholeUnits = z.preprocess(
    numberFrom,
    z.number({ error: 'is not a number' }).int('is not a whole number').nonnegative('is negative')
);
const oneOf = (values: readonly string[]) =>
    z.preprocess(
        blankToNull,
        z
            .enum(values as [string, ...string[]], {
                error: (issue) => `${String(issue.input)} is not one of ${values.join(', ')}`
            })
            .nullable()
    );
const required = <T extends z.ZodType>(schema: T) => schema.refine((value) => value !== null, 'is required');
const multiSelect = (values: readonly string[]) =>
    z.preprocess(
        (value) => (typeof value === 'string' && value !== '' ? value.split(';') : []),
        z.array(
            z.enum(values as [string, ...string[]], {
                error: (issue) => `${String(issue.input)} is not one of ${values.join(', ')}`
            })
        )
    );

/** Distinct values remembered per field; past this the field starts afresh, so odd input cannot grow it. */
const MAX_REMEMBERED = 10_000;

/** A copy that shares nothing with a Bulk result page: a cell sliced from it would keep the whole page alive. */
function ownCopy(value: string): string {
    return Buffer.from(value, 'utf8').toString('utf8');
}

/**
 * A field whose values repeat from record to record (picklists, dates, checkboxes, unit counts): zod's verdict on
 * each distinct value is kept, so that millions of records cost a lookup per such field instead of a parse. The
 * verdict is the schema's own (same value, same result), its issues passed on with their messages and paths.
 */
function remembered<T extends z.ZodType>(schema: T) {
    const verdicts = new Map<string | null, z.ZodSafeParseResult<z.output<T>>>();
    return z.transform((value: unknown, payload): z.output<T> => {
        let verdict = typeof value === 'string' || value === null ? verdicts.get(value) : undefined;
        if (verdict === undefined) {
            if (typeof value === 'string' || value === null) {
                if (verdicts.size >= MAX_REMEMBERED) verdicts.clear();
                const own = typeof value === 'string' ? ownCopy(value) : value;
                verdict = schema.safeParse(own);
                verdicts.set(own, verdict);
            } else {
                verdict = schema.safeParse(value);
            }
        }
        if (verdict.success) {
            const data: unknown = verdict.data;
            // A list (multi-select) is each record's own: one record's list must not be another's.
            return (Array.isArray(data) ? [...(data as unknown[])] : data) as z.output<T>;
        }
        for (const { message, path } of verdict.error.issues)
            payload.issues.push({ code: 'custom', message, path: [...path], input: value });
        return z.NEVER;
    });
}

/** Builds the three record schemas from the config (brands, product groups) and the metadata picklists. */
export function recordSchemas(config: SegmentationConfig, picklists: Picklists) {
    const account = z.object({
        Id: id,
        Name: text,
        Company_Size__c: remembered(oneOf(picklists.companySizes)),
        Market_Type__c: remembered(oneOf(picklists.marketTypes)),
        Product_Focus__c: remembered(multiSelect(picklists.productFocus)),
        Services__c: remembered(multiSelect(picklists.services)),
        Revenue_12M__c: amount,
        VG_Units_12M__c: remembered(
            z.preprocess(numberFrom, z.number().nonnegative('is negative').nullable())
        )
    });
    const potential = z.object({
        Id: id,
        Account__c: id,
        Product_Group__c: remembered(required(oneOf(config.productGroups))),
        Brand__c: remembered(required(oneOf([...config.vgBrands, ...config.competitorBrands]))),
        Units__c: remembered(wholeUnits),
        Source__c: remembered(oneOf(picklists.potentialSources)),
        Key__c: text
    });
    // Stored owned values are only compared (and overwritten when they differ), so any value is acceptable.
    const stored = z.unknown();
    const brandDetail = z.object({
        Id: id,
        Account__c: id,
        Brand__c: remembered(required(oneOf(config.vgBrands))),
        Last_Visit_Date__c: remembered(date),
        Classification_Locked__c: remembered(checkbox),
        Customer_Type__c: stored,
        Potential_Segment__c: stored,
        VG_Potential_Share__c: stored,
        Boiler_Potential__c: stored,
        Potential_Source__c: stored,
        Value_Type__c: stored,
        Classification_Reason__c: stored,
        Next_Visit_Due__c: stored,
        VG_Ever_Had_Share__c: remembered(checkbox)
    });
    return { account, potential, brandDetail };
}

export type RecordSchemas = ReturnType<typeof recordSchemas>;
export type AccountRecord = z.infer<RecordSchemas['account']>;
export type PotentialRecord = z.infer<RecordSchemas['potential']>;
export type BrandDetailRecord = z.infer<RecordSchemas['brandDetail']>;

/** Fields read per object: exactly what the schemas know, so the SOQL and the validation cannot drift. */
export function fieldsOf(schema: z.ZodObject): string[] {
    return Object.keys(schema.shape);
}

/** A rejected input record: enough for errors.csv (Id, object, field, reason). */
export type RecordProblem = { id: string; object: string; field: string; reason: string };

/** Validates one record; returns the parsed record or the problems, one per faulty field. */
export function check<T extends z.ZodType>(
    schema: T,
    object: string,
    raw: Record<string, unknown>
): { ok: true; record: z.infer<T> } | { ok: false; problems: RecordProblem[] } {
    const result = schema.safeParse(raw);
    if (result.success) {
        return { ok: true, record: result.data };
    }
    const recordId = typeof raw.Id === 'string' && raw.Id !== '' ? raw.Id : '(no Id)';
    return {
        ok: false,
        problems: result.error.issues.map((issue) => ({
            id: recordId,
            object,
            field: issue.path.join('.') || '(record)',
            reason: issue.message
        }))
    };
}
