import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { SCREENSHOT_DIR, browserSkip, launchChromium } from './chromium.ts';
import { renderHtmlReport } from '../../scripts/lib/reclassify/htmlReport.ts';
import { formatCount } from '../../scripts/lib/reclassify/htmlReport/format.ts';
import { REPO_ROOT } from '../../scripts/lib/paths.ts';
import type { RunReport } from '../../scripts/lib/reclassify/report.ts';
import { busyNightReport, HOSTILE_NAME, NIGHT_ORG } from '../helpers/reportFixture.ts';

const skip = browserSkip('report.html');
/** The demo's own folder for these pictures (out/, never the admin's out/demo), emptied before each run. */
const DEMO_DIR = path.join(REPO_ROOT, 'out/report-demo');

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

/** Opens report.html as a file, like a person double-clicking it; records console errors and requests. */
async function open(file: string): Promise<{ page: Page; problems: string[]; requests: string[] }> {
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

async function assertSelfContained(page: Page, problems: string[], requests: string[]): Promise<void> {
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
}

test("the report of a real `npm run demo` night in Chromium: the README's picture", { skip }, async () => {
    await rm(DEMO_DIR, { recursive: true, force: true });
    const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'scripts/demo.ts', '--reset', '--dir', DEMO_DIR],
        { cwd: REPO_ROOT }
    );
    const file = /^Reports: (\S+report\.html) /m.exec(stdout)?.[1];
    assert.ok(file, stdout);
    const { page, problems, requests } = await open(file);
    const text = await page.locator('body').innerText();
    assert.match(text, /Geslaagd · exitcode 0/);
    const changed = /Brand details: (\d+) changed/.exec(stdout)?.[1];
    assert.ok(
        text.includes(`${changed} van de ${changed} gewijzigde merkgegevens krijgen een ander type klant`)
    );
    await assertSelfContained(page, problems, requests);
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'report.png'), fullPage: true });
    await page.close();
});

test(
    'the report of a busy night in Chromium: readable, every downgrade listed and linked, names as text',
    { skip },
    async () => {
        const report = await busyNightReport();
        const file = path.join(dir, 'report.html');
        await writeFile(file, renderHtmlReport(report, { simulation: false }));
        const { page, problems, requests } = await open(file);

        assert.equal(await page.title(), `Klantsegmentatie — 25 november 2026 — ${NIGHT_ORG.label}`);
        await page
            .getByRole('heading', { level: 1, name: 'Klantsegmentatie — herclassificatie' })
            .waitFor({ state: 'visible' });
        for (const heading of [
            'Kerncijfers',
            'Vastgehouden installateurs',
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
        assert.ok(
            text.includes(`${formatCount(report.downgradeCount)} merkgegevens kregen een lager type klant`)
        );
        assert.ok(text.includes(HOSTILE_NAME), 'the hostile name is shown as text');
        assert.doesNotMatch(text, /SIMULATIE/);

        // The heat map is a real table: its caption names it, its headers are headers.
        const heat = page.getByRole('table', { name: /Aantal merkgegevens na deze run/ });
        assert.ok(await heat.isVisible());
        assert.deepEqual(await heat.getByRole('rowheader').allInnerTexts(), [
            'Win-back',
            'Get',
            'Grow',
            'Keep',
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

        // Every downgrade is listed (fewer than the report's limit) and on the page without scrolling it away.
        const links = page.getByRole('link', { name: /openen in Salesforce/ });
        assert.equal(await links.count(), report.downgradeCount);
        assert.equal(
            await links.first().getAttribute('href'),
            `${NIGHT_ORG.instanceUrl}/lightning/r/Brand_Detail__c/${report.downgrades[0]!.id}/view`
        );
        assert.ok(await links.last().isVisible());

        await assertSelfContained(page, problems, requests);
        // Under out/ always: the pictures in docs/ come from the demo (above).
        await mkdir(path.join(REPO_ROOT, 'out/screenshots'), { recursive: true });
        await page.screenshot({
            path: path.join(REPO_ROOT, 'out/screenshots/report-busy-night.png'),
            fullPage: true
        });
        await page.close();
    }
);

test('a simulation shows its banner at the top; a CSV run has no links', { skip }, async () => {
    const night = await busyNightReport();
    const report: RunReport = {
        ...night,
        source: { kind: 'csv', label: '/srv/exports/2026-11-24' },
        instanceUrl: null,
        dryRun: true,
        records: { ...night.records, written: 0, potentialsWritten: 0 }
    };
    const file = path.join(dir, 'simulation.html');
    await writeFile(file, renderHtmlReport(report, { simulation: true }));
    const { page, problems } = await open(file);
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
