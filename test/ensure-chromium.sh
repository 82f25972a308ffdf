#!/usr/bin/env bash
# The dashboard's browser test drives Debian's Chromium (never a downloaded browser). Installs it
# when missing, so `npm ci && npm test` needs nothing else on a fresh Debian machine.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing Debian's chromium for the dashboard's browser test" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "No Chromium at $CHROMIUM: run 'apt-get install -y chromium' as root, or set CHROMIUM_PATH" >&2
  exit 1
fi
