import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { XMLParser } from 'fast-xml-parser';

/*
 * The record pages and the panels they place must agree: a page that names a component which does not exist,
 * or a panel exposed to another object, only fails at deploy time in an org. Checked here instead.
 */
const DEFAULT = join(__dirname, '..', '..');
const parser = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) =>
        ['flexiPageRegions', 'itemInstances', 'target', 'object', 'supportedFormFactor'].includes(name)
});
const read = (path) => parser.parse(readFileSync(path, 'utf8'));

const PAGES = {
    Merkgegevens_Record_Page: { object: 'Brand_Detail__c', panel: 'brandDetailSegmentation' },
    Installateur_Record_Page: { object: 'Account', panel: 'accountSegmentation' }
};

describe.each(Object.entries(PAGES))('%s', (page, expected) => {
    const flexiPage = read(join(DEFAULT, 'flexipages', `${page}.flexipage-meta.xml`)).FlexiPage;
    const components = flexiPage.flexiPageRegions.flatMap((region) =>
        (region.itemInstances ?? []).map((item) => item.componentInstance?.componentName).filter(Boolean)
    );

    it('is a record page of its object with the standard header, details and related lists', () => {
        expect(flexiPage.type).toBe('RecordPage');
        expect(flexiPage.sobjectType).toBe(expected.object);
        expect(components).toEqual(
            expect.arrayContaining([
                'force:highlightsPanel',
                'force:detailPanel',
                'force:relatedListContainer'
            ])
        );
    });

    it('places its panel, which exists and is exposed to this object on desktop and phone', () => {
        expect(components).toContain(expected.panel);
        const metaPath = join(DEFAULT, 'lwc', expected.panel, `${expected.panel}.js-meta.xml`);
        expect(existsSync(metaPath)).toBe(true);
        const bundle = read(metaPath).LightningComponentBundle;
        expect(bundle.apiVersion).toBe(65);
        expect(bundle.isExposed).toBe(true);
        expect(bundle.masterLabel).toBeTruthy();
        expect(bundle.description).toBeTruthy();
        expect(bundle.targets.target).toEqual(['lightning__RecordPage']);
        const config = bundle.targetConfigs.targetConfig;
        expect(config.objects.object).toEqual([expected.object]);
        expect(config.supportedFormFactors.supportedFormFactor.map((f) => f['@_type']).sort()).toEqual([
            'Large',
            'Small'
        ]);
    });

    it('refers only to facets it defines', () => {
        const facets = new Set(
            flexiPage.flexiPageRegions
                .filter((region) => region.type === 'Facet')
                .map((region) => region.name)
        );
        const referenced = flexiPage.flexiPageRegions
            .flatMap((region) => region.itemInstances ?? [])
            .flatMap((item) => [item.componentInstance?.componentInstanceProperties ?? []].flat())
            .filter((property) => ['body', 'tabs', 'columns'].includes(property.name))
            .map((property) => property.value);
        expect(referenced.length).toBeGreaterThan(0);
        referenced.forEach((facet) => expect(facets.has(facet)).toBe(true));
    });
});

it('exposes no other component of the package', () => {
    const exposed = readdirSync(join(DEFAULT, 'lwc')).filter((name) => {
        const meta = join(DEFAULT, 'lwc', name, `${name}.js-meta.xml`);
        return existsSync(meta) && read(meta).LightningComponentBundle.isExposed === true;
    });
    expect(exposed.sort()).toEqual(['accountSegmentation', 'brandDetailSegmentation']);
});

it('gives every component bundle API version 65.0', () => {
    for (const name of readdirSync(join(DEFAULT, 'lwc'))) {
        const meta = join(DEFAULT, 'lwc', name, `${name}.js-meta.xml`);
        expect({ name, apiVersion: read(meta).LightningComponentBundle.apiVersion }).toEqual({
            name,
            apiVersion: 65
        });
    }
});
