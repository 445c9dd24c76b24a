/**
 * The preview's routes: one per state of each panel, fed by the same JSON fixtures as the jest tests, with
 * what a person must read there. Used by the preview build (to write one page per state) and by the browser
 * test (to check each page).
 */

export type PanelId = 'brandDetail' | 'account' | 'worklist';

/** The user's language: Dutch (the package's own) or English (its en_US translations). */
export type Language = 'nl' | 'en';

/** A UI API response for one wire adapter call, optionally only for configs matching `match`. */
export type FixtureRef = { match?: Record<string, string>; data?: string; error?: string };

export interface PreviewState {
    id: string;
    panel: PanelId;
    title: string;
    /** adapter name -> fixture responses; an adapter without one never answers (loading). */
    adapters: Record<string, FixtureRef[]>;
    /** Where the static resource is served from: the real one, none (404), or one of another version. */
    config?: 'ok' | 'missing';
    lang?: Language;
    /** A button the browser test presses once the page has loaded (its accessible name), e.g. to page on. */
    press?: string;
    /** Text that must be visible once the page has settled (after `press`). */
    expectText: string[];
    /** Text behind the error panel's "Details tonen", which the browser test opens before its screenshot. */
    detailsText?: string[];
    /** Console errors the state causes on purpose (the missing static resource is a 404). */
    allowConsoleErrors?: RegExp[];
}

/**
 * Where a component sits: on a record page (header with the record, main column and sidebar) or on an App page
 * (header with the page, a narrow sidebar beside the main column). The region is where the flexipage places it.
 */
export type PanelFrame = {
    tag: string;
    recordId?: string;
    region: 'main' | 'sidebar';
    page: string;
    layout: 'record' | 'app';
    /** The page header in each language: what Lightning names there (object or app, record or page). */
    header: Record<Language, { meta: string; title: string }>;
};

const BRAND_DETAIL_ID = 'a01AA00000MrkVlAAA';
const ACCOUNT_ID = '001AA00000KlntA1AA';

export const PANELS: Record<PanelId, PanelFrame> = {
    // Where the flexipages place them: the brand detail panel in the sidebar, the account panel in the main column.
    brandDetail: {
        tag: 'c-brand-detail-segmentation',
        recordId: BRAND_DETAIL_ID,
        region: 'sidebar',
        page: 'Merkgegevens_Record_Page',
        layout: 'record',
        // The object's label as its en_US translation gives it; a record's name is data and stays as it is.
        header: {
            nl: { meta: 'Merkgegevens', title: 'Vaillant - Installatiebedrijf De Vries' },
            en: { meta: 'Brand Detail', title: 'Vaillant - Installatiebedrijf De Vries' }
        }
    },
    account: {
        tag: 'c-account-segmentation',
        recordId: ACCOUNT_ID,
        region: 'main',
        page: 'Installateur_Record_Page',
        layout: 'record',
        // The package does not rename Account: an English user sees Salesforce's own label.
        header: {
            nl: { meta: 'Installateur', title: 'Installatiebedrijf De Vries' },
            en: { meta: 'Account', title: 'Installatiebedrijf De Vries' }
        }
    },
    // The App page Mijn_installateurs: the worklist in the main column, recent items in the left sidebar.
    worklist: {
        tag: 'c-installer-worklist',
        region: 'main',
        page: 'Mijn_installateurs',
        layout: 'app',
        // The tab's en_US translation, and the package's name as its labels word it ("Customer segmentation").
        header: {
            nl: { meta: 'Klantsegmentatie', title: 'Mijn installateurs' },
            en: { meta: 'Customer segmentation', title: 'My installers' }
        }
    }
};

const BD = 'brandDetailSegmentation/__tests__/data';
const INSTALLER = 'segmentationPanel/__tests__/data';
const TABLE = 'potentialTable/__tests__/data';
const POTENTIALS = { relatedListId: 'Potentials__r' };
const BRAND_DETAILS = { relatedListId: 'Brand_Details__r' };
const ACCOUNT_RECORD = { recordId: ACCOUNT_ID };
const BRAND_DETAIL_RECORD = { recordId: BRAND_DETAIL_ID };

type Adapters = Record<string, FixtureRef[]>;

