#!/usr/bin/env bash
# The browser the UI test drives: Debian's chromium (playwright-core downloads no browser, and
# this machine can reach Debian's packages but no browser builds). Skipped when it is there.
set -euo pipefail
chromium="${HOOKSYNC_CHROMIUM:-/usr/bin/chromium}"
if [[ -x "$chromium" ]]; then exit 0; fi
if [[ $(id -u) != 0 ]]; then
  echo "[hooksync] $chromium is missing: install Debian's chromium (apt-get install -y chromium) or set HOOKSYNC_CHROMIUM" >&2
  exit 1
fi
echo "[hooksync] installing chromium for the Temporal UI test" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
