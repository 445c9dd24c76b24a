import { ApiSchemas } from 'jsforce/lib/api/metadata/schema.js';

/**
 * The Metadata API's type definitions, as the metadata check reads them: jsforce's copy generated from the
 * Metadata WSDL (older than API 51), plus the newer types this package uses, each taken from Salesforce's
 * documentation and cited, plus the documented value lists of the elements whose values matter here.
 *
 * A property type is 'string' | 'number' | 'boolean' | 'any' or a type name; a leading '?' makes the element
 * optional; ['T'] is a repeatable, optional element of type T.
 */
export type PropertyType = string | readonly [string];
export type TypeDefinition = {
    props: Readonly<Record<string, PropertyType>>;
    extends?: string;
    /** Attributes the element may carry (the Metadata API itself uses none but the root's xmlns). */
    attributes?: readonly string[];
};

const FLEXIPAGE_DOC =
    'https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_flexipage.htm';
const REPORT_DOC = 'https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_report.htm';
const LWC_RECORD_PAGE_DOC =
    'https://developer.salesforce.com/docs/platform/lwc/guide/targets-lightning-record-page.html';

/**
 * Types newer than jsforce's copy, or changed since. Each replaces jsforce's definition of the same name.
 * Source: the WSDL segment and field tables of the cited Metadata API Developer Guide page (API 65.0).
 */
export const ADDITIONS: Readonly<Record<string, TypeDefinition & { source: string }>> = {
    // API 41+: a region holds itemInstances (a component or, with Dynamic Forms, a field) instead of componentInstances.
    FlexiPageRegion: {
        source: FLEXIPAGE_DOC,
        props: {
            appendable: '?string',
            itemInstances: ['ItemInstance'],
            mode: '?string',
            name: 'string',
            prependable: '?string',
            replaceable: '?string',
            type: 'string'
        }
    },
    ItemInstance: {
        source: FLEXIPAGE_DOC,
        props: { componentInstance: '?ComponentInstance', fieldInstance: '?FieldInstance' }
    },
    ComponentInstance: {
        source: FLEXIPAGE_DOC,
        props: {
            componentInstanceProperties: ['ComponentInstanceProperty'],
            componentName: 'string',
            identifier: '?string',
            visibilityRule: '?UiFormulaRule'
        }
    },
    // API 49+: array values are a valueList of valueListItems.
    ComponentInstanceProperty: {
        source: FLEXIPAGE_DOC,
        props: {
            name: '?string',
            type: '?string',
            value: '?string',
            valueList: '?ComponentInstancePropertyList'
        }
    },
    ComponentInstancePropertyList: {
        source: FLEXIPAGE_DOC,
        props: { valueListItems: ['ComponentInstancePropertyListItem'] }
    },
    ComponentInstancePropertyListItem: {
        source: FLEXIPAGE_DOC,
        props: { value: '?string', visibilityRule: '?UiFormulaRule' }
    },
    // Dynamic Forms: a field placed on the page, its behaviour as name/value properties (uiBehavior).
    FieldInstance: {
        source: FLEXIPAGE_DOC,
        props: {
            fieldInstanceProperties: ['FieldInstanceProperty'],
            fieldItem: 'string',
            identifier: '?string',
            visibilityRule: '?UiFormulaRule'
        }
    },
    FieldInstanceProperty: { source: FLEXIPAGE_DOC, props: { name: '?string', value: '?string' } },
    // The WSDL types targetConfigs as a string: the server reads the component configuration file's own elements,
    // documented in the LWC Developer Guide (targetConfig with its targets attribute, objects, supportedFormFactors,
    // property).
    LightningComponentBundle: {
        source: LWC_RECORD_PAGE_DOC,
        extends: 'Metadata',
        props: { ...ApiSchemas.LightningComponentBundle.props, targetConfigs: '?LwcTargetConfigs' }
    },
    LwcTargetConfigs: { source: LWC_RECORD_PAGE_DOC, props: { targetConfig: ['LwcTargetConfig'] } },
    LwcTargetConfig: {
        source: LWC_RECORD_PAGE_DOC,
        attributes: ['targets'],
        props: {
            objects: '?LwcObjects',
            property: ['LwcProperty'],
            supportedFormFactors: '?LwcSupportedFormFactors'
        }
    },
    LwcObjects: { source: LWC_RECORD_PAGE_DOC, props: { object: ['string'] } },
    LwcSupportedFormFactors: {
        source: LWC_RECORD_PAGE_DOC,
        props: { supportedFormFactor: ['LwcSupportedFormFactor'] }
    },
    LwcSupportedFormFactor: { source: LWC_RECORD_PAGE_DOC, attributes: ['type'], props: {} },
    LwcProperty: {
        source: LWC_RECORD_PAGE_DOC,
        attributes: [
            'name',
            'type',
            'label',
            'description',
            'default',
            'required',
            'datasource',
            'min',
            'max'
        ],
        props: {}
    }
};

