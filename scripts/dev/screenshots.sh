#!/usr/bin/env bash
# `npm run screenshots`: refreshes the pictures in docs/screenshots/ on purpose (the browser tests write theirs
# under out/): every preview state of the panels and the worklist at desktop and phone width, and report.html of
# a real `npm run demo` night (run in out/report-demo, never the admin's out/demo), each checked as in the tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -x /usr/bin/chromium ]; then
    echo "!!! /usr/bin/chromium is missing: run npm run setup:browser first." >&2
    exit 1
fi
# States that no longer exist must not leave their old pictures behind.
rm -f docs/screenshots/brand-detail-*.png docs/screenshots/account-*.png docs/screenshots/worklist*.png
SCREENSHOT_DIR=docs/screenshots node --import tsx --test --test-concurrency=1 \
    test/browser/panels.browser.test.ts test/browser/report.browser.test.ts
