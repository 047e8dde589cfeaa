#!/usr/bin/env bash
# The test command: installs dependencies, builds the tools if needed, brings up the embedded
# environment, then runs the type check, lint, and every jest project (unit and integration on the
# real servers). Ends with one plain line `N passed, N failed`; exits non-zero if anything failed.
# An environment that was already up is left up; one this script started is stopped at the end
# (set HOOKSYNC_KEEP_ENV=1 to keep it).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/.."
source "$here/env.sh"

passed=0 failed=0
step() {  # step NAME COMMAND...: one check counted as one test
  local name="$1"; shift
  echo "== $name" >&2
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "== $name FAILED" >&2; fi
}

bash "$here/npm-deps.sh" || { echo "0 passed, 1 failed"; exit 1; }
bash "$here/browser-deps.sh" || { echo "0 passed, 1 failed"; exit 1; }
env_was_up=0
if temporal_healthy && kube_healthy; then env_was_up=1; fi
bash "$here/start.sh" || { echo "0 passed, 1 failed"; exit 1; }

step lock bash "$here/check-lock.sh"
step typecheck npx tsc --noEmit -p tsconfig.json
step lint npx eslint --max-warnings=0 .

# jest_pass NAME JEST_ARGS...: one jest run, its tests counted one by one.
jest_pass() {
  local name="$1"; shift
  local report="$HOOKSYNC_RUN_DIR/jest-report-$name.json"
  rm -f "$report"
  echo "== jest ($name)" >&2
  npx jest --ci --maxWorkers=2 --forceExit --json --outputFile="$report" "$@"
  if [[ -s "$report" ]]; then
    read -r jp jf < <(node -e 'const r=require(process.argv[1]); console.log(r.numPassedTests, r.numFailedTests + r.numRuntimeErrorTestSuites)' "$report")
    passed=$((passed + jp)); failed=$((failed + jf))
    [[ "$jp" -gt 0 ]] || { echo "jest ($name) ran no test" >&2; failed=$((failed + 1)); }
  else
    echo "jest ($name) wrote no report" >&2; failed=$((failed + 1))
  fi
}

jest_pass all "$@"

# The durability tests again, on the Temporal cluster set-up (PostgreSQL, four services), on a full
# run only (no jest arguments); HOOKSYNC_SKIP_TEMPORAL_CLUSTER=1 leaves it out.
DURABILITY_TESTS=(test/faults/crashSweep.test.ts test/integration/durability test/integration/sync/terminate.test.ts test/integration/sync/deadlines.test.ts)
cluster_was_up=1
if [[ $# == 0 && -z "${HOOKSYNC_SKIP_TEMPORAL_CLUSTER:-}" ]]; then
  HOOKSYNC_TEMPORAL=cluster bash -c "source '$here/env.sh'; temporal_healthy" || cluster_was_up=0
  if HOOKSYNC_TEMPORAL=cluster bash "$here/start.sh"; then
    HOOKSYNC_TEMPORAL=cluster jest_pass durability-on-temporal-cluster "${DURABILITY_TESTS[@]}" --selectProjects integration faults
  else
    echo "== the Temporal cluster did not start" >&2; failed=$((failed + 1))
  fi
fi

if [[ $cluster_was_up == 0 && -z "${HOOKSYNC_KEEP_ENV:-}" ]]; then bash "$here/stop.sh" --temporal cluster; fi
if [[ $env_was_up == 0 && -z "${HOOKSYNC_KEEP_ENV:-}" ]]; then bash "$here/stop.sh"; fi
echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
