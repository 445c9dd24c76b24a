#!/usr/bin/env bash
# `npm run screenshots`: refreshes the pictures of the panels and the worklist in docs/screenshots/ on purpose (the browser tests write
# theirs under out/). Every preview state at desktop and phone width, checked as in the tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -x /usr/bin/chromium ]; then
    echo "!!! /usr/bin/chromium is missing: run npm run setup:browser first." >&2
    exit 1
fi
# States that no longer exist must not leave their old pictures behind.
rm -f docs/screenshots/brand-detail-*.png docs/screenshots/account-*.png docs/screenshots/worklist*.png
SCREENSHOT_DIR=docs/screenshots node --import tsx --test test/browser/panels.browser.test.ts
