import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import { XMLParser } from 'fast-xml-parser';
import { API_VERSION, METADATA_DIR, REPO_ROOT } from '../../scripts/lib/paths.ts';

/**
 * English translations of the Dutch data model: every custom object, every custom field the package owns
 * (also on Account, and on Activity for the follow-up tasks), the layouts' section headings, the validation
 * messages and the global value sets.
 */
const LANGUAGE = 'en_US';

const ARRAYS = new Set([
    'caseValues',
    'fields',
    'layouts',
    'sections',
    'validationRules',
    'picklistValues',
    'valueTranslation',
    'customValue',
    'layoutSections'
]);
const parser = new XMLParser({ isArray: (name) => ARRAYS.has(name), parseTagValue: false });
const parse = <T>(file: string): T => parser.parse(readFileSync(file, 'utf8')) as T;
/** `<value>` is a list in a field's value set and a single text in a caseValues entry. */
const many = <T>(value: T | T[] | undefined): T[] =>
    value === undefined ? [] : Array.isArray(value) ? value : [value];
const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const list = (dir: string, suffix: string): string[] =>
    existsSync(dir)
        ? readdirSync(dir)
              .filter((name) => name.endsWith(suffix))
              .map((name) => name.slice(0, -suffix.length))
              .sort()
        : [];

type FieldXml = {
    label?: string;
    inlineHelpText?: string;
    relationshipLabel?: string;
    valueSet?: {
        valueSetName?: string;
        valueSetDefinition?: { value?: { fullName: string } | { fullName: string }[] };
    };
};
type ObjectXml = { label?: string; pluralLabel?: string; nameField?: { label?: string } };
type CaseValue = { plural?: string; value?: string };
type ObjectTranslationXml = {
    caseValues?: CaseValue[];
    nameFieldLabel?: string;
    layouts?: { layout: string; sections?: { label?: string; section: string }[] }[];
    validationRules?: { errorMessage?: string; name: string }[];
};
type FieldTranslationXml = {
    name?: string;
    label?: string;
    help?: string;
    relationshipLabel?: string;
    picklistValues?: { masterLabel: string; translation?: string }[];
};

/** The package's data model as force-app declares it. */
function dataModel(metadataDir: string) {
    const objectsDir = path.join(metadataDir, 'objects');
    return readdirSync(objectsDir)
        .sort()
        .map((object) => {
            const objectFile = path.join(objectsDir, object, `${object}.object-meta.xml`);
            const fieldsDir = path.join(objectsDir, object, 'fields');
            const rulesDir = path.join(objectsDir, object, 'validationRules');
            return {
                object,
                /** Account only carries custom fields; the objects with an object file are the package's own. */
                custom: existsSync(objectFile)
                    ? parse<{ CustomObject: ObjectXml }>(objectFile).CustomObject
                    : undefined,
                fields: new Map(
                    list(fieldsDir, '.field-meta.xml').map((field) => [
                        field,
                        parse<{ CustomField: FieldXml }>(path.join(fieldsDir, `${field}.field-meta.xml`))
                            .CustomField
                    ])
                ),
                validationRules: list(rulesDir, '.validationRule-meta.xml')
            };
        });
}

/** Layout name (without the object prefix) → the labels of its sections with a custom heading. */
function layoutsOf(metadataDir: string, object: string): Map<string, string[]> {
    const dir = path.join(metadataDir, 'layouts');
    const layouts = new Map<string, string[]>();
    for (const name of list(dir, '.layout-meta.xml')) {
        if (!name.startsWith(`${object}-`)) continue;
        const layout = parse<{ Layout: { layoutSections?: { customLabel?: string; label?: string }[] } }>(
            path.join(dir, `${name}.layout-meta.xml`)
        ).Layout;
        layouts.set(
            name.slice(object.length + 1),
            (layout.layoutSections ?? [])
                .filter((section) => section.customLabel === 'true')
                .map((section) => text(section.label))
        );
    }
    return layouts;
}

