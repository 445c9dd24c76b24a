import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { METADATA_DIR } from '../lib/paths.ts';

/**
 * What the UI API answers a user whose language is English, made from the package's own en_US translations:
 * field labels in object info, and picklist labels in a record's displayValue and in the picklist values
 * (the API values stay Dutch). The English preview pages get the Dutch fixtures translated this way, so they
 * show exactly the translations that deploy with the package.
 */

const parser = new XMLParser({
    isArray: (name) => name === 'picklistValues' || name === 'valueTranslation',
    parseTagValue: false
});
const parse = <T>(file: string): T => parser.parse(readFileSync(file, 'utf8')) as T;

type Translation = { masterLabel: string; translation: string };
type FieldTranslation = { label?: string; picklistValues?: Translation[] };

/** object -> field -> {label, values: Dutch label -> English label} */
type Dictionary = Map<string, Map<string, { label?: string; values: Map<string, string> }>>;

const byMasterLabel = (entries: Translation[] = []) =>
    new Map(entries.map((entry) => [String(entry.masterLabel), String(entry.translation)]));

function globalValueSetTranslations(): Map<string, Map<string, string>> {
    const dir = path.join(METADATA_DIR, 'globalValueSetTranslations');
    const suffix = '-en_US.globalValueSetTranslation-meta.xml';
    return new Map(
        readdirSync(dir)
            .filter((name) => name.endsWith(suffix))
            .map((name) => {
                const xml = parse<{ GlobalValueSetTranslation: { valueTranslation?: Translation[] } }>(
                    path.join(dir, name)
                );
                return [
                    name.slice(0, -suffix.length),
                    byMasterLabel(xml.GlobalValueSetTranslation.valueTranslation)
                ];
            })
    );
}

/** The global value set a field takes its values from, if any. */
function valueSetOf(object: string, field: string): string | undefined {
    const file = path.join(METADATA_DIR, 'objects', object, 'fields', `${field}.field-meta.xml`);
    if (!existsSync(file)) {
        return undefined;
    }
    return parse<{ CustomField: { valueSet?: { valueSetName?: string } } }>(file).CustomField.valueSet
        ?.valueSetName;
}

export function englishDictionary(): Dictionary {
    const valueSets = globalValueSetTranslations();
    const dictionary: Dictionary = new Map();
    const root = path.join(METADATA_DIR, 'objectTranslations');
    for (const folder of readdirSync(root).filter((name) => name.endsWith('-en_US'))) {
        const object = folder.slice(0, -'-en_US'.length);
        const fields = new Map<string, { label?: string; values: Map<string, string> }>();
        for (const file of readdirSync(path.join(root, folder))) {
            if (!file.endsWith('.fieldTranslation-meta.xml')) {
                continue;
            }
            const field = file.slice(0, -'.fieldTranslation-meta.xml'.length);
            const xml = parse<{ CustomFieldTranslation: FieldTranslation }>(
                path.join(root, folder, file)
            ).CustomFieldTranslation;
            const valueSet = valueSetOf(object, field);
            fields.set(field, {
                label: xml.label,
                values: valueSet ? (valueSets.get(valueSet) ?? new Map()) : byMasterLabel(xml.picklistValues)
            });
        }
        dictionary.set(object, fields);
    }
    return dictionary;
}

type Json = unknown;
const isObject = (value: Json): value is Record<string, Json> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);

/** The object of a picklist-values response, which names it only in each field's URL. */
function picklistObject(picklists: Record<string, Json>): string | undefined {
    const url = Object.values(picklists).find(isObject)?.url;
    return typeof url === 'string' ? /\/object-info\/(\w+)\//.exec(url)?.[1] : undefined;
}

/** A UI API response (record, related list, object infos, picklist values) as an English user gets it. */
export function translateResponse(response: Json, dictionary: Dictionary): Json {
    const walk = (node: Json, object: string | undefined): Json => {
        if (Array.isArray(node)) {
            return node.map((item) => walk(item, object));
        }
        if (!isObject(node)) {
            return node;
        }
        const own = typeof node.apiName === 'string' && isObject(node.fields) ? node.apiName : object;
        const fields = own ? dictionary.get(own) : undefined;
        const copy: Record<string, Json> = {};
        for (const [key, value] of Object.entries(node)) {
            copy[key] =
                key === 'fields' && fields && isObject(value)
                    ? translateFields(value, fields)
                    : walk(value, own);
        }
        if (isObject(node.picklistFieldValues)) {
            const picklistFields = dictionary.get(picklistObject(node.picklistFieldValues) ?? '');
            if (picklistFields) {
                copy.picklistFieldValues = translatePicklists(node.picklistFieldValues, picklistFields);
            }
        }
        return copy;
    };
    return walk(response, undefined);
}

function translateFields(
    fields: Record<string, Json>,
    dictionary: Map<string, { label?: string; values: Map<string, string> }>
): Record<string, Json> {
    return Object.fromEntries(
        Object.entries(fields).map(([name, field]) => {
            const entry = dictionary.get(name);
            if (!entry || !isObject(field)) {
                return [name, field];
            }
            if ('displayValue' in field) {
                // A record's field: the picklist label in the user's language.
                const shown = typeof field.displayValue === 'string' ? field.displayValue : undefined;
                return [
                    name,
                    {
                        ...field,
                        displayValue: shown ? (entry.values.get(shown) ?? shown) : field.displayValue
                    }
                ];
            }
            // An object info's field: its label.
            return [name, { ...field, label: entry.label ?? field.label }];
        })
    );
}

function translatePicklists(
    picklists: Record<string, Json>,
    dictionary: Map<string, { label?: string; values: Map<string, string> }>
): Record<string, Json> {
    return Object.fromEntries(
        Object.entries(picklists).map(([name, picklist]) => {
            const values = dictionary.get(name)?.values;
            if (!values || !isObject(picklist) || !Array.isArray(picklist.values)) {
                return [name, picklist];
            }
            return [
                name,
                {
                    ...picklist,
                    values: picklist.values.map((value) =>
                        isObject(value) && typeof value.label === 'string'
                            ? { ...value, label: values.get(value.label) ?? value.label }
                            : value
                    )
                }
            ];
        })
    );
}

/**
 * A GraphQL answer as an English user gets it: the displayValue of every picklist field of `object` in the
 * package's en_US translation. GraphQL nodes do not name their object, so the caller says which it queried.
 */
export function translateGraphQLAnswer(response: Json, dictionary: Dictionary, object: string): Json {
    const fields = dictionary.get(object) ?? new Map();
    const walk = (node: Json, key?: string): Json => {
        if (Array.isArray(node)) {
            return node.map((item) => walk(item));
        }
        if (!isObject(node)) {
            return node;
        }
        const values = key === undefined ? undefined : fields.get(key)?.values;
        if (values && typeof node.displayValue === 'string') {
            return { ...node, displayValue: values.get(node.displayValue) ?? node.displayValue };
        }
        return Object.fromEntries(Object.entries(node).map(([name, value]) => [name, walk(value, name)]));
    };
    return walk(response);
}
