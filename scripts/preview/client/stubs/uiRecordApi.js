import { fixtureAdapter } from '../fixtures.js';

/** lightning/uiRecordApi for the preview: getRecord from fixtures, and the record field helpers. */
export const getRecord = fixtureAdapter('getRecord', ['recordId']);

function fieldPath(field) {
    const name = typeof field === 'string' ? field : `${field.objectApiName}.${field.fieldApiName}`;
    return name.split('.').slice(1);
}

function fieldValueRepresentation(record, field) {
    let current = record;
    let representation;
    for (const name of fieldPath(field)) {
        representation = current?.fields?.[name];
        if (representation === undefined) {
            return undefined;
        }
        current = representation.value;
    }
    return representation;
}

export function getFieldValue(record, field) {
    return fieldValueRepresentation(record, field)?.value;
}

export function getFieldDisplayValue(record, field) {
    return fieldValueRepresentation(record, field)?.displayValue;
}