/** FilterOperation: list view filters and report criteria share it. */
const FILTER_OPERATIONS = [
    'equals',
    'notEqual',
    'lessThan',
    'greaterThan',
    'lessOrEqual',
    'greaterOrEqual',
    'contains',
    'notContain',
    'startsWith',
    'includes',
    'excludes',
    'within'
];

/** The documented values of the elements whose values matter here, keyed `Type.element`. */
export const VALUE_LISTS: Readonly<Record<string, { values: readonly string[]; source: string }>> = {
    // ReportFormat, DashboardComponentType and UserDateInterval: the values of the Metadata WSDL's enumerations, as
    // Salesforce's @salesforce/types (1.9.0, lib/metadata.d.ts, generated from that WSDL) lists them.
    'Report.format': { source: REPORT_DOC, values: ['MultiBlock', 'Matrix', 'Summary', 'Tabular'] },
    'ReportTimeFrameFilter.interval': {
        source: REPORT_DOC,
        values: [
            'INTERVAL_CURRENT',
            'INTERVAL_CURNEXT1',
            'INTERVAL_CURPREV1',
            'INTERVAL_NEXT1',
            'INTERVAL_PREV1',
            'INTERVAL_CURNEXT3',
            'INTERVAL_CURFY',
            'INTERVAL_PREVFY',
            'INTERVAL_PREV2FY',
            'INTERVAL_AGO2FY',
            'INTERVAL_NEXTFY',
            'INTERVAL_PREVCURFY',
            'INTERVAL_PREVCUR2FY',
            'INTERVAL_CURNEXTFY',
            'INTERVAL_CUSTOM',
            'INTERVAL_YESTERDAY',
            'INTERVAL_TODAY',
            'INTERVAL_TOMORROW',
            'INTERVAL_LASTWEEK',
            'INTERVAL_THISWEEK',
            'INTERVAL_NEXTWEEK',
            'INTERVAL_LASTMONTH',
            'INTERVAL_THISMONTH',
            'INTERVAL_NEXTMONTH',
            'INTERVAL_LASTTHISMONTH',
            'INTERVAL_THISNEXTMONTH',
            'INTERVAL_CURRENTQ',
            'INTERVAL_CURNEXTQ',
            'INTERVAL_CURPREVQ',
            'INTERVAL_NEXTQ',
            'INTERVAL_PREVQ',
            'INTERVAL_CURNEXT3Q',
            'INTERVAL_CURY',
            'INTERVAL_PREVY',
            'INTERVAL_PREV2Y',
            'INTERVAL_AGO2Y',
            'INTERVAL_NEXTY',
            'INTERVAL_PREVCURY',
            'INTERVAL_PREVCUR2Y',
            'INTERVAL_CURNEXTY',
            'INTERVAL_LAST7',
            'INTERVAL_LAST30',
            'INTERVAL_LAST60',
            'INTERVAL_LAST90',
            'INTERVAL_LAST120',
            'INTERVAL_NEXT7',
            'INTERVAL_NEXT30',
            'INTERVAL_NEXT60',
            'INTERVAL_NEXT90',
            'INTERVAL_NEXT120',
            'LAST_FISCALWEEK',
            'THIS_FISCALWEEK',
            'NEXT_FISCALWEEK',
            'LAST_FISCALPERIOD',
            'THIS_FISCALPERIOD',
            'NEXT_FISCALPERIOD',
            'LASTTHIS_FISCALPERIOD',
            'THISNEXT_FISCALPERIOD',
            'CURRENT_ENTITLEMENT_PERIOD',
            'PREVIOUS_ENTITLEMENT_PERIOD',
            'PREVIOUS_TWO_ENTITLEMENT_PERIODS',
            'TWO_ENTITLEMENT_PERIODS_AGO',
            'CURRENT_AND_PREVIOUS_ENTITLEMENT_PERIOD',
            'CURRENT_AND_PREVIOUS_TWO_ENTITLEMENT_PERIODS'
        ]
    },
    'DashboardComponent.componentType': {
        source: 'https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_dashboard.htm',
        values: [
            'Bar',
            'BarGrouped',
            'BarStacked',
            'BarStacked100',
            'Column',
            'ColumnGrouped',
            'ColumnStacked',
            'ColumnStacked100',
            'Line',
            'LineGrouped',
            'Pie',
            'Table',
            'Metric',
            'Gauge',
            'LineCumulative',
            'LineGroupedCumulative',
            'Scontrol',
            'VisualforcePage',
            'Donut',
            'Funnel',
            'ColumnLine',
            'ColumnLineGrouped',
            'ColumnLineStacked',
            'ColumnLineStacked100',
            'Scatter',
            'ScatterGrouped',
            'FlexTable',
            'Image',
            'RichText',
            'PulseMetric',
            'LightningWebComponent'
        ]
    },
    // FolderSharedToType. All internal users is sharedTo AllInternalUsers with sharedToType Organization: that is
    // how an org answers readMetadata for such a folder (a recorded readMetadata answer in heroku/force's
    // metadata_test.go; jsforce's test package, test/package/JSforceTestSuite/reports/JSforceTestReports-meta.xml)
    // and what the Analytics REST API's folder shares call "Organization: all internal users"; Group would name a
    // public group of that name, which an org does not have.
    'FolderShare.sharedToType': {
        source: 'https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_foldershare.htm',
        values: [
            'Group',
            'Role',
            'RoleAndSubordinates',
            'RoleAndSubordinatesInternal',
            'Manager',
            'ManagerAndSubordinatesInternal',
            'Organization',
            'Territory',
            'TerritoryAndSubordinates',
            'AllPrmUsers',
            'User',
            'PartnerUser',
            'AllCspUsers',
            'CustomerPortalUser',
            'PortalRole',
            'PortalRoleAndSubordinates'
        ]
    },
    'FolderShare.accessLevel': {
        source: 'https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_foldershare.htm',
        values: ['View', 'EditAllContents', 'Manage']
    },
    'ListViewFilter.operation': {
        source: 'https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_listview.htm',
        values: FILTER_OPERATIONS
    },
    'ReportFilterItem.operator': {
        source: REPORT_DOC,
        values: FILTER_OPERATIONS
    },
    // FieldType.
    'CustomField.type': {
        source: 'https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/customfield.htm',
        values: [
            'AutoNumber',
            'Lookup',
            'MasterDetail',
            'Checkbox',
            'Currency',
            'Date',
            'DateTime',
            'Email',
            'Number',
            'Percent',
            'Phone',
            'Picklist',
            'MultiselectPicklist',
            'Text',
            'TextArea',
            'LongTextArea',
            'Html',
            'Url',
            'EncryptedText',
            'Summary',
            'Hierarchy',
            'File',
            'MetadataRelationship',
            'Location',
            'ExternalLookup',
            'IndirectLookup',
            'CustomDataType',
            'Time',
            'Address',
            'Array',
            'Integer',
            'Long'
        ]
    },
    // FlexiPageType.
    'FlexiPage.type': {
        source: FLEXIPAGE_DOC,
        values: [
            'AppPage',
            'ObjectPage',
            'RecordPage',
            'HomePage',
            'ForecastingPage',
            'MailAppAppPage',
            'CommAppPage',
            'CommForgotPasswordPage',
            'CommLoginPage',
            'CommObjectPage',
            'CommQuickActionCreatePage',
            'CommRecordPage',
            'CommRelatedListPage',
            'CommSearchResultPage',
            'CommGlobalSearchResultPage',
            'CommSelfRegisterPage',
            'CommThemeLayoutPage',
            'UtilityBar',
            'RecordPreview',
            'EmbeddedServicePage',
            'CommCheckoutPage',
            'CommOrderConfirmationPage',
            'CommFlowPage',
            'EmailTemplatePage',
            'ApplicationLayout',
            'CommNoSearchResultsPage',
            'CommElectronicSignaturePage',
            'CommContractDocumentsPage',
            'CommContractDetailViewPage',
            'EmailContentPage',
            'ServiceDocument',
            'LandingPage',
            'CdpRecordPage',
            'SlackAppHome',
            'SlackMessage',
            'SlackModal',
            'SlackNotification',
            'EasyHomePage',
            'CardPage',
            'VoiceExtension',
            'ConfiguratorAppPage',
            'OmniSupervisorPage',
            'MobileAppPage'
        ]
    },
    'FlexiPageRegion.type': { source: FLEXIPAGE_DOC, values: ['Region', 'Facet', 'Background'] },
    'FlexiPageRegion.mode': { source: FLEXIPAGE_DOC, values: ['Append', 'Prepend', 'Replace'] }
};

/** A type's definition: the documented addition where there is one, else jsforce's copy of the WSDL. */
export function typeDefinition(name: string): TypeDefinition | undefined {
    return ADDITIONS[name] ?? (ApiSchemas as unknown as Record<string, TypeDefinition>)[name];
}
