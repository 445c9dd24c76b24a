import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ComponentSet, MetadataConverter, type SourceComponent } from '@salesforce/source-deploy-retrieve';
import { XMLParser } from 'fast-xml-parser';
import { API_VERSION, METADATA_DIR, REPO_ROOT } from '../../scripts/lib/paths.ts';
import { FOLLOW_UP_REASON_FIELD } from '../../scripts/lib/followUpTasks.ts';

const REPORT_TYPE = 'Merkgegevens_met_Installateur';
const FOLDER = 'Klantsegmentatie';
const REPORTS = [
    'Installateurs_per_type_klant_en_segment',
    'Type_klant_gewijzigd_deze_maand',
    'Bezoek_te_laat_per_accountmanager'
];
/** The follow-up reports, on the standard report type "Tasks and Events". */
const TASK_REPORTS = ['Opvolging', 'Opvolging_te_laat'];
const TASKS_AND_EVENTS = 'Activity';
/**
 * The columns of the standard report type Tasks and Events this package uses, as a report on it names them: the
 * Salesforce Labs package Action Plans (SalesforceLabs/ActionPlansV4, sfdx-source/unmanaged/main/default/reports/
 * ActionPlans/My_Action_Plan_Tasks_duY.report-meta.xml) uses SUBJECT, WHAT_NAME, ACCOUNT, DUE_DATE, STATUS,
 * ASSIGNED and CLOSED, and a custom activity field as Activity.<field>.
 */
const TASK_COLUMNS = ['SUBJECT', 'WHAT_NAME', 'ACCOUNT', 'DUE_DATE', 'STATUS', 'ASSIGNED', 'CLOSED'];

const ARRAYS = new Set([
    'sections',
    'columns',
    'criteriaItems',
    'groupingsDown',
    'groupingsAcross',
    'dashboardGridComponents',
    'groupingColumn',
    'chartSummary',
    'folderShares',
    'params'
]);
const parser = new XMLParser({ isArray: (name) => ARRAYS.has(name), parseTagValue: false });
const parse = <T>(file: string) => parser.parse(readFileSync(file, 'utf8')) as T;

/** Standard fields the report type exposes; custom fields must exist as files in force-app. */
const STANDARD_FIELDS: Record<string, string[]> = {
    Account: ['Name', 'Owner', 'BillingCity'],
    Brand_Detail__c: ['Name']
};

function fieldExists(object: string, field: string): boolean {
    return (
        STANDARD_FIELDS[object]?.includes(field) ||
        existsSync(path.join(METADATA_DIR, 'objects', object, 'fields', `${field}.field-meta.xml`))
    );
}

type ReportTypeXml = {
    ReportType: {
        baseObject: string;
        deployed: string;
        join: { outerJoin: string; relationship: string };
        sections: { masterLabel: string; columns: { field: string; table: string }[] }[];
    };
};
type Grouping = { field: string };
type ReportXml = {
    Report: {
        name: string;
        description?: string;
        format: string;
        reportType: string;
        columns?: { field: string }[];
        groupingsDown?: Grouping[];
        groupingsAcross?: Grouping[];
        filter?: {
            booleanFilter?: string;
            criteriaItems: { column: string; operator: string; value?: string }[];
        };
        timeFrameFilter?: { dateColumn: string; interval: string };
        sortColumn?: string;
        params?: { name: string; value: string }[];
        scope: string;
    };
};
type DashboardXml = {
    Dashboard: {
        title: string;
        dashboardGridLayout: {
            dashboardGridComponents: {
                dashboardComponent: {
                    report: string;
                    componentType: string;
                    groupingColumn?: string[];
                    chartSummary?: { column: string }[];
                };
            }[];
        };
    };
};

/** The child object behind Account's relationship: the master-detail field whose relationshipName it is. */
function childOfAccount(relationship: string): string | undefined {
    for (const object of readdirSync(path.join(METADATA_DIR, 'objects'))) {
        const dir = path.join(METADATA_DIR, 'objects', object, 'fields');
        if (!existsSync(dir)) continue;
        for (const file of readdirSync(dir)) {
            const field = parse<{ CustomField: { referenceTo?: string; relationshipName?: string } }>(
                path.join(dir, file)
            ).CustomField;
            if (field.referenceTo === 'Account' && `${field.relationshipName}__r` === relationship)
                return object;
        }
    }
    return undefined;
}

