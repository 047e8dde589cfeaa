#!/usr/bin/env bash
# The demo command: brings up the embedded environment (building tools on first use), starts a
# hooksync worker for the KWOK cluster, and syncs examples/demo with live progress: a PreSync
# migration Job, config in wave -1, a Deployment and Service in wave 0, a PostSync smoke Job and a
# SyncFail notifier. The Temporal UI link printed at the start shows every step. With
# HOOKSYNC_TEMPORAL=cluster it runs against the Temporal cluster on PostgreSQL instead.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/.."
source "$here/env.sh"
bash "$here/npm-deps.sh"
bash "$here/start.sh"
npm run --silent build
source "$ENV_FILE"

hooksync() { node dist/client/cli/main.js "$@"; }
worker_log="$LOG_DIR/demo-worker.log"
node dist/client/cli/main.js worker >"$worker_log" 2>&1 &
worker_pid=$!
trap 'kill -TERM $worker_pid 2>/dev/null; wait $worker_pid 2>/dev/null || true' EXIT
echo "worker started (pid $worker_pid, log $worker_log)"

hooksync sync -f examples/demo --app demo -n hooksync-demo --create-namespace "$@"
