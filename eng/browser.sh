#!/usr/bin/env bash
# Makes headless Chromium and its driver available for the browser test of the page that `sentimentkit serve`
# serves: Debian's `chromium` and `chromium-driver` packages, installed with apt-get when missing and this runs as
# root (CI: a fresh Debian as root, no stdin). Prints the two paths on success; exits 1 with a one-line reason
# when they cannot be had, and the browser test then skips with that reason.
# Usage: eng/browser.sh [--check]     (--check: only look, install nothing)
set -euo pipefail

find_browser() { command -v chromium || command -v chromium-browser || true; }
find_driver() { command -v chromedriver || { [ -x /usr/bin/chromedriver ] && echo /usr/bin/chromedriver; } || true; }

say() { printf 'browser.sh: %s\n' "$*" >&2; }

browser=$(find_browser)
driver=$(find_driver)
if [ -z "$browser" ] || [ -z "$driver" ]; then
    if [ "${1:-}" = --check ]; then
        say "chromium or chromedriver is not installed (eng/browser.sh installs them as root on Debian)"
        exit 1
    fi
    if [ "$(id -u)" != 0 ] || ! command -v apt-get > /dev/null; then
        say "chromium and chromium-driver are missing and cannot be installed here (needs root and apt-get); install them to run the browser test"
        exit 1
    fi
    log=${TMPDIR:-/tmp}/sentimentkit-browser-apt.log
    say "installing chromium and chromium-driver with apt-get (log: $log)"
    if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver fonts-liberation; } > "$log" 2>&1 < /dev/null; then
        tail -n 20 "$log" >&2
        say "apt-get could not install chromium and chromium-driver (full log: $log)"
        exit 1
    fi
    browser=$(find_browser)
    driver=$(find_driver)
    if [ -z "$browser" ] || [ -z "$driver" ]; then
        say "chromium-driver was installed but chromium or chromedriver is still not on PATH"
        exit 1
    fi
fi
printf '%s\n%s\n' "$browser" "$driver"