const components = ComponentSet.fromSource(path.join(REPO_ROOT, 'force-app'));
const sourceOf = (type: string, fullName: string): SourceComponent | undefined =>
    components
        .getSourceComponents()
        .toArray()
        .find((component) => component.type.name === type && component.fullName === fullName);

function xmlOf(type: string, fullName: string): string {
    const component = sourceOf(type, fullName);
    assert.ok(component?.xml, `${type} ${fullName} resolves in force-app`);
    return component.xml;
}

const reportType = () => parse<ReportTypeXml>(xmlOf('ReportType', REPORT_TYPE)).ReportType;
const report = (name: string) => parse<ReportXml>(xmlOf('Report', `${FOLDER}/${name}`)).Report;

/** Report columns on a custom report type are `<table>$<field>`; the table and field must be in the type. */
function exposedColumns(): Map<string, { object: string; field: string }> {
    const type = reportType();
    const tables = new Map([
        ['Account', 'Account'],
        [`Account.${type.join.relationship}`, childOfAccount(type.join.relationship) ?? '(missing)']
    ]);
    const columns = new Map<string, { object: string; field: string }>();
    for (const section of type.sections) {
        for (const column of section.columns) {
            columns.set(`${column.table}$${column.field}`, {
                object: tables.get(column.table) ?? '(unknown table)',
                field: column.field
            });
        }
    }
    return columns;
}

function referencedColumns(xml: ReportXml['Report']): string[] {
    return [
        ...(xml.columns ?? []).map((column) => column.field),
        ...(xml.groupingsDown ?? []).map((grouping) => grouping.field),
        ...(xml.groupingsAcross ?? []).map((grouping) => grouping.field),
        ...(xml.filter?.criteriaItems ?? []).map((item) => item.column),
        ...(xml.timeFrameFilter ? [xml.timeFrameFilter.dateColumn] : []),
        ...(xml.sortColumn ? [xml.sortColumn] : [])
    ];
}

test('Salesforce source-deploy-retrieve resolves the report type, folders, reports and dashboard, and converts them', async () => {
    const expected: [string, string][] = [
        ['ReportType', REPORT_TYPE],
        ['ReportFolder', FOLDER],
        ...[...REPORTS, ...TASK_REPORTS].map((name): [string, string] => ['Report', `${FOLDER}/${name}`]),
        ['DashboardFolder', FOLDER],
        ['Dashboard', `${FOLDER}/Klantsegmentatie`]
    ];
    for (const [type, fullName] of expected) {
        assert.ok(sourceOf(type, fullName), `${type} ${fullName}`);
    }
    const out = await mkdtemp(path.join(os.tmpdir(), 'mdapi-reports-'));
    try {
        const reporting = new ComponentSet(expected.map(([type, fullName]) => sourceOf(type, fullName)!));
        const result = await new MetadataConverter().convert(reporting, 'metadata', {
            type: 'directory',
            outputDirectory: out
        });
        const root = result.packagePath ?? out;
        const manifest = await readFile(path.join(root, 'package.xml'), 'utf8');
        assert.match(manifest, new RegExp(`<version>${API_VERSION}</version>`));
        // In package.xml a folder is listed with its contents' type (Report, Dashboard).
        const manifestType = (type: string) =>
            ({ ReportFolder: 'Report', DashboardFolder: 'Dashboard' })[type] ?? type;
        for (const [type, fullName] of expected) {
            const member = type.endsWith('Folder') ? `${fullName}/?` : fullName;
            assert.match(
                manifest,
                new RegExp(`<members>${member}</members>[\\s\\S]*?<name>${manifestType(type)}</name>`),
                `${type} ${fullName} in package.xml`
            );
        }
        for (const file of [
            `reportTypes/${REPORT_TYPE}.reportType`,
            `reports/${FOLDER}-meta.xml`,
            ...[...REPORTS, ...TASK_REPORTS].map((name) => `reports/${FOLDER}/${name}.report`),
            `dashboards/${FOLDER}-meta.xml`,
            `dashboards/${FOLDER}/Klantsegmentatie.dashboard`
        ]) {
            assert.ok(existsSync(path.join(root, file)), `converted ${file}`);
        }
    } finally {
        await rm(out, { recursive: true, force: true });
    }
});

