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
        [
            'flexiPageRegions',
            'itemInstances',
            'componentInstanceProperties',
            'target',
            'targetConfig',
            'object',
            'property',
            'supportedFormFactor',
            'tabSettings'
        ].includes(name)
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
        // The parser lists targetConfig as an array (the worklist has one per page type); a panel has one.
        const [config] = bundle.targetConfigs.targetConfig;
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

/*
 * The worklist's own pages: an App page (with its tab, which account managers may see) and a Home page that an
 * admin assigns. Templates, regions and the standard components are those the Salesforce CLI's own generator
 * writes (`sf template generate flexipage --template AppPage | HomePage`, @salesforce/templates 66).
 */
const WORKLIST = 'installerWorklist';
const worklistBundle = () =>
    read(join(DEFAULT, 'lwc', WORKLIST, `${WORKLIST}.js-meta.xml`)).LightningComponentBundle;

describe.each([
    {
        page: 'Mijn_installateurs',
        type: 'AppPage',
        target: 'lightning__AppPage',
        template: 'flexipage:appHomeTemplateHeaderTwoColumnsLeftSidebar',
        regions: ['region1', 'region2', 'region3'],
        formFactors: ['Large', 'Small']
    },
    {
        page: 'Klantsegmentatie_Home',
        type: 'HomePage',
        target: 'lightning__HomePage',
        template: 'home:desktopTemplate',
        regions: ['top', 'bottomLeft', 'bottomRight', 'sidebar'],
        formFactors: ['Large']
    }
])('$page', ({ page, type, target, template, regions, formFactors }) => {
    const flexiPage = read(join(DEFAULT, 'flexipages', `${page}.flexipage-meta.xml`)).FlexiPage;
    const worklist = flexiPage.flexiPageRegions
        .flatMap((region) => region.itemInstances ?? [])
        .map((item) => item.componentInstance)
        .find((component) => component?.componentName === WORKLIST);

    it(`is of type ${type}, on the ${template} template with its regions`, () => {
        expect(flexiPage.type).toBe(type);
        expect(flexiPage.template.name).toBe(template);
        expect(flexiPage.flexiPageRegions.map((region) => region.name)).toEqual(regions);
        expect(flexiPage.masterLabel).toBeTruthy();
    });

    it('places the worklist, exposed to this page type on the form factors it supports', () => {
        expect(worklist).toBeDefined();
        const bundle = worklistBundle();
        expect(bundle.isExposed).toBe(true);
        expect(bundle.targets.target).toContain(target);
        const config = bundle.targetConfigs.targetConfig.find(
            (candidate) => candidate['@_targets'] === target
        );
        expect(config.supportedFormFactors.supportedFormFactor.map((f) => f['@_type'])).toEqual(formFactors);
    });

    it('sets only properties the worklist declares for this page type, within their bounds', () => {
        const declared = worklistBundle().targetConfigs.targetConfig.find(
            (candidate) => candidate['@_targets'] === target
        ).property;
        expect(worklist.componentInstanceProperties.length).toBeGreaterThan(0);
        for (const { name, value } of worklist.componentInstanceProperties) {
            const property = declared.find((candidate) => candidate['@_name'] === name);
            expect({ name, declared: Boolean(property) }).toEqual({ name, declared: true });
            expect(Number(value)).toBeGreaterThanOrEqual(Number(property['@_min']));
            expect(Number(value)).toBeLessThanOrEqual(Number(property['@_max']));
        }
    });
});

it('opens the App page from a tab that account managers may see', () => {
    const tab = read(join(DEFAULT, 'tabs', 'Mijn_installateurs.tab-meta.xml')).CustomTab;
    expect(tab.flexiPage).toBe('Mijn_installateurs');
    const sales = read(
        join(DEFAULT, 'permissionsets', 'Klantsegmentatie_Sales.permissionset-meta.xml')
    ).PermissionSet;
    expect(sales.tabSettings).toContainEqual({ tab: 'Mijn_installateurs', visibility: 'Visible' });
});

it('exposes no other component of the package', () => {
    const exposed = readdirSync(join(DEFAULT, 'lwc')).filter((name) => {
        const meta = join(DEFAULT, 'lwc', name, `${name}.js-meta.xml`);
        return existsSync(meta) && read(meta).LightningComponentBundle.isExposed === true;
    });
    expect(exposed.sort()).toEqual(['accountSegmentation', 'brandDetailSegmentation', 'installerWorklist']);
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