/** Everything wrong with the translations under metadataDir, one line each; empty when they are complete. */
function translationProblems(metadataDir: string): string[] {
    const problems: string[] = [];
    const translationsDir = path.join(metadataDir, 'objectTranslations');
    const model = dataModel(metadataDir);
    const known = new Map(model.map((entry) => [entry.object, entry]));

    // Nothing translated that does not exist.
    for (const dir of existsSync(translationsDir) ? readdirSync(translationsDir).sort() : []) {
        const match = /^(.+)-([a-z]{2}(?:_[A-Z]{2})?)$/.exec(dir);
        const entry = match ? known.get(match[1]!) : undefined;
        if (!match || !entry) {
            problems.push(`objectTranslations/${dir}: no object ${match?.[1] ?? dir} in force-app`);
            continue;
        }
        const files = readdirSync(path.join(translationsDir, dir)).sort();
        for (const file of files) {
            if (file === `${dir}.objectTranslation-meta.xml`) continue;
            const field = /^(.+)\.fieldTranslation-meta\.xml$/.exec(file)?.[1];
            if (!field) {
                problems.push(
                    `objectTranslations/${dir}/${file}: not an object or field translation of ${dir}`
                );
            } else if (!entry.fields.has(field)) {
                problems.push(
                    `objectTranslations/${dir}/${file}: no field ${entry.object}.${field} in force-app`
                );
            }
        }
        if (!files.includes(`${dir}.objectTranslation-meta.xml`)) {
            problems.push(`objectTranslations/${dir}: ${dir}.objectTranslation-meta.xml is missing`);
        }
    }

    // Every object and custom field translated.
    for (const { object, custom, fields, validationRules } of model) {
        const dir = path.join(translationsDir, `${object}-${LANGUAGE}`);
        const where = `${object}-${LANGUAGE}`;
        const objectFile = path.join(dir, `${where}.objectTranslation-meta.xml`);
        if (!existsSync(objectFile)) {
            problems.push(`${where}: no object translation (objectTranslations/${where}/)`);
            continue;
        }
        const translation =
            parse<{ CustomObjectTranslation?: ObjectTranslationXml | '' }>(objectFile)
                .CustomObjectTranslation || {};
        if (custom) {
            for (const plural of ['false', 'true']) {
                const value = translation.caseValues?.find((caseValue) => text(caseValue.plural) === plural);
                if (!text(value?.value)) {
                    problems.push(
                        `${where}: no ${plural === 'true' ? 'plural' : 'singular'} label (caseValues)`
                    );
                }
            }
            if (custom.nameField && !text(translation.nameFieldLabel)) {
                problems.push(`${where}: no nameFieldLabel for "${text(custom.nameField.label)}"`);
            }
        }
        const rulesTranslated = new Map(
            (translation.validationRules ?? []).map((rule) => [text(rule.name), text(rule.errorMessage)])
        );
        for (const rule of validationRules) {
            if (!rulesTranslated.get(rule))
                problems.push(`${where}: no error message for validation rule ${rule}`);
        }
        for (const rule of rulesTranslated.keys()) {
            if (!validationRules.includes(rule))
                problems.push(`${where}: no validation rule ${rule} in force-app`);
        }
        const layouts = layoutsOf(metadataDir, object);
        for (const layout of translation.layouts ?? []) {
            const sections = layouts.get(text(layout.layout));
            if (!sections) {
                problems.push(`${where}: no layout "${object}-${text(layout.layout)}" in force-app`);
                continue;
            }
            for (const section of layout.sections ?? []) {
                if (!sections.includes(text(section.section))) {
                    problems.push(
                        `${where}: layout "${text(layout.layout)}" has no section "${section.section}"`
                    );
                } else if (!text(section.label)) {
                    problems.push(
                        `${where}: layout "${text(layout.layout)}" section "${section.section}" is empty`
                    );
                }
            }
        }
        for (const [layout, sections] of layouts) {
            const translated = translation.layouts?.find((entry) => text(entry.layout) === layout);
            for (const section of sections) {
                if (!translated?.sections?.some((entry) => text(entry.section) === section)) {
                    problems.push(`${where}: layout "${layout}" section "${section}" is not translated`);
                }
            }
        }

        for (const [field, meta] of fields) {
            const file = path.join(dir, `${field}.fieldTranslation-meta.xml`);
            const at = `${where}/${field}`;
            if (!existsSync(file)) {
                problems.push(`${at}: no field translation (${field}.fieldTranslation-meta.xml)`);
                continue;
            }
            const fieldTranslation =
                parse<{ CustomFieldTranslation?: FieldTranslationXml | '' }>(file).CustomFieldTranslation ||
                {};
            if (text(fieldTranslation.name) !== field) {
                problems.push(`${at}: <name> is "${text(fieldTranslation.name)}", not ${field}`);
            }
            if (!text(fieldTranslation.label)) problems.push(`${at}: empty label`);
            if (text(meta.inlineHelpText) && !text(fieldTranslation.help)) {
                problems.push(`${at}: the field has help text, the translation has none`);
            }
            if (!text(meta.inlineHelpText) && fieldTranslation.help !== undefined) {
                problems.push(`${at}: help translated, but the field has no help text`);
            }
            if (text(meta.relationshipLabel) && !text(fieldTranslation.relationshipLabel)) {
                problems.push(`${at}: the field has a relationship label, the translation has none`);
            }
            if (!text(meta.relationshipLabel) && fieldTranslation.relationshipLabel !== undefined) {
                problems.push(`${at}: relationship label translated, but the field has none`);
            }
            // Local picklist values are translated here; global value sets in globalValueSetTranslations.
            const values = many(meta.valueSet?.valueSetDefinition?.value).map((value) =>
                text(value.fullName)
            );
            const translated = fieldTranslation.picklistValues ?? [];
            for (const value of values) {
                const entry = translated.find((candidate) => text(candidate.masterLabel) === value);
                if (!text(entry?.translation))
                    problems.push(`${at}: picklist value "${value}" is not translated`);
            }
            for (const entry of translated) {
                if (!values.includes(text(entry.masterLabel))) {
                    problems.push(`${at}: no picklist value "${entry.masterLabel}" in the field`);
                }
            }
        }
    }

    // Global value sets: every value translated, no value that does not exist.
    const setsDir = path.join(metadataDir, 'globalValueSets');
    const setTranslationsDir = path.join(metadataDir, 'globalValueSetTranslations');
    const sets = list(setsDir, '.globalValueSet-meta.xml');
    for (const name of list(setTranslationsDir, '.globalValueSetTranslation-meta.xml')) {
        const set = name.replace(/-[a-z]{2}(?:_[A-Z]{2})?$/, '');
        if (!sets.includes(set))
            problems.push(`globalValueSetTranslations/${name}: no global value set ${set}`);
    }
    for (const set of sets) {
        const where = `${set}-${LANGUAGE}`;
        const file = path.join(setTranslationsDir, `${where}.globalValueSetTranslation-meta.xml`);
        if (!existsSync(file)) {
            problems.push(`${where}: no global value set translation`);
            continue;
        }
        const values = (
            parse<{ GlobalValueSet: { customValue?: { fullName: string }[] } }>(
                path.join(setsDir, `${set}.globalValueSet-meta.xml`)
            ).GlobalValueSet.customValue ?? []
        ).map((value) => text(value.fullName));
        const translated =
            (
                parse<{
                    GlobalValueSetTranslation?:
                        { valueTranslation?: { masterLabel: string; translation?: string }[] } | '';
                }>(file).GlobalValueSetTranslation || {}
            ).valueTranslation ?? [];
        for (const value of values) {
            const entry = translated.find((candidate) => text(candidate.masterLabel) === value);
            if (!text(entry?.translation)) problems.push(`${where}: value "${value}" is not translated`);
        }
        for (const entry of translated) {
            if (!values.includes(text(entry.masterLabel))) {
                problems.push(`${where}: no value "${entry.masterLabel}" in ${set}`);
            }
        }
    }
    return problems;
}

