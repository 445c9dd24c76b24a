import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium: the browser tests never download a browser of their own. */
export const CHROMIUM = '/usr/bin/chromium';

/** Only an explicit opt-out skips; the value is the reason node:test prints. */
export const BROWSER_SKIP = process.env.SKIP_BROWSER_TESTS === '1' ? 'SKIP_BROWSER_TESTS=1' : false;

if (!BROWSER_SKIP && !existsSync(CHROMIUM)) {
    // Loud on purpose: a silent skip would let the panels and the report go unseen.
    throw new Error(
        `${CHROMIUM} is missing: install it (apt-get install -y chromium) or set SKIP_BROWSER_TESTS=1 to skip the browser tests.`
    );
}

/** Headless, and quiet on a closed network (background connections would be refused, many at a time). */
export function launchChromium(): Promise<Browser> {
    return chromium.launch({
        executablePath: CHROMIUM,
        args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run'
        ]
    });
}
