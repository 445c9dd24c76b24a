import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { CLASSIFICATION_FIELDS, brandDetailFields } from 'c/segmentRules';
import { readBrandDetail, readInstaller, readPotentialRows } from 'c/installerRecords';
import { currentClassification } from 'c/segmentationView';
import { installerScenario } from 'test-utils';
import config from '../../../staticresources/segmentationConfig.json';

/*
 * The panel and the nightly command classify the same installer the same way. Each fixture installer (the UI API
 * records the panels read) goes two ways: through the panel's own view logic, and, as Data Loader CSV files,
 * through the real command (`reclassify --from-csv`, in its own Node process). Every classification field of
 * every brand detail must agree.
 */

const REPO = resolve(__dirname, '../../../../../..');
const SCENARIOS = ['Keep', 'Grow', 'Get', 'WinBack', 'Locked', 'Estimate', 'NoPotential'];
const HEADERS = Object.fromEntries(
    ['Account', 'Brand_Detail__c', 'Potential__c'].map((object) => [
        object,
        readFileSync(join(REPO, `data/csv/${object}.csv`), 'utf8')
            .split(/\r?\n/)[0]
            .split(',')
    ])
);

/** A fixture Id made unique per scenario (every scenario is the same installer), still 18 characters. */
const scenarioId = (id, index) => `${id.slice(0, 5)}${String(index).padStart(3, '0')}${id.slice(8)}`;

/** A CSV cell as Data Loader exports it: empty for null. */
const cell = (value) => (value === null || value === undefined ? '' : String(value));

function csvRow(header, values) {
    return Object.fromEntries(header.map((column) => [column, cell(values[column])]));
}

const valuesOf = (record) =>
    Object.fromEntries(Object.entries(record.fields).map(([field, { value }]) => [field, value]));

/** The scenario's records as CSV rows, the owned fields of the brand details blank so every one is written. */
function csvRows(scenario, index) {
    const { account, brandDetails, potentials } = scenario;
    const accountId = scenarioId(account.data.id, index);
    const owned = new Set(CLASSIFICATION_FIELDS.filter((field) => field !== 'VG_Ever_Had_Share__c'));
    return {
        Account: [csvRow(HEADERS.Account, { ...valuesOf(account.data), Id: accountId })],
        Brand_Detail__c: brandDetails.data.records.map((record) => {
            const values = Object.fromEntries(
                Object.entries(valuesOf(record)).filter(([field]) => !owned.has(field))
            );
            // A locked record is classified all the same; unlocked, the command writes what it computed.
            return csvRow(HEADERS.Brand_Detail__c, {
                ...values,
                Id: scenarioId(record.id, index),
                Account__c: accountId,
                Classification_Locked__c: false
            });
        }),
        Potential__c: potentials.data.records.map((record) => {
            const values = valuesOf(record);
            return csvRow(HEADERS.Potential__c, {
                ...values,
                Id: scenarioId(record.id, index),
                Account__c: accountId,
                Key__c: `${accountId}|${values.Product_Group__c}|${values.Brand__c}`
            });
        })
    };
}

/** What the panel computes for each brand detail of a scenario, as the owned field values. */
function panelClassification(scenario) {
    const details = scenario.brandDetails.data.records.map((record) => readBrandDetail(record));
    const installer = readInstaller(scenario.account.data, details);
    const { classification } = currentClassification(
        installer,
        readPotentialRows(scenario.potentials.data.records),
        config
    );
    return details.map((detail) => ({
        id: detail.id,
        fields: brandDetailFields(classification, detail.lastVisitDate, config)
    }));
}

/** A field value from a CSV cell or from the rules, compared as the org would store it. */
function comparable(value) {
    if (value === null || value === undefined || value === '' || value === '#N/A') {
        return null;
    }
    if (value === 'true' || value === 'false') {
        return value === 'true';
    }
    return typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

describe('the panel and the nightly command', () => {
    let dir;
    let commandRows;

    beforeAll(() => {
        dir = mkdtempSync(join(tmpdir(), 'panel-parity-'));
        const input = join(dir, 'org');
        const output = join(dir, 'out');
        const rows = { Account: [], Brand_Detail__c: [], Potential__c: [] };
        SCENARIOS.forEach((name, index) => {
            const scenarioRows = csvRows(installerScenario(name), index);
            for (const object of Object.keys(rows)) {
                rows[object].push(...scenarioRows[object]);
            }
        });
        mkdirSync(input);
        for (const [object, objectRows] of Object.entries(rows)) {
            writeFileSync(
                join(input, `${object}.csv`),
                stringify(objectRows, { header: true, columns: HEADERS[object] })
            );
        }
        // The command's own process, with the Node that runs these tests: exit 0 or the test fails here.
        execFileSync(
            process.execPath,
            [
                '--import',
                'tsx',
                'scripts/reclassify.ts',
                '--from-csv',
                input,
                '--out',
                output,
                '--no-estimate'
            ],
            // Its run lock goes to this test's temp dir too, which is removed afterwards.
            { cwd: REPO, stdio: 'pipe', env: { ...process.env, TMPDIR: dir } }
        );
        const stored = new Map(rows.Brand_Detail__c.map((row) => [row.Id, row]));
        const updates = parse(readFileSync(join(output, 'Brand_Detail__c.update.csv'), 'utf8'), {
            columns: true
        });
        // Data Loader's view: an empty cell leaves the stored value.
        commandRows = new Map(
            [...stored].map(([id, row]) => {
                const update = updates.find((candidate) => candidate.Id === id) ?? {};
                const written = Object.entries(update).filter(([, value]) => value !== '');
                return [id, { ...row, ...Object.fromEntries(written) }];
            })
        );
    });

    afterAll(() => {
        rmSync(dir, { recursive: true, force: true });
    });

    it.each(SCENARIOS.map((name, index) => [name, index]))(
        'classify installer %s the same way',
        (name, index) => {
            const panel = panelClassification(installerScenario(name));
            expect(panel.length).toBeGreaterThan(0);
            for (const { id, fields } of panel) {
                const command = commandRows.get(scenarioId(id, index));
                for (const field of CLASSIFICATION_FIELDS) {
                    expect([field, comparable(command[field])]).toEqual([field, comparable(fields[field])]);
                }
            }
        }
    );
});