/** What both panels read of one installer (scenario `name` of the fixtures), with parts replaced. */
function installer(
    name: string,
    parts: { account?: FixtureRef; brandDetails?: FixtureRef; potentials?: FixtureRef } = {}
) {
    return {
        account: parts.account ?? { data: `${INSTALLER}/getRecord${name}` },
        brandDetails: parts.brandDetails ?? { data: `${INSTALLER}/getRelatedListRecordsBrandDetails${name}` },
        potentials: parts.potentials ?? { data: `${TABLE}/getRelatedListRecords${name}` }
    };
}

function adapters(
    record: FixtureRef[],
    parts: ReturnType<typeof installer>,
    objectInfo: FixtureRef[] = [{ data: `${INSTALLER}/getObjectInfos` }]
): Adapters {
    return {
        getRecord: [...record, { match: ACCOUNT_RECORD, ...parts.account }],
        getRelatedListRecords: [
            { match: BRAND_DETAILS, ...parts.brandDetails },
            { match: POTENTIALS, ...parts.potentials }
        ],
        getObjectInfos: objectInfo,
        getPicklistValuesByRecordType: [{ data: `${INSTALLER}/getPicklistValuesByRecordType` }]
    };
}

function brandDetail(
    name: string,
    record: FixtureRef = { data: `${BD}/getRecord${name}` },
    parts = installer(name)
) {
    return adapters([{ match: BRAND_DETAIL_RECORD, ...record }], parts);
}

function account(name: string, parts = installer(name)) {
    return adapters([], parts);
}

const WORKLIST = 'installerWorklist/__tests__/data';

/** The worklist's adapters: the GraphQL answers (the first whose cursors match), and the picklist labels. */
function worklist(graphql: FixtureRef[]): Adapters {
    return {
        graphql,
        getObjectInfos: [{ data: `${INSTALLER}/getObjectInfos` }],
        getPicklistValuesByRecordType: [{ data: `${INSTALLER}/getPicklistValuesByRecordType` }]
    };
}

const WORKLIST_PAGES = worklist([
    { match: { overdueAfter: 'djE6NA==' }, data: `${WORKLIST}/graphqlWorklistOverduePage2` },
    { data: `${WORKLIST}/graphqlWorklist` }
]);

const CONFIG_ERROR =
    'De segmentatie-instellingen (statische resource segmentationConfig) ontbreken of zijn ongeldig.';

