import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SCREENSHOT_DIR, browserSkip, launchChromium } from './chromium.ts';
import { buildPreview } from '../../scripts/preview/build.ts';
import { startPreviewServer, type PreviewServer } from '../../scripts/preview/server.ts';
import { PANELS, STATES, type PreviewState } from '../../scripts/preview/states.ts';

/**
 * The panels and the worklist in a real browser: builds the preview, opens every state in Debian's Chromium at
 * desktop and phone width, checks what a person reads, that nothing logged an error, that axe finds no WCAG 2 A/AA
 * violation (including colour contrast, which jsdom cannot judge), and saves a screenshot of each (under out/;
 * `npm run screenshots` puts them in docs/screenshots/).
 */

const skip = browserSkip('segmentation panels and worklist');
const VIEWPORTS = [
    { name: 'desktop', width: 1280, height: 900 },
    { name: 'narrow', width: 360, height: 740 }
] as const;
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type AxeViolation = { id: string; impact: string; help: string; nodes: { target: string[] }[] };

async function waitForText(page: Page, texts: string[]): Promise<void> {
    await page
        .waitForFunction(
            (wanted: string[]) => wanted.every((text) => document.body.innerText.includes(text)),
            texts,
            {
                timeout: 10_000
            }
        )
        .catch(async () => {
            const seen = await page.evaluate(() => document.body.innerText);
            assert.fail(`expected ${JSON.stringify(texts)} on the page, saw:\n${seen}`);
        });
}

async function settle(page: Page, state: PreviewState): Promise<void> {
    if (state.press) {
        // The first such button once it can be pressed (Playwright waits until it is visible and enabled).
        await page.getByRole('button', { name: state.press }).first().click();
    }
    await waitForText(page, state.expectText);
    // Let the late wires (object info, related lists) land before judging and photographing the page.
    await page.waitForTimeout(150);
    if (state.detailsText) {
        const toggle = page.getByRole('button', { name: 'Details tonen' });
        await toggle.click();
        await waitForText(page, state.detailsText);
        assert.equal(
            await page.getByRole('button', { name: 'Details verbergen' }).getAttribute('aria-expanded'),
            'true'
        );
    }
}

async function axeViolations(page: Page): Promise<AxeViolation[]> {
    await page.addScriptTag({ content: AXE_SOURCE });
    return page.evaluate(async () => {
        const axe = (
            window as unknown as {
                axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> };
            }
        ).axe;
        const result = await axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }
        });
        return result.violations.map(({ id, impact, help, nodes }) => ({
            id,
            impact,
            help,
            nodes: nodes.map((node) => ({ target: node.target }))
        }));
    });
}

/** Relative luminance of a CSS rgb()/rgba() colour (WCAG 2.1). */
function luminance(color: string): number {
    const [red = 0, green = 0, blue = 0] = (color.match(/[\d.]+/g) ?? []).map(Number).map((value) => {
        const channel = value / 255;
        return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

/**
 * The contrast of each Type klant badge's icon against the badge it sits on. axe judges the contrast of text
 * only; an icon that tells Get from Keep without colour must reach 3:1 (WCAG 2.1, 1.4.11 Non-text Contrast).
 */
async function typeBadgeIconContrasts(page: Page): Promise<{ variant: string; ratio: number }[]> {
    // Playwright's locators reach into the components' shadow trees.
    const icons = await page.locator('lightning-badge[data-variant] svg').evaluateAll((svgs) =>
        svgs.map((svg) => {
            // Up through the shadow trees: the first background behind the icon, and the badge's variant.
            let background = '';
            let variant = '';
            for (let node: Element | null = svg; node && !variant;) {
                const color = getComputedStyle(node).backgroundColor;
                if (!background && color !== 'transparent' && !/^rgba\(.*, 0\)$/.test(color)) {
                    background = color;
                }
                variant = node.getAttribute('data-variant') ?? '';
                node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);
            }
            return { variant, fill: getComputedStyle(svg).fill, background };
        })
    );
    return icons.map(({ variant, fill, background }) => {
        const [light, dark] = [luminance(fill), luminance(background)].sort((a, b) => b - a);
        return { variant, ratio: Math.round(((light! + 0.05) / (dark! + 0.05)) * 100) / 100 };
    });
}

// Two pages at a time: the machine has two cores, and each page mostly waits on the browser.
describe('segmentation panels and worklist in Chromium', { skip, concurrency: 2 }, () => {
    let browser: Browser;
    let server: PreviewServer;
    let distDir: string;

    before(async () => {
        // Built into a temp dir: the test leaves preview/dist (npm run preview's) as it found it.
        distDir = await buildPreview(await mkdtemp(path.join(os.tmpdir(), 'klantsegmentatie-preview-')));
        server = await startPreviewServer(distDir);
        await mkdir(SCREENSHOT_DIR, { recursive: true });
        browser = await launchChromium();
    });

    after(async () => {
        await browser?.close();
        await server?.close();
        if (distDir) {
            await rm(distDir, { recursive: true, force: true });
        }
    });

    for (const state of STATES) {
        for (const viewport of VIEWPORTS) {
            test(`${state.id} (${viewport.name} ${viewport.width}px)`, async () => {
                const context = await browser.newContext({
                    viewport: { width: viewport.width, height: viewport.height },
                    locale: state.lang === 'en' ? 'en-GB' : 'nl-NL',
                    timezoneId: 'Europe/Amsterdam'
                });
                const page = await context.newPage();
                const errors: string[] = [];
                page.on('console', (message) => {
                    if (message.type() === 'error' || message.type() === 'warning') {
                        errors.push(`${message.type()}: ${message.text()}`);
                    }
                });
                page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
                try {
                    await page.goto(`${server.url}/${state.id}/`, { waitUntil: 'load' });
                    await settle(page, state);

                    // The Lightning page around the component speaks the user's language too.
                    const header = PANELS[state.panel].header[state.lang ?? 'nl'];
                    assert.deepEqual(
                        {
                            meta: await page.locator('.slds-page-header__name-meta').textContent(),
                            title: await page.locator('.slds-page-header__title').textContent()
                        },
                        header
                    );

                    const panel = page.locator(PANELS[state.panel].tag);
                    assert.equal(await panel.count(), 1, 'the component is on the page');
                    const box = await panel.boundingBox();
                    assert.ok(
                        box && box.x >= 0 && box.x + box.width <= viewport.width + 0.5,
                        'the component fits the viewport width'
                    );
                    const overflow = await page.evaluate(
                        () => document.documentElement.scrollWidth - window.innerWidth
                    );
                    assert.ok(overflow <= 0, `no horizontal scrolling (${overflow}px too wide)`);

                    const violations = await axeViolations(page);
                    assert.deepEqual(violations, [], `axe: ${JSON.stringify(violations, null, 2)}`);
                    const faint = (await typeBadgeIconContrasts(page)).filter(({ ratio }) => ratio < 3);
                    assert.deepEqual(faint, [], 'every type badge icon stands out 3:1 from its badge');

                    await page.screenshot({
                        path: path.join(SCREENSHOT_DIR, `${state.id}-${viewport.name}.png`),
                        fullPage: true
                    });

                    const unexpected = errors.filter(
                        (error) => !(state.allowConsoleErrors ?? []).some((allowed) => allowed.test(error))
                    );
                    assert.deepEqual(unexpected, [], 'no console errors or warnings');
                } finally {
                    await context.close();
                }
            });
        }
    }
});
