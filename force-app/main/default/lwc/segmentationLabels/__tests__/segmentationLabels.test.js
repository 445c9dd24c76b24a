import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { XMLParser } from 'fast-xml-parser';
import { LABELS, countLabel, formatLabel } from 'c/segmentationLabels';

const DEFAULT = join(__dirname, '..', '..', '..');
const parser = new XMLParser({
    isArray: (name) => name === 'labels' || name === 'customLabels',
    parseTagValue: false
});

function sourceFiles(dir) {
    return readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
            return name === '__tests__' ? [] : sourceFiles(path);
        }
        return /\.(js|html)$/.test(name) ? [path] : [];
    });
}

const usedLabels = new Set(
    sourceFiles(join(DEFAULT, 'lwc')).flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/@salesforce\/label\/c\.(\w+)/g)].map((match) => match[1])
    )
);
const dutch = new Map(
    parser
        .parse(readFileSync(join(DEFAULT, 'labels', 'CustomLabels.labels-meta.xml'), 'utf8'))
        .CustomLabels.labels.map((label) => [label.fullName, label])
);
const english = new Map(
    parser
        .parse(readFileSync(join(DEFAULT, 'translations', 'en_US.translation-meta.xml'), 'utf8'))
        .Translations.customLabels.map((label) => [label.name, String(label.label)])
);
const placeholders = (text) => [...String(text).matchAll(/\{\d+\}/g)].map((match) => match[0]).sort();

describe('custom labels', () => {
    it('defines every label the components import, and no label nobody uses', () => {
        expect([...usedLabels].sort()).toEqual([...dutch.keys()].sort());
    });

    it('defines each label in Dutch, as the default language, with a description', () => {
        for (const label of dutch.values()) {
            expect(label.language).toBe('nl_NL');
            expect(String(label.shortDescription).length).toBeGreaterThan(0);
            expect(String(label.value).length).toBeGreaterThan(0);
        }
    });

    it('translates every label to English with the same placeholders', () => {
        expect([...english.keys()].sort()).toEqual([...dutch.keys()].sort());
        for (const [name, label] of dutch) {
            expect({ name, placeholders: placeholders(english.get(name)) }).toEqual({
                name,
                placeholders: placeholders(label.value)
            });
        }
    });

    it('reads as Dutch text in the tests, not as label names', () => {
        expect(Object.values(LABELS).filter((value) => value.startsWith('c.'))).toEqual([]);
        expect(LABELS.panelTitle).toBe('Klantsegmentatie');
    });
});

describe('formatLabel and countLabel', () => {
    it('fills numbered placeholders and leaves unknown ones visible', () => {
        expect(formatLabel('Nog {0} VG-ketels tot {1}', 3, 'Keep')).toBe('Nog 3 VG-ketels tot Keep');
        expect(formatLabel('{0} en {1}', 'a')).toBe('a en {1}');
    });

    it('says one in the singular and any other count in the plural', () => {
        expect(countLabel(1, LABELS.moveUpOne, LABELS.moveUpMany, 'Keep')).toBe('Nog 1 VG-ketel tot Keep');
        expect(countLabel(2, LABELS.moveUpOne, LABELS.moveUpMany, 'Keep')).toBe('Nog 2 VG-ketels tot Keep');
        expect(countLabel(0, LABELS.unitsOne, LABELS.units)).toBe('0 ketels');
    });
});
