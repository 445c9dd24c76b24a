import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { Plugin } from 'rollup';
import { METADATA_DIR } from '../lib/paths.ts';

/**
 * Rollup plugin for the `@salesforce/*` scoped modules that the platform provides to a component: custom labels
 * (Dutch from CustomLabels, English from the en_US translation), schema references, static resource URLs, the
 * running user's id and the user's i18n settings. Values that depend on the page (language, resource URL) are
 * read at run time from `window.__PREVIEW__`, which each preview page sets before the bundle loads.
 */

const PREFIX = '\0salesforce:';

function readLabels(): { nl: Record<string, string>; en: Record<string, string> } {
    const parser = new XMLParser({
        isArray: (name) => name === 'labels' || name === 'customLabels',
        parseTagValue: false
    });
    const labels = parser.parse(
        readFileSync(path.join(METADATA_DIR, 'labels/CustomLabels.labels-meta.xml'), 'utf8')
    ) as {
        CustomLabels: { labels: { fullName: string; value: string }[] };
    };
    const translations = parser.parse(
        readFileSync(path.join(METADATA_DIR, 'translations/en_US.translation-meta.xml'), 'utf8')
    ) as { Translations: { customLabels: { name: string; label: string }[] } };
    return {
        nl: Object.fromEntries(
            labels.CustomLabels.labels.map((label) => [label.fullName, String(label.value)])
        ),
        en: Object.fromEntries(
            translations.Translations.customLabels.map((label) => [label.name, String(label.label)])
        )
    };
}

/** The user the preview runs as, as @salesforce/user/Id gives it (the id sfdx-lwc-jest gives in the tests). */
const PREVIEW_USER_ID = '005000000000000000';

const I18N: Record<string, string> = {
    // The Dutch sales user; the English route switches the locale with the language.
    locale: "window.__PREVIEW__?.lang === 'en' ? 'en-GB' : 'nl-NL'",
    lang: "window.__PREVIEW__?.lang === 'en' ? 'en' : 'nl'",
    timeZone: "'Europe/Amsterdam'",
    currency: "'EUR'"
};

/**
 * The modules this plugin answers: our custom labels, schema references, static resources and the i18n values
 * the preview sets. Everything else under @salesforce/ (the base components' own labels, gates, the rest of
 * i18n) is left to the lightning-base-components package, which maps it to its own files.
 */
function ours(source: string): boolean {
    const [scope, kind, name = ''] = source.split('/');
    if (scope !== '@salesforce') {
        return false;
    }
    if (kind === 'label') {
        return name.startsWith('c.');
    }
    if (kind === 'user') {
        return name === 'Id';
    }
    return kind === 'schema' || kind === 'resourceUrl' || (kind === 'i18n' && name in I18N);
}

export function salesforceModules(): Plugin {
    const labels = readLabels();
    return {
        name: 'salesforce-scoped-modules',
        resolveId(source) {
            return ours(source) ? PREFIX + source.slice('@salesforce/'.length) : null;
        },
        load(id) {
            if (!id.startsWith(PREFIX)) {
                return null;
            }
            const [kind, ...rest] = id.slice(PREFIX.length).split('/');
            const name = rest.join('/');
            switch (kind) {
                case 'label': {
                    const key = name.slice('c.'.length);
                    if (!(key in labels.nl)) {
                        this.error(
                            `Custom label ${key} is imported but not defined in CustomLabels.labels-meta.xml`
                        );
                    }
                    const nl = JSON.stringify(labels.nl[key]);
                    const en = JSON.stringify(labels.en[key] ?? labels.nl[key]);
                    return `export default window.__PREVIEW__?.lang === 'en' ? ${en} : ${nl};`;
                }
                case 'schema': {
                    const [objectApiName, ...field] = name.split('.');
                    const value = field.length
                        ? { objectApiName, fieldApiName: field.join('.') }
                        : { objectApiName };
                    return `export default ${JSON.stringify(value)};`;
                }
                case 'user':
                    // The running user (@salesforce/user/Id): the owner of the fixtures' installers.
                    return `export default ${JSON.stringify(PREVIEW_USER_ID)};`;
                case 'resourceUrl':
                    return `export default window.__PREVIEW__?.resourceUrls?.[${JSON.stringify(name)}] ?? ${JSON.stringify(`/resource/${name}`)};`;
                default:
                    // i18n: ours() lets through only the settings the preview gives a value.
                    return `export default ${I18N[name]};`;
            }
        }
    };
}