test(`every object, custom field, layout section, validation message and value set has an ${LANGUAGE} translation, and nothing else is translated`, () => {
    assert.deepEqual(translationProblems(METADATA_DIR), []);
});

test('the check finds a missing field translation, a translated field that does not exist and an empty label', async () => {
    const copy = await mkdtemp(path.join(os.tmpdir(), 'translations-'));
    try {
        for (const dir of [
            'objects',
            'objectTranslations',
            'layouts',
            'globalValueSets',
            'globalValueSetTranslations'
        ]) {
            await cp(path.join(METADATA_DIR, dir), path.join(copy, dir), { recursive: true });
        }
        const brandDetail = path.join(copy, 'objectTranslations', `Brand_Detail__c-${LANGUAGE}`);
        await unlink(path.join(brandDetail, 'Customer_Type__c.fieldTranslation-meta.xml'));
        await writeFile(
            path.join(brandDetail, 'Gone__c.fieldTranslation-meta.xml'),
            '<CustomFieldTranslation xmlns="http://soap.sforce.com/2006/04/metadata"><label>Gone</label><name>Gone__c</name></CustomFieldTranslation>'
        );
        const units = path.join(
            copy,
            'objectTranslations',
            `Potential__c-${LANGUAGE}`,
            'Units__c.fieldTranslation-meta.xml'
        );
        await writeFile(
            units,
            (await readFile(units, 'utf8')).replace(/<label>[^<]*<\/label>/, '<label></label>')
        );
        assert.deepEqual(translationProblems(copy), [
            `objectTranslations/Brand_Detail__c-${LANGUAGE}/Gone__c.fieldTranslation-meta.xml: no field Brand_Detail__c.Gone__c in force-app`,
            `Brand_Detail__c-${LANGUAGE}/Customer_Type__c: no field translation (Customer_Type__c.fieldTranslation-meta.xml)`,
            `Potential__c-${LANGUAGE}/Units__c: empty label`
        ]);
    } finally {
        await rm(copy, { recursive: true, force: true });
    }
});