export const STATES: PreviewState[] = [
    {
        id: 'brand-detail-keep',
        panel: 'brandDetail',
        title: 'Merkgegevens — Keep',
        adapters: brandDetail('Keep'),
        expectText: [
            'Klantsegmentatie Vaillant',
            'Keep',
            'Bij 3 VG-ketels minder: Grow',
            'Nog 35 ketels tot segment 75+',
            'Grote klant',
            '30 dec 2025'
        ]
    },
    {
        id: 'brand-detail-grow',
        panel: 'brandDetail',
        title: 'Merkgegevens — Grow, bezoek te laat',
        adapters: brandDetail('Grow'),
        expectText: [
            'Grow',
            'Nog 20 VG-ketels tot Keep',
            'Ontwikkelingsklant',
            'Bezoek te laat',
            'Totaal Ketels'
        ]
    },
    {
        id: 'brand-detail-get',
        panel: 'brandDetail',
        title: 'Merkgegevens — Get',
        adapters: brandDetail('Get'),
        expectText: ['Get', 'Nog 1 VG-ketel tot Grow', 'Nog 5 ketels tot segment 30+', 'Transactionele klant']
    },
    {
        id: 'brand-detail-win-back',
        panel: 'brandDetail',
        title: 'Merkgegevens — Win-back, nooit bezocht',
        adapters: brandDetail('WinBack'),
        expectText: ['Win-back', 'Nog 4 VG-ketels tot Grow', 'Nog nooit bezocht', 'Strategische klant']
    },
    {
        id: 'brand-detail-locked',
        panel: 'brandDetail',
        title: 'Merkgegevens — handmatig vastgezet',
        adapters: brandDetail('Locked'),
        expectText: [
            'Handmatig vastgezet',
            'De nachtelijke herclassificatie wijzigt deze merkgegevens niet.',
            'Volgens de huidige gegevens: Grow, segment 30+, VG 38%, Grote klant.'
        ]
    },
    {
        id: 'brand-detail-estimate',
        panel: 'brandDetail',
        title: 'Merkgegevens — potentie is een schatting',
        adapters: brandDetail('Estimate'),
        expectText: ['Potentie is een schatting', 'Schatting']
    },
    {
        id: 'brand-detail-no-potential',
        panel: 'brandDetail',
        title: 'Merkgegevens — nog geen potentie',
        adapters: brandDetail('NoPotential'),
        expectText: ['Geen type klant', 'Geen segment', 'Nog geen potentie ingevuld.']
    },
    {
        id: 'brand-detail-hidden-fields',
        panel: 'brandDetail',
        title: 'Merkgegevens — geen toegang tot de velden',
        adapters: brandDetail('Keep', { data: `${BD}/getRecordHiddenFields` }),
        expectText: ['Je hebt geen toegang tot de segmentatievelden.']
    },
    {
        id: 'brand-detail-potential-no-access',
        panel: 'brandDetail',
        title: 'Merkgegevens — geen toegang tot de potentie',
        adapters: brandDetail(
            'Grow',
            undefined,
            installer('Grow', { potentials: { error: `${TABLE}/getRelatedListRecordsNoAccess` } })
        ),
        expectText: ['Grow', 'Je hebt geen toegang tot de potentie van deze installateur.']
    },
    {
        id: 'brand-detail-error',
        panel: 'brandDetail',
        title: 'Merkgegevens — fout bij laden',
        adapters: brandDetail('Keep', { error: `${BD}/getRecordError` }),
        expectText: ['De segmentatie kon niet worden geladen', 'Details tonen'],
        detailsText: ['An unexpected error occurred.']
    },
    {
        id: 'brand-detail-config-missing',
        panel: 'brandDetail',
        title: 'Merkgegevens — instellingen ontbreken',
        adapters: brandDetail('Keep'),
        config: 'missing',
        expectText: [CONFIG_ERROR],
        allowConsoleErrors: [/404/]
    },
    {
        id: 'brand-detail-loading',
        panel: 'brandDetail',
        title: 'Merkgegevens — laden',
        adapters: {},
        expectText: ['Segmentatie laden…']
    },
    {
        id: 'account-grow',
        panel: 'account',
        title: 'Installateur — Grow',
        adapters: account('Grow'),
        expectText: [
            'Klantsegmentatie',
            'Nog 20 VG-ketels tot Keep',
            'Merkgegevens',
            'Historie van Vaillant',
            'Bedrijf omvang',
            '8.000',
            'Potentie per productgroep'
        ]
    },
    {
        id: 'account-keep',
        panel: 'account',
        title: 'Installateur — Keep',
        adapters: account('Keep'),
        expectText: ['Keep', 'Bij 3 VG-ketels minder: Grow', '4. 11 - 25 medewerkers']
    },
    {
        id: 'account-get',
        panel: 'account',
        title: 'Installateur — Get',
        adapters: account('Get'),
        expectText: ['Get', 'Nog 1 VG-ketel tot Grow', 'Nieuwbouw']
    },
    {
        id: 'account-win-back',
        panel: 'account',
        title: 'Installateur — Win-back',
        adapters: account('WinBack'),
        expectText: ['Win-back', 'Nog 4 VG-ketels tot Grow', 'Nog nooit bezocht']
    },
    {
        id: 'account-locked',
        panel: 'account',
        title: 'Installateur — één merk handmatig vastgezet',
        adapters: account('Locked'),
        expectText: [
            'Handmatig vastgezet',
            'De nachtelijke herclassificatie wijzigt deze merkgegevens niet.',
            'Historie van AWB'
        ]
    },
    {
        id: 'account-estimate',
        panel: 'account',
        title: 'Installateur — potentie is een schatting',
        adapters: account('Estimate'),
        expectText: ['Potentie is een schatting', 'Schatting', 'One / off']
    },
    {
        id: 'account-empty',
        panel: 'account',
        title: 'Installateur — nog geen merkgegevens en potentie',
        adapters: account(
            'NoPotential',
            installer('NoPotential', {
                brandDetails: { data: `${INSTALLER}/getRelatedListRecordsBrandDetailsEmpty` }
            })
        ),
        expectText: [
            'Nog geen merkgegevens voor deze installateur.',
            'Nog geen potentie ingevuld.',
            'Niet ingevuld'
        ]
    },
    {
        id: 'account-no-access',
        panel: 'account',
        title: 'Installateur — geen toegang tot merkgegevens en potentie',
        adapters: account(
            'Grow',
            installer('Grow', {
                account: { data: `${INSTALLER}/getRecordHiddenInputs` },
                brandDetails: { error: `${INSTALLER}/getRelatedListRecordsNoAccess` },
                potentials: { error: `${TABLE}/getRelatedListRecordsNoAccess` }
            })
        ),
        expectText: [
            'Je hebt geen toegang tot de merkgegevens van deze installateur.',
            'Je hebt geen toegang tot de invoervelden van deze installateur.',
            'Je hebt geen toegang tot de potentie van deze installateur.'
        ]
    },
    {
        id: 'account-error',
        panel: 'account',
        title: 'Installateur — fout bij laden',
        adapters: account('Grow', installer('Grow', { account: { error: `${INSTALLER}/getRecordError` } })),
        expectText: ['De segmentatie kon niet worden geladen']
    },
    {
        id: 'account-config-missing',
        panel: 'account',
        title: 'Installateur — instellingen ontbreken',
        adapters: account('Grow'),
        config: 'missing',
        expectText: [CONFIG_ERROR],
        detailsText: ['Laden mislukt: HTTP 404'],
        allowConsoleErrors: [/404/]
    },
    {
        id: 'account-loading',
        panel: 'account',
        title: 'Installateur — laden',
        adapters: {},
        expectText: ['Segmentatie laden…']
    },
    {
        id: 'account-grow-english',
        panel: 'account',
        title: 'Installer — Grow (English)',
        // The UI API answers an English user with the package's en_US translations (labels and picklist values).
        adapters: account('Grow'),
        lang: 'en',
        expectText: [
            'Customer segmentation',
            '20 more VG boilers to Keep',
            'Development Customer',
            'VG 10 of 40 boilers (25%): Grow (5–75%). Segment 30+ (30–74). Keep from 30 VG boilers.',
            'History of Vaillant',
            'Visit overdue'
        ]
    },
    {
        id: 'brand-detail-locked-english',
        panel: 'brandDetail',
        title: 'Brand detail — locked by hand (English)',
        adapters: brandDetail('Locked'),
        lang: 'en',
        expectText: [
            'Locked by hand',
            'According to the current data: Grow, segment 30+, VG 38%, Large Customer.',
            'Large Customer'
        ]
    },
    {
        id: 'worklist',
        panel: 'worklist',
        title: 'Mijn installateurs — werklijst',
        adapters: WORKLIST_PAGES,
        expectText: [
            'Mijn installateurs',
            'Bezoek te laat (7)',
            'Nog nooit bezocht',
            '50 dagen te laat',
            'Bezoek geregistreerd; verdwijnt vannacht van de lijst',
            'Type klant gedaald in de laatste 30 dagen (2)',
            'Van Keep naar Grow op 18 nov 2025',
            'Nog 1 VG-ketel tot Grow',
            'Nog 3 VG-ketels tot Keep',
            'Geen open opvolgtaak',
            'Pagina 1 van 2'
        ]
    },
    {
        id: 'worklist-page-2',
        panel: 'worklist',
        title: 'Mijn installateurs — tweede pagina van de late bezoeken',
        adapters: WORKLIST_PAGES,
        press: 'Volgende',
        expectText: ['Pagina 2 van 2', 'AWB - Prins Klimaattechniek', '18 dagen te laat', 'Pagina 1 van 5']
    },
    {
        id: 'worklist-empty',
        panel: 'worklist',
        title: 'Mijn installateurs — niets te doen',
        adapters: worklist([{ data: `${WORKLIST}/graphqlWorklistEmpty` }]),
        expectText: ['Geen van je installateurs vraagt nu actie.']
    },
    {
        id: 'worklist-error',
        panel: 'worklist',
        title: 'Mijn installateurs — fout bij laden',
        adapters: worklist([{ error: `${WORKLIST}/graphqlWorklistErrors` }]),
        expectText: ['De werklijst kon niet worden geladen', 'Details tonen'],
        detailsText: ["Field 'Follow_Up_Reason__c' in type 'Task' is undefined"]
    },
    {
        id: 'worklist-loading',
        panel: 'worklist',
        title: 'Mijn installateurs — laden',
        adapters: {},
        expectText: ['Werklijst laden…']
    },
    {
        id: 'worklist-english',
        panel: 'worklist',
        title: 'My installers — worklist (English)',
        adapters: WORKLIST_PAGES,
        lang: 'en',
        expectText: [
            'My installers',
            'Visit overdue (7)',
            '50 days overdue',
            'From Keep to Grow on 18 Nov 2025',
            '1 more VG boiler to Grow',
            'Strategic Customer',
            'No open follow-up task'
        ]
    }
];