test('the report type joins Account to its brand details and exposes only fields that exist', () => {
    const type = reportType();
    assert.equal(type.baseObject, 'Account');
    assert.equal(type.deployed, 'true');
    assert.equal(type.join.relationship, 'Brand_Details__r');
    assert.equal(type.join.outerJoin, 'false', 'only installers with brand details');
    assert.equal(
        childOfAccount(type.join.relationship),
        'Brand_Detail__c',
        'Brand_Details__r is the master-detail Brand_Detail__c.Account__c'
    );
    assert.deepEqual(
        type.sections.map((section) => section.masterLabel),
        ['Installateur', 'Merkgegevens']
    );
    for (const [key, { object, field }] of exposedColumns()) {
        assert.ok(
            fieldExists(object, field),
            `${key}: ${object}.${field} does not exist in force-app/main/default/objects`
        );
    }
});

/** What every report must be, whatever its type: name and description fit, groupings are not repeated as columns. */
function assertReportShape(name: string, xml: ReportXml['Report']) {
    assert.ok(xml.name.length <= 40, `${name}: report names have at most 40 characters`);
    assert.ok((xml.description ?? '').length <= 255, `${name}: description at most 255 characters`);
    const grouped = new Set(
        [...(xml.groupingsDown ?? []), ...(xml.groupingsAcross ?? [])].map((grouping) => grouping.field)
    );
    for (const column of xml.columns ?? []) {
        assert.ok(!grouped.has(column.field), `${name}: ${column.field} is both a grouping and a column`);
    }
}

test('every report uses the custom report type and only fields it exposes; groupings are not repeated as columns', () => {
    const exposed = exposedColumns();
    for (const name of REPORTS) {
        const xml = report(name);
        assert.equal(xml.reportType, `${REPORT_TYPE}__c`, name);
        assertReportShape(name, xml);
        for (const column of referencedColumns(xml)) {
            const target = exposed.get(column);
            assert.ok(target, `${name}: ${column} is not a column of ${REPORT_TYPE}`);
            assert.ok(fieldExists(target.object, target.field), `${name}: ${column} does not exist`);
        }
    }
});

test('the three reports say what the sales manager asked for', () => {
    const matrix = report('Installateurs_per_type_klant_en_segment');
    assert.equal(matrix.name, 'Installateurs per type klant en segment');
    assert.equal(matrix.format, 'Matrix');
    assert.deepEqual(
        matrix.groupingsDown?.map((g) => g.field),
        ['Account.Brand_Details__r$Customer_Type__c']
    );
    assert.deepEqual(
        matrix.groupingsAcross?.map((g) => g.field),
        ['Account.Brand_Details__r$Potential_Segment__c']
    );

    const changed = report('Type_klant_gewijzigd_deze_maand');
    assert.equal(changed.name, 'Type klant gewijzigd deze maand');
    assert.deepEqual(changed.timeFrameFilter, {
        dateColumn: 'Account.Brand_Details__r$Customer_Type_Changed_On__c',
        interval: 'INTERVAL_THISMONTH'
    });
    const changedColumns = (changed.columns ?? []).map((column) => column.field);
    assert.ok(changedColumns.includes('Account.Brand_Details__r$Previous_Customer_Type__c'));
    assert.ok(changedColumns.includes('Account.Brand_Details__r$Customer_Type__c'));

    const late = report('Bezoek_te_laat_per_accountmanager');
    assert.equal(late.name, 'Bezoek te laat per accountmanager');
    assert.equal(late.format, 'Summary');
    assert.deepEqual(
        late.groupingsDown?.map((g) => g.field),
        ['Account$Owner']
    );
    assert.equal(late.filter?.booleanFilter, '1 OR 2', 'the same logic as the list view Bezoek te laat');
    assert.deepEqual(
        late.filter?.criteriaItems.map((item) => [item.column, item.operator, item.value ?? '']),
        [
            ['Account.Brand_Details__r$Next_Visit_Due__c', 'lessThan', 'TODAY'],
            ['Account.Brand_Details__r$Last_Visit_Date__c', 'equals', '']
        ]
    );
});

