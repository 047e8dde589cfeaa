#!/usr/bin/env bash
# Installs the npm dependencies exactly as locked, when node_modules is missing or older than the
# lock file. Everything comes from the npm registry; no package downloads anything at install time,
# and no package's install script runs (--ignore-scripts).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
stamp=node_modules/.package-lock.json
if [[ ! -f "$stamp" || package-lock.json -nt "$stamp" ]]; then
  echo "[hooksync] installing npm dependencies from package-lock.json" >&2
  # Not `npm ci`: npm 11.19 writes no lock entries for other platforms' optional packages
  # (@swc/core-darwin-*, ...) and then its own `npm ci` refuses that lock. `npm install` with the
  # lock present installs exactly the locked versions and leaves the lock unchanged; dev/check-lock.sh
  # fails the tests when the lock drifts. No install scripts run: nothing we depend on needs one.
  npm install --ignore-scripts --no-audit --no-fund --loglevel=error
fi
