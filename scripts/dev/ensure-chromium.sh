#!/usr/bin/env bash
# `npm run setup:browser` and the browser step of .ci/run: the browser tests drive Debian's Chromium
# (/usr/bin/chromium). Installs it with apt when it is missing (as root, or through sudo); the tests themselves
# never install anything, and skip loudly without it.
set -u
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" = "0" ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "!!! /usr/bin/chromium is missing and this user cannot install it: run as root: apt-get install chromium" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "!!! /usr/bin/chromium is missing and there is no apt-get here: install Debian's chromium another way." >&2
    exit 1
fi
echo "Installing Debian's chromium with apt-get ..." >&2
if "${as_root[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq chromium >&2; then
    exit 0
fi
echo "!!! Installing chromium failed (apt unreachable?): the browser tests will be skipped." >&2
exit 1