test('the follow-up reports list open package tasks per owner and reason, recognised by the reason field', () => {
    const reason = `Activity.${FOLLOW_UP_REASON_FIELD}`;
    for (const name of TASK_REPORTS) {
        const xml = report(name);
        assert.equal(xml.reportType, TASKS_AND_EVENTS, name);
        assert.equal(xml.scope, 'organization', `${name}: every task the user may see, not only their own`);
        assertReportShape(name, xml);
        for (const column of referencedColumns(xml)) {
            const field = /^Activity\.(\w+)$/.exec(column)?.[1];
            assert.ok(
                TASK_COLUMNS.includes(column) ||
                    (field &&
                        existsSync(
                            path.join(METADATA_DIR, 'objects/Activity/fields', `${field}.field-meta.xml`)
                        )),
                `${name}: ${column} is neither a Tasks and Events column nor an Activity field in force-app`
            );
        }
        assert.deepEqual(
            Object.fromEntries((xml.params ?? []).map((param) => [param.name, param.value])),
            { closed: 'open', type: 't', co: '1' },
            `${name}: open tasks only, no events`
        );
        const criteria = (xml.filter?.criteriaItems ?? []).map((item) => [
            item.column,
            item.operator,
            item.value ?? ''
        ]);
        assert.deepEqual(criteria.slice(0, 2), [
            ['CLOSED', 'equals', '0'],
            [reason, 'notEqual', '']
        ]);
        assert.ok(
            !criteria.some(([column]) => column === 'SUBJECT'),
            `${name}: never recognised by subject text`
        );
        assert.equal(xml.filter?.booleanFilter, undefined, `${name}: every criterion applies`);
        assert.deepEqual(
            [xml.groupingsDown?.map((g) => g.field), xml.groupingsAcross?.map((g) => g.field)],
            [['ASSIGNED'], [reason]],
            `${name}: owner (rows) x reason (columns)`
        );
        assert.deepEqual(
            xml.timeFrameFilter,
            { dateColumn: 'DUE_DATE', interval: 'INTERVAL_CUSTOM' },
            'any due date'
        );
    }
    assert.equal(report('Opvolging').filter?.criteriaItems.length, 2);
    assert.deepEqual(report('Opvolging_te_laat').filter?.criteriaItems.slice(2), [
        {
            column: 'DUE_DATE',
            columnToColumn: 'false',
            isUnlocked: 'true',
            operator: 'lessThan',
            value: 'TODAY'
        }
    ]);
});

test('the dashboard shows each report by its developer name, grouped as the report is', () => {
    const dashboard = parse<DashboardXml>(xmlOf('Dashboard', `${FOLDER}/Klantsegmentatie`)).Dashboard;
    assert.equal(dashboard.title, 'Klantsegmentatie');
    const shown = dashboard.dashboardGridLayout.dashboardGridComponents.map(
        (cell) => cell.dashboardComponent
    );
    assert.deepEqual(
        shown.map((component) => component.report).sort(),
        [...REPORTS, ...TASK_REPORTS].map((name) => `${FOLDER}/${name}`).sort()
    );
    for (const component of shown) {
        const name = component.report.split('/')[1] ?? '';
        assert.ok(sourceOf('Report', component.report), `${component.report} is a report in force-app`);
        const xml = report(name);
        const groupings = [...(xml.groupingsDown ?? []), ...(xml.groupingsAcross ?? [])].map(
            (grouping) => grouping.field
        );
        assert.deepEqual(
            component.groupingColumn ?? [],
            groupings.slice(0, (component.groupingColumn ?? []).length),
            `${name}: chart groups like the report`
        );
        assert.deepEqual(
            component.chartSummary?.map((summary) => summary.column),
            ['RowCount'],
            `${name}: counts records`
        );
    }
});

type FolderXml = { folderShares: { accessLevel: string; sharedTo: string; sharedToType: string }[] };

test('the report and dashboard folders are shared read-only with all internal users, as an org names them', () => {
    // An org answers readMetadata for a folder shared with all internal users with sharedTo AllInternalUsers and
    // sharedToType Organization; sharedToType Group would look for a public group of that name, which is not there.
    const folders = [
        parse<{ ReportFolder: FolderXml }>(xmlOf('ReportFolder', FOLDER)).ReportFolder,
        parse<{ DashboardFolder: FolderXml }>(xmlOf('DashboardFolder', FOLDER)).DashboardFolder
    ];
    for (const folder of folders) {
        assert.deepEqual(folder.folderShares, [
            { accessLevel: 'View', sharedTo: 'AllInternalUsers', sharedToType: 'Organization' }
        ]);
    }
});
