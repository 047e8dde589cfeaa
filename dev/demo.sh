#!/usr/bin/env bash
# The demo command: brings up the embedded environment (building tools on first use) and shows
# that both servers are real. The sync engine's issue turns this into a real sync of examples/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/.."
bash "$here/npm-deps.sh"
bash "$here/start.sh"
node "$here/smoke.mjs"
