#!/usr/bin/env bash
# Installs the npm dependencies exactly as locked, when node_modules is missing or older than the
# lock file. Everything comes from the npm registry; no package downloads anything at install time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
stamp=node_modules/.package-lock.json
if [[ ! -f "$stamp" || package-lock.json -nt "$stamp" ]]; then
  echo "[hooksync] installing npm dependencies (npm ci)" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi
