import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { browserSkip, launchChromium } from './chromium.ts';
import { renderHtmlReport } from '../../scripts/lib/htmlReport.ts';
import { REPO_ROOT } from '../../scripts/lib/paths.ts';
import type { Distribution, RunReport } from '../../scripts/lib/report.ts';
import { NO_SAFETY_STOP } from '../helpers/reportParts.ts';

const skip = browserSkip('report.html');
// Under out/ like every test output; the README's report picture comes from a real run, not from this fixture.
const SCREENSHOT = path.join(REPO_ROOT, 'out/screenshots/report.png');

const TYPES = ['Win-back', 'Get', 'Grow', 'Keep'];
const SEGMENTS = ['1+', '10+', '30+', '75+', '150+', '500+'];
const NAMES = [
    'Installatiebedrijf Jansen & Zn.',
    'De Vries Verwarming B.V.',
    '<script>alert("niet uitvoeren")</script> Techniek',
    'Bakker "De Warmtepomp" Service',
    'Van den Berg Installaties',
    'Smit Klimaattechniek',
    'Mulder Cv & Sanitair',
    'Visser Duurzaam Wonen',
    'Meijer Installatietechniek',
    'Bos Comfort Groep',
    'Peters Loodgieters',
    'Hendriks Energie'
];

/** Spreads `total` over the segments by weight, whole numbers that add up exactly. */
function spread(total: number, weights: number[]): number[] {
    const sum = weights.reduce((a, b) => a + b, 0);
    const parts = weights.map((weight) => Math.floor((total * weight) / sum));
    const largest = weights.indexOf(Math.max(...weights));
    parts[largest]! += total - parts.reduce((a, b) => a + b, 0);
    return parts;
}

const columnTotals = (table: Record<string, Distribution>) => {
    const totals: Distribution = {};
    for (const row of Object.values(table))
        for (const [key, value] of Object.entries(row)) totals[key] = (totals[key] ?? 0) + value;
    return totals;
};

/** A night at a mid-sized NL org: 6,4k brand details, some moving type, a few failures. All counts agree. */
function realisticReport(): RunReport {
    const transitions: Record<string, Distribution> = {
        'Win-back': { 'Win-back': 612, Get: 41, Grow: 9 },
        Get: { Get: 1480, Grow: 133, 'Win-back': 27, '(geen)': 3 },
        Grow: { Grow: 2187, Keep: 96, Get: 58 },
        Keep: { Keep: 1203, Grow: 71 },
        '(geen)': { '(geen)': 181, Get: 22, Grow: 5 }
    };
    const after = columnTotals(transitions);
    const before = Object.fromEntries(
        Object.entries(transitions).map(([type, row]) => [
            type,
            Object.values(row).reduce((a, b) => a + b, 0)
        ])
    );
    const profiles: Record<string, number[]> = {
        'Win-back': [30, 34, 22, 9, 4, 1],
        Get: [20, 33, 29, 12, 5, 1],
        Grow: [10, 28, 34, 18, 8, 2],
        Keep: [9, 25, 33, 21, 10, 2]
    };
    const typeBySegment: Record<string, Distribution> = { '(geen)': { '(geen)': after['(geen)'] ?? 0 } };
    for (const type of TYPES) {
        const parts = spread(after[type] ?? 0, profiles[type]!);
        typeBySegment[type] = Object.fromEntries(
            SEGMENTS.map((segment, index) => [segment, parts[index] ?? 0])
        );
    }
    const total = Object.values(after).reduce((a, b) => a + b, 0);
    const [changed, locked] = [612, 53];
    const downgrades = Array.from({ length: 24 }, (_, index) => {
        const [from, to] = [
            ['Keep', 'Grow'],
            ['Grow', 'Get'],
            ['Get', 'Win-back']
        ][index % 3] as [string, string];
        return {
            id: `a01KZ00000${String(1000 + index).padStart(8, '0')}`,
            accountId: `001KZ0000${String(5000 + index).padStart(9, '0')}`,
            accountName: index === 7 ? null : (NAMES[index % NAMES.length] ?? null),
            brand: index % 4 === 0 ? 'AWB' : 'Vaillant',
            from,
            to
        };
    });
    return {
        reportVersion: 2,
        source: { kind: 'org', label: 'org vaillant-prod' },
        dryRun: false,
        configFile: 'force-app/main/default/staticresources/segmentationConfig.json',
        startedAt: '2026-11-25T01:15:00.000Z',
        finishedAt: '2026-11-25T01:19:42.000Z',
        durationMs: 282_000,
        axes: {
            customerTypes: ['Win-back', 'Get', 'Grow', 'Keep'],
            segments: ['1+', '10+', '30+', '75+', '150+', '500+']
        },
        records: {
            accountsRead: 3318,
            potentialsRead: 19_877,
            brandDetailsRead: total + 1,
            rejected: 3,
            rejectedByObject: { Account: 0, Potential__c: 3, Brand_Detail__c: 0 },
            heldInstallers: 0,
            held: 0,
            changed,
            unchanged: total - changed - locked,
            locked,
            lockedWouldChange: 11,
            written: changed - 2,
            failed: 2,
            potentialsToUpsert: 1512,
            potentialsNew: 504,
            potentialsToKey: 0,
            potentialsWritten: 1512
        },
        held: [],
        safetyStop: NO_SAFETY_STOP,
        changeCheck: { readInFull: true, reason: 'Brand_Detail__c: records changed since the last run' },
        estimate: {
            status: 'done',
            estimatedInstallers: 252,
            trainingInstallers: 2860,
            rowsToUpsert: 1512,
            quality: {
                folds: 5,
                heldOutInstallers: 2860,
                mae: { model: 7.4, baseline: 13.9 },
                segmentAccuracy: { model: 0.684, baseline: 0.471 },
                typeAccuracy: { model: 0.792, baseline: 0.603 }
            }
        },
        before: { customerType: before, segment: {} },
        after: { customerType: after, segment: columnTotals(typeBySegment) },
        transitions,
        typeBySegment,
        downgrades,
        downgradeCount: 1230,
        tasks: {
            requested: true,
            wanted: 412,
            wantedByReason: { 'Bezoek gepland': 380, 'Type klant gedaald': 32 },
            created: 57,
            alreadyOpen: 349,
            alreadyClosed: 4,
            failed: 2,
            nextVisitDue: '2026-11-26'
        },
        instanceUrl: 'https://vaillant-nl.my.salesforce.com',
        api: {
            requests: 45,
            byKind: { identity: 1, count: 3, query: 18, queryMore: 12, compositeWrite: 11 },
            dailyMax: 150_000,
            dailyRemaining: 141_206
        },
        jobs: [],
        files: {
            brandDetailUpdates: '/var/log/klantsegmentatie/2026-11-25/Brand_Detail__c.update.csv',
            potentialKeys: '/var/log/klantsegmentatie/2026-11-25/Potential__c.update.csv',
            potentialUpserts: '/var/log/klantsegmentatie/2026-11-25/Potential__c.upsert.csv',
            followUpsWanted: '/var/log/klantsegmentatie/2026-11-25/Task.wanted.csv',
            followUpInserts: '/var/log/klantsegmentatie/2026-11-25/Task.insert.csv',
            errors: '/var/log/klantsegmentatie/2026-11-25/errors.csv',
            html: '/var/log/klantsegmentatie/2026-11-25/report.html',
            report: '/var/log/klantsegmentatie/2026-11-25/report.json'
        },
        outcome: {
            status: 'partial',
            exitCode: 1,
            reason: '3 input records rejected, 2 writes failed: see /var/log/klantsegmentatie/2026-11-25/errors.csv',
            next: 'errors.csv lists each record'
        }
    };
}

let browser: Browser;
let dir: string;

before(async () => {
    if (skip) return;
    browser = await launchChromium();
    dir = await mkdtemp(path.join(os.tmpdir(), 'report-html-'));
});

after(async () => {
    await browser?.close();
    // Never made when the suite is skipped.
    if (dir) await rm(dir, { recursive: true, force: true });
});

/** Opens the page as a file, like a person double-clicking report.html; records console errors and requests. */
async function open(
    name: string,
    markup: string
): Promise<{ page: Page; problems: string[]; requests: string[] }> {
    const file = path.join(dir, name);
    await writeFile(file, markup);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning')
            problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, problems, requests };
}

