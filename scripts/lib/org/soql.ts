/**
 * SOQL text. Field and object names come from our own schemas, never from input; values are always literals
 * built here.
 */

export function selectSoql(object: string, fields: readonly string[]): string {
    return `SELECT ${fields.join(', ')} FROM ${object}`;
}

/** A SOQL string literal with backslashes and quotes escaped: no value ever reaches SOQL unescaped. */
export function soqlString(value: string): string {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A SOQL dateTime literal in UTC, whole seconds (the form the SOQL reference documents). */
export function soqlDateTime(iso: string): string {
    return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
