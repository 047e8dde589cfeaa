#!/usr/bin/env bash
# Supply-chain gate (README, Security): fails when package.json and package-lock.json disagree, or
# when a dependency is not pinned to an exact version. `npm ci` would be the usual check, but the
# registry this project's machines reach has no other platforms' optional packages
# (@swc/core-darwin-*, ... answer 404), so no lock written here can satisfy `npm ci`. Instead npm
# resolves the lock again from package.json without touching node_modules; any change it makes is
# drift. The lock is left as it was. Usage: dev/check-lock.sh [project dir]
set -euo pipefail
cd "${1:-$(dirname "${BASH_SOURCE[0]}")/..}"

node -e '
  const pkg = require("./package.json");
  const loose = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }).filter(([, v]) => !/^\d+\.\d+\.\d+$/.test(v));
  if (loose.length) { console.error("not pinned to an exact version: " + loose.map(([n, v]) => n + "@" + v).join(", ")); process.exit(1); }
'

saved="$(mktemp)"
trap 'cp "$saved" package-lock.json; rm -f "$saved"' EXIT
cp package-lock.json "$saved"
npm install --package-lock-only --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
if ! cmp -s "$saved" package-lock.json; then
  echo "package-lock.json does not match package.json; run npm install and commit the lock:" >&2
  diff <(grep -E '"(node_modules/[^"]+|version)"' "$saved") <(grep -E '"(node_modules/[^"]+|version)"' package-lock.json) | head -20 >&2 || true
  exit 1
fi
echo "package-lock.json matches package.json; every dependency pinned"
