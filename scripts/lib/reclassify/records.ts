import { z } from 'zod';
import type { SegmentationConfig } from '../../../force-app/main/default/lwc/segmentRules/segmentRules.js';
import type { Picklists } from '../picklists.ts';
import { normalizeId } from '../salesforceId.ts';

/**
 * zod schemas for the records the command reads. One schema per object serves both sources: Bulk API / Data
 * Loader CSV (every value a string, empty = null) and REST JSON (typed values, null).
 */

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A number as Excel writes it in a Dutch locale: decimal comma, dots between thousands ("1.234,56", "9999,99"). */
const DECIMAL_COMMA = /^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$/;

const blankToNull = (value: unknown) => (value === '' || value === undefined ? null : value);

/** A 15- or 18-character Id, kept in its 18-character form: the two forms of one record are one record. */
const id = z.string().transform((value, payload) => {
    const normalized = normalizeId(value);
    if (normalized !== undefined) return normalized;
    payload.issues.push({ code: 'custom', message: 'is not a Salesforce Id', input: value });
    return z.NEVER;
});
const text = z.preprocess(blankToNull, z.string().nullable());
const date = z.preprocess(blankToNull, z.string().regex(DATE, 'is not a date (YYYY-MM-DD)').nullable());
const checkbox = z.preprocess((value) => {
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0' || value === '' || value === null || value === undefined)
        return false;
    return value;
}, z.boolean());

/**
 * Text to a number as the file writes numbers: Data Loader and the API with a decimal point, a `;`-separated
 * export (Excel in a Dutch locale) with a decimal comma. Anything else stays text, for the schema to refuse.
 */
function numberReader(decimalComma: boolean): (value: unknown) => unknown {
    return (value) => {
        const blank = blankToNull(value);
        if (typeof blank !== 'string' || blank.trim() === '') return blank;
        const cell = blank.trim();
        if (!decimalComma) return Number(cell);
        return DECIMAL_COMMA.test(cell) ? Number(cell.replace(/\./g, '').replace(',', '.')) : cell;
    };
}
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

/**
 * Builds the three record schemas from the config (brands, product groups) and the metadata picklists, for
 * numbers with a decimal point (Data Loader, the API) or a decimal comma (a `;`-separated Excel export). With
 * `owners` an account also carries its OwnerId, whom its follow-up tasks go to (--create-tasks).
 */
export function recordSchemas(
    config: SegmentationConfig,
    picklists: Picklists,
    { decimalComma = false, owners = false }: { decimalComma?: boolean; owners?: boolean } = {}
) {
    const numberFrom = numberReader(decimalComma);
    const notANumber = decimalComma ? 'is not a number (1.234,56 in a ;-separated file)' : 'is not a number';
    const amount = z.preprocess(numberFrom, z.number({ error: notANumber }).finite().nullable());
    const wholeUnits = z.preprocess(
        numberFrom,
        z.number({ error: notANumber }).int('is not a whole number').nonnegative('is negative')
    );
    const accountFields = z.object({
        Id: id,
        Name: text,
        Company_Size__c: oneOf(picklists.companySizes),
        Market_Type__c: oneOf(picklists.marketTypes),
        Product_Focus__c: multiSelect(picklists.productFocus),
        Services__c: multiSelect(picklists.services),
        Revenue_12M__c: amount,
        VG_Units_12M__c: z.preprocess(
            numberFrom,
            z.number({ error: notANumber }).nonnegative('is negative').nullable()
        )
    });
    const account = owners ? accountFields.extend({ OwnerId: id }) : accountFields;
    const potential = z.object({
        Id: id,
        Account__c: id,
        Product_Group__c: required(oneOf(config.productGroups)),
        Brand__c: required(oneOf([...config.vgBrands, ...config.competitorBrands])),
        Units__c: wholeUnits,
        Source__c: oneOf(picklists.potentialSources),
        Key__c: text
    });
    // Stored owned values are only compared (and overwritten when they differ), so any value is acceptable;
    // the numbers are read as the file writes them, so that a stored 80,00 is the 80 the rules compute.
    const stored = z.unknown();
    const storedNumber = z.preprocess(numberFrom, z.unknown());
    const brandDetail = z.object({
        Id: id,
        Account__c: id,
        Brand__c: required(oneOf(config.vgBrands)),
        Last_Visit_Date__c: date,
        Classification_Locked__c: checkbox,
        Customer_Type__c: stored,
        Potential_Segment__c: stored,
        VG_Potential_Share__c: storedNumber,
        Boiler_Potential__c: storedNumber,
        Potential_Source__c: stored,
        Value_Type__c: stored,
        Classification_Reason__c: stored,
        Next_Visit_Due__c: stored,
        VG_Units_To_Next_Type__c: storedNumber,
        VG_Ever_Had_Share__c: checkbox
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

/** What is wrong with one field of an input record: enough for errors.csv. */
export type FieldProblem = { field: string; value: string; reason: string };

/** The cell as the admin sees it in the file, for errors.csv. */
export function cellText(value: unknown): string {
    if (value === null || value === undefined) return '';
    return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Validates one record; returns the parsed record or the problems, one per faulty field, with its value. */
export function check<T extends z.ZodType>(
    schema: T,
    raw: Record<string, unknown>
): { ok: true; record: z.infer<T> } | { ok: false; problems: FieldProblem[] } {
    const result = schema.safeParse(raw);
    if (result.success) {
        return { ok: true, record: result.data };
    }
    return {
        ok: false,
        problems: result.error.issues.map((issue) => ({
            field: issue.path.join('.') || '(record)',
            value: cellText(raw[String(issue.path[0] ?? '')]),
            reason: issue.message
        }))
    };
}