test('Salesforce source-deploy-retrieve resolves the translations and converts them to Metadata API format', async () => {
    const model = dataModel(METADATA_DIR);
    const components = ComponentSet.fromSource(path.join(REPO_ROOT, 'force-app'))
        .getSourceComponents()
        .toArray()
        .filter((component) =>
            ['CustomObjectTranslation', 'GlobalValueSetTranslation'].includes(component.type.name)
        );
    const objectTranslations = components.filter(
        (component) => component.type.name === 'CustomObjectTranslation'
    );
    assert.deepEqual(
        objectTranslations.map((component) => component.fullName).sort(),
        model.map(({ object }) => `${object}-${LANGUAGE}`)
    );
    for (const { object, fields } of model) {
        const component = objectTranslations.find(
            (candidate) => candidate.fullName === `${object}-${LANGUAGE}`
        );
        assert.deepEqual(
            component
                ?.getChildren()
                .map((child) => `${child.type.name} ${child.fullName}`)
                .sort(),
            [...fields.keys()].map((field) => `CustomFieldTranslation ${object}-${LANGUAGE}.${field}`),
            `${object}-${LANGUAGE} has one CustomFieldTranslation per custom field`
        );
    }
    const sets = list(path.join(METADATA_DIR, 'globalValueSets'), '.globalValueSet-meta.xml');
    assert.deepEqual(
        components
            .filter((component) => component.type.name === 'GlobalValueSetTranslation')
            .map((component) => component.fullName)
            .sort(),
        sets.map((set) => `${set}-${LANGUAGE}`)
    );

    const out = await mkdtemp(path.join(os.tmpdir(), 'mdapi-translations-'));
    try {
        const result = await new MetadataConverter().convert(new ComponentSet(components), 'metadata', {
            type: 'directory',
            outputDirectory: out
        });
        const root = result.packagePath ?? out;
        const manifest = await readFile(path.join(root, 'package.xml'), 'utf8');
        assert.match(manifest, new RegExp(`<version>${API_VERSION}</version>`));
        for (const { object, fields } of model) {
            assert.match(
                manifest,
                new RegExp(
                    `<members>${object}-${LANGUAGE}</members>[\\s\\S]*?<name>CustomObjectTranslation</name>`
                )
            );
            // The decomposed field files are recomposed into the object translation.
            const converted = parse<{ CustomObjectTranslation: { fields?: FieldTranslationXml[] } }>(
                path.join(root, 'objectTranslations', `${object}-${LANGUAGE}.objectTranslation`)
            ).CustomObjectTranslation;
            assert.deepEqual(
                (converted.fields ?? [])
                    .map((field) => `${text(field.name)}: ${text(field.label) ? 'label' : ''}`)
                    .sort(),
                [...fields.keys()].map((field) => `${field}: label`)
            );
        }
        for (const set of sets) {
            assert.match(
                manifest,
                new RegExp(
                    `<members>${set}-${LANGUAGE}</members>[\\s\\S]*?<name>GlobalValueSetTranslation</name>`
                )
            );
            assert.ok(
                existsSync(
                    path.join(
                        root,
                        'globalValueSetTranslations',
                        `${set}-${LANGUAGE}.globalValueSetTranslation`
                    )
                ),
                `converted ${set}-${LANGUAGE}`
            );
        }
    } finally {
        await rm(out, { recursive: true, force: true });
    }
});
