#!/usr/bin/env bash
# The browser tests drive Debian's Chromium. Install it when it is missing (as root, with apt); when apt cannot
# reach its mirror, say so loudly and let the tests skip (SKIP_BROWSER_TESTS=1 is then set by the caller).
set -u
[ -x /usr/bin/chromium ] && exit 0
if [ "${SKIP_BROWSER_TESTS:-}" = "1" ]; then
    echo "!!! SKIP_BROWSER_TESTS=1 and /usr/bin/chromium is missing: the browser tests are SKIPPED." >&2
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Chromium is missing: installing Debian's chromium with apt-get ..." >&2
    if (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >&2; then
        exit 0
    fi
fi
echo "" >&2
echo "!!! /usr/bin/chromium is missing and could not be installed (apt unreachable or not root)." >&2
echo "!!! Install it with: sudo apt-get install chromium   — the browser tests cannot run without it." >&2
exit 1
