import { normalizeId } from './ids.ts';
import type { FieldDef, FieldType, ObjectSchema } from './schema.ts';

/**
 * Field values in three forms: as the client sends them (JSON or CSV text), as the store keeps them, and as
 * the API returns them. The store keeps strings for text, picklists, Ids, dates ("2026-11-25") and datetimes
 * in UTC ("2026-11-25T01:00:00.000Z"), numbers, booleans, and null for an empty field.
 */
export type StoredValue = string | number | boolean | null;

/** A record-level error as the API reports it (REST `statusCode`/`errorCode`, Bulk `sf__Error`). */
export type SaveError = { statusCode: string; message: string; fields: string[] };

/** A value that can't even be read as the field's type: the request (REST) or the row (Bulk) is refused. */
export type TypeMismatch = { mismatch: string };

const XSD_TYPE: Record<FieldType, string> = {
    Id: 'id',
    Text: 'string',
    AutoNumber: 'string',
    Picklist: 'string',
    MultiselectPicklist: 'string',
    MasterDetail: 'id',
    Lookup: 'id',
    Number: 'double',
    Percent: 'double',
    Currency: 'double',
    Checkbox: 'boolean',
    Date: 'date',
    DateTime: 'dateTime'
};

export function xsdType(field: FieldDef): string {
    return XSD_TYPE[field.type];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})$/;

function parseDate(text: string): string | undefined {
    const match = DATE.exec(text);
    if (!match) return undefined;
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    // Day 0 of the next month is the last day of this one.
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth ? text : undefined;
}

function parseDateTime(text: string): string | undefined {
    const match = DATETIME.exec(text);
    if (!match || parseDate(match[1]!) === undefined) return undefined;
    const zone = match[6] === 'Z' ? 'Z' : `${match[6]!.slice(0, 3)}:${match[6]!.slice(-2)}`;
    const date = new Date(`${match[1]}T${match[2]}:${match[3]}:${match[4]}${match[5] ?? ''}${zone}`);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function parseNumber(raw: unknown): number | undefined {
    if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
    if (typeof raw !== 'string' || raw.trim() === '') return undefined;
    const value = Number(raw);
    return Number.isFinite(value) ? value : undefined;
}

function parseBoolean(raw: unknown): boolean | undefined {
    if (typeof raw === 'boolean') return raw;
    if (typeof raw !== 'string') return undefined;
    const text = raw.toLowerCase();
    if (text === 'true' || text === '1') return true;
    if (text === 'false' || text === '0') return false;
    return undefined;
}

/**
 * Reads a value sent by a client (a JSON value, or a CSV cell other than empty) as the field's type. The
 * API coerces what it can ("12" into a number field); what it can't read is a mismatch.
 */
export function parseValue(field: FieldDef, raw: unknown): StoredValue | TypeMismatch {
    if (raw === null) return field.type === 'Checkbox' ? false : null;
    let value: StoredValue | undefined;
    switch (field.type) {
        case 'Number':
        case 'Percent':
        case 'Currency': {
            const number = parseNumber(raw);
            value = number === undefined ? undefined : roundHalfUp(number, field.scale ?? 0);
            break;
        }
        case 'Checkbox':
            value = parseBoolean(raw);
            break;
        case 'Date':
            value = typeof raw === 'string' ? parseDate(raw) : undefined;
            break;
        case 'DateTime':
            value = typeof raw === 'string' ? parseDateTime(raw) : undefined;
            break;
        case 'Lookup':
            value = typeof raw === 'string' ? normalizeId(raw) : undefined;
            break;
        default:
            value =
                typeof raw === 'string'
                    ? raw
                    : typeof raw === 'number' || typeof raw === 'boolean'
                      ? String(raw)
                      : undefined;
    }
    return value === undefined ? { mismatch: xsdType(field) } : value;
}

export function isMismatch(value: StoredValue | TypeMismatch): value is TypeMismatch {
    return typeof value === 'object' && value !== null;
}

/** Salesforce rounds extra decimals half up to the field's scale (on the decimal digits, not the binary float). */
export function roundHalfUp(value: number, scale: number): number {
    if (Number.isInteger(value)) return value;
    const text = String(Math.abs(value));
    const point = text.indexOf('.');
    if (text.includes('e') || point < 0 || text.length - point - 1 <= scale) {
        return text.includes('e') ? Number(value.toFixed(scale)) : value;
    }
    const truncated = Number(text.slice(0, point + 1 + scale));
    const roundsUp = text.charCodeAt(point + 1 + scale) >= 53; // '5'
    const magnitude = roundsUp ? Number((truncated + 10 ** -scale).toFixed(scale)) : truncated;
    return value < 0 ? -magnitude : magnitude;
}

/** Field-level checks the API makes on a value it could read: length, range, restricted picklist values. */
export function checkValue(field: FieldDef, value: StoredValue): SaveError | undefined {
    if (value === null) return undefined;
    const fields = [field.name];
    if (typeof value === 'string' && field.length !== undefined && value.length > field.length) {
        return {
            statusCode: 'STRING_TOO_LONG',
            message: `${field.label}: data value too large: ${value} (max length=${field.length})`,
            fields
        };
    }
    if (typeof value === 'number' && field.precision !== undefined) {
        const integerDigits = field.precision - (field.scale ?? 0);
        if (Math.abs(value) >= 10 ** integerDigits) {
            return {
                statusCode: 'NUMBER_OUTSIDE_VALID_RANGE',
                message: `${field.label}: value outside of valid range on numeric field: ${value}`,
                fields
            };
        }
    }
    if (typeof value === 'string' && field.picklist?.restricted) {
        const chosen = field.type === 'MultiselectPicklist' ? value.split(';') : [value];
        const bad = chosen.find((choice) => !field.picklist!.values.has(choice));
        if (bad !== undefined) {
            return {
                statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                message: `bad value for restricted picklist field: ${bad}`,
                fields
            };
        }
    }
    return undefined;
}

const DAY_MS = 86_400_000;

/** Reads one field of a stored record as the API shows it, computing formula fields the stand-in knows. */
export function fieldReader(
    field: FieldDef,
    today: string
): (record: Readonly<Record<string, StoredValue>>) => StoredValue {
    const formula = field.formula;
    if (!formula) return (record) => record[field.name] ?? null;
    if (formula.kind === 'notComputed') return () => null;
    if (formula.kind === 'closedStatus') {
        return (record) => formula.closedValues.has(String(record[formula.statusField]));
    }
    const todayMs = Date.parse(`${today}T00:00:00.000Z`);
    return (record) => {
        const date = record[formula.dateField];
        return typeof date === 'string'
            ? Math.round((todayMs - Date.parse(`${date}T00:00:00.000Z`)) / DAY_MS)
            : null;
    };
}

/** REST JSON form: datetimes as "2026-11-25T01:00:00.000+0000", everything else as stored. */
export function jsonValue(field: FieldDef, value: StoredValue): StoredValue {
    return field.type === 'DateTime' && typeof value === 'string' ? `${value.slice(0, 23)}+0000` : value;
}

/** Bulk CSV form: empty for null, true/false, datetimes in UTC with Z, numbers without exponent. */
export function csvValue(value: StoredValue): string {
    if (value === null) return '';
    return typeof value === 'string' ? value : String(value);
}

/** The record URL in query results and save results' attributes. */
export function recordUrl(apiPath: string, object: ObjectSchema, id: string): string {
    return `${apiPath}/sobjects/${object.name}/${id}`;
}
