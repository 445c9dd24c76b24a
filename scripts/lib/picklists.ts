import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { METADATA_DIR } from './paths.ts';

/** Picklist values as deployed: the metadata is what the org will accept, so the config is checked against it. */
export type Picklists = {
    brands: string[];
    productGroups: string[];
    customerTypes: string[];
    segments: string[];
    potentialSources: string[];
    potentialSourceLabels: string[];
    valueTypes: string[];
    brandDetailBrands: string[];
    companySizes: string[];
    marketTypes: string[];
    productFocus: string[];
    services: string[];
    followUpReasons: string[];
};

const parser = new XMLParser({ isArray: (name) => ['customValue', 'value'].includes(name) });

function parse(file: string): Record<string, unknown> {
    return parser.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

function globalValueSet(name: string, root: string): string[] {
    const doc = parse(path.join(root, 'globalValueSets', `${name}.globalValueSet-meta.xml`)) as {
        GlobalValueSet: { customValue: { fullName: unknown }[] };
    };
    return doc.GlobalValueSet.customValue.map((value) => String(value.fullName));
}

function localValues(object: string, field: string, root: string): string[] {
    const doc = parse(path.join(root, 'objects', object, 'fields', `${field}.field-meta.xml`)) as {
        CustomField: { valueSet?: { valueSetDefinition?: { value: { fullName: unknown }[] } } };
    };
    return (doc.CustomField.valueSet?.valueSetDefinition?.value ?? []).map((value) => String(value.fullName));
}

/** Reads the picklist values the config must agree with from force-app (or another metadata root). */
export function readPicklists(root: string = METADATA_DIR): Picklists {
    if (!existsSync(path.join(root, 'globalValueSets'))) {
        throw new Error(`no metadata at ${root}`);
    }
    return {
        brands: globalValueSet('Brands', root),
        productGroups: globalValueSet('Product_Groups', root),
        customerTypes: globalValueSet('Customer_Types', root),
        segments: globalValueSet('Potential_Segments', root),
        potentialSources: localValues('Potential__c', 'Source__c', root),
        potentialSourceLabels: localValues('Brand_Detail__c', 'Potential_Source__c', root),
        valueTypes: localValues('Brand_Detail__c', 'Value_Type__c', root),
        brandDetailBrands: localValues('Brand_Detail__c', 'Brand__c', root),
        companySizes: localValues('Account', 'Company_Size__c', root),
        marketTypes: localValues('Account', 'Market_Type__c', root),
        productFocus: localValues('Account', 'Product_Focus__c', root),
        services: localValues('Account', 'Services__c', root),
        followUpReasons: localValues('Activity', 'Follow_Up_Reason__c', root)
    };
}

/** How a cell of a prepared file is sent as JSON (sObject Collections): the field's type decides. */
export type CellType = 'number' | 'boolean' | 'text';

const NUMERIC_FIELD_TYPES = new Set(['Number', 'Percent', 'Currency']);

/**
 * The JSON type of each column of a file the run writes, from the object's field metadata: numbers for Number,
 * Percent and Currency fields, booleans for checkboxes, text for the rest (Id, picklists, dates, references).
 */
export function cellTypes(
    object: string,
    columns: readonly string[],
    root: string = METADATA_DIR
): Readonly<Record<string, CellType>> {
    const types: Record<string, CellType> = {};
    for (const column of columns) {
        const file = path.join(root, 'objects', object, 'fields', `${column}.field-meta.xml`);
        const type = existsSync(file)
            ? String((parse(file) as { CustomField: { type?: unknown } }).CustomField.type ?? '')
            : '';
        types[column] = NUMERIC_FIELD_TYPES.has(type) ? 'number' : type === 'Checkbox' ? 'boolean' : 'text';
    }
    return types;
}
