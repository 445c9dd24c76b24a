/**
 * Custom labels in component tests read as their Dutch value from CustomLabels.labels-meta.xml, the way a
 * user with the default language sees them, so tests assert on what a person reads. (Unmocked, a label would
 * read as its own name.) A label a component imports that is missing from the XML keeps reading "c.Name",
 * which the segmentationLabels test catches.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { XMLParser } from 'fast-xml-parser';

const file = join(__dirname, '..', '..', 'main', 'default', 'labels', 'CustomLabels.labels-meta.xml');
const parsed = new XMLParser({ isArray: (name) => name === 'labels', parseTagValue: false }).parse(
    readFileSync(file, 'utf8')
);

for (const label of parsed.CustomLabels.labels) {
    // doMock, not mock: registered at run time for every test file, without jest's hoisting.
    jest.doMock(`@salesforce/label/c.${label.fullName}`, () => ({ default: String(label.value) }), {
        virtual: true
    });
}
