import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { REPO_ROOT } from '../../scripts/lib/paths.ts';

/** Debian's Chromium: the browser tests never download or install a browser (npm run setup:browser does). */
export const CHROMIUM = '/usr/bin/chromium';

/** Where the browser tests put their screenshots: out/ unless `npm run screenshots` asks for docs/screenshots. */
export const SCREENSHOT_DIR = path.resolve(REPO_ROOT, process.env.SCREENSHOT_DIR ?? 'out/screenshots');

function skipReason(): string | false {
    if (process.env.SKIP_BROWSER_TESTS === '1') {
        return 'SKIP_BROWSER_TESTS=1';
    }
    return existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing (npm run setup:browser installs it)`;
}

/**
 * Whether a browser suite runs: false, or the reason it is skipped, which is also printed loudly, because a
 * silent skip would let the panels and the report go unseen.
 * @param suite the suite's name, as the warning names it
 */
export function browserSkip(suite: string): string | false {
    const reason = skipReason();
    if (reason) {
        console.error(`\n!!! SKIPPED browser suite "${suite}": ${reason}.\n`);
    }
    return reason;
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