test(
    'report.html in chromium: readable, no console errors, no network; a screenshot under out/',
    { skip },
    async () => {
        const report = realisticReport();
        const { page, problems, requests } = await open(
            'report.html',
            renderHtmlReport(report, { simulation: false })
        );

        assert.equal(await page.title(), 'Klantsegmentatie — 25 november 2026 — org vaillant-prod');
        await page
            .getByRole('heading', { level: 1, name: 'Klantsegmentatie — herclassificatie' })
            .waitFor({ state: 'visible' });
        for (const heading of [
            'Kerncijfers',
            'Verdeling type klant × segment',
            'Verschuivingen type klant (oud → nieuw)',
            'Gedaalde installateurs',
            'Opvolgtaken',
            'Kwaliteit van de schatting',
            'Fouten',
            'Resultaat'
        ]) {
            assert.ok(
                await page.getByRole('heading', { level: 2, name: heading, exact: true }).isVisible(),
                heading
            );
        }
        const text = await page.locator('body').innerText();
        assert.match(text, /Gedeeltelijk geslaagd · exitcode 1/);
        assert.match(text, /Installateurs\s+3\.318/);
        assert.match(text, /nog 141\.206 van 150\.000 over vandaag/);
        assert.match(text, /In totaal zijn 1\.230 merkgegevens gedaald; hier staan de eerste 24/);
        assert.match(text, /Nodig\s+412\s+Bezoek gepland 380, Type klant gedaald 32/);
        assert.match(text, /Al afgesloten\s+4\s+voor deze aanleiding: niet opnieuw/);
        assert.match(text, /Het eerstvolgende bezoek dat aan de beurt komt: 26 november 2026\./);
        assert.match(
            text,
            /<script>alert\("niet uitvoeren"\)<\/script> Techniek/,
            'the hostile name is shown as text'
        );
        assert.doesNotMatch(text, /SIMULATIE/);

        // The heat map is a real table: its caption names it, its headers are headers.
        const heat = page.getByRole('table', { name: /Aantal merkgegevens na deze run/ });
        assert.ok(await heat.isVisible());
        assert.deepEqual(await heat.getByRole('columnheader').allInnerTexts(), [
            'Type klant ↓ · segment →',
            ...SEGMENTS,
            'Geen segment',
            'Totaal'
        ]);
        assert.deepEqual(await heat.getByRole('rowheader').allInnerTexts(), [
            ...TYPES,
            'Geen type',
            'Totaal'
        ]);
        const darkest = await heat.locator('td[style]').evaluateAll((cells) =>
            cells
                .map((cell) => ({ text: cell.textContent ?? '', colour: getComputedStyle(cell).color }))
                .filter((cell) => cell.colour === 'rgb(255, 255, 255)')
                .map((cell) => cell.text)
        );
        assert.ok(darkest.length > 0, 'the busiest cells are dark with white text');

        const links = page.getByRole('link', { name: /openen in Salesforce/ });
        assert.equal(await links.count(), 24);
        assert.equal(
            await links.first().getAttribute('href'),
            'https://vaillant-nl.my.salesforce.com/lightning/r/Brand_Detail__c/a01KZ0000000001000/view'
        );

        assert.deepEqual(problems, [], 'no console errors or warnings');
        assert.deepEqual(
            requests.filter((url) => !url.startsWith('file:')),
            [],
            'the page loads nothing from the network'
        );
        assert.equal(await page.evaluate(() => document.scripts.length), 0);
        assert.equal(
            await page.evaluate(() => document.documentElement.scrollWidth),
            1280,
            'nothing sticks out sideways at 1280 px'
        );

        await mkdir(path.dirname(SCREENSHOT), { recursive: true });
        await page.screenshot({ path: SCREENSHOT, fullPage: true });
        await page.close();
    }
);

test('a simulation shows its banner at the top; a CSV run has no links', { skip }, async () => {
    const report: RunReport = {
        ...realisticReport(),
        source: { kind: 'csv', label: 'exports/2026-11-24' },
        instanceUrl: null,
        records: { ...realisticReport().records, written: 0, potentialsWritten: 0 }
    };
    const { page, problems } = await open('simulation.html', renderHtmlReport(report, { simulation: true }));
    const banner = page.getByRole('note');
    assert.ok(await banner.isVisible());
    assert.match(
        await banner.innerText(),
        /^SIMULATIE \(what-if\)[\s\S]*Er is niets in Salesforce gewijzigd\.$/
    );
    const box = await banner.boundingBox();
    assert.ok(box && box.y < 60, 'the banner is the first thing on the page');
    assert.equal(await page.getByRole('link').count(), 0);
    assert.deepEqual(problems, []);
    await page.close();
});
