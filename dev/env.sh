# Shared settings and helpers of the embedded environment; sourced by dev/start.sh and dev/stop.sh.
# shellcheck shell=bash
source "$(dirname "${BASH_SOURCE[0]}")/versions.sh"

HOOKSYNC_RUN_DIR="${HOOKSYNC_RUN_DIR:-$HOOKSYNC_CACHE/run}"
TEMPORAL_PORT="${HOOKSYNC_TEMPORAL_PORT:-7233}"
TEMPORAL_UI_PORT="${HOOKSYNC_TEMPORAL_UI_PORT:-$((TEMPORAL_PORT + 1000))}"
TEMPORAL_PID_FILE="$HOOKSYNC_RUN_DIR/temporal.pid"
TEMPORAL_DB="$HOOKSYNC_RUN_DIR/temporal.db"
KWOK_CLUSTER="${HOOKSYNC_KWOK_CLUSTER:-hooksync}"
export KWOK_WORKDIR="$HOOKSYNC_RUN_DIR/kwok"
KWOK_CLUSTER_DIR="$KWOK_WORKDIR/clusters/$KWOK_CLUSTER"
KUBECONFIG_FILE="$HOOKSYNC_RUN_DIR/kubeconfig"
LOG_DIR="$HOOKSYNC_RUN_DIR/logs"
# Search attributes the sync workflow sets, so `hooksync list` and the UI's filters can use them.
SEARCH_ATTRIBUTES=(HooksyncApp=Keyword HooksyncCluster=Keyword HooksyncPhase=Keyword HooksyncOutcome=Keyword)

temporal_bin="$TEMPORAL_BIN_DIR/temporal"
kwokctl_bin="$KWOK_BIN_DIR/kwokctl"

log() { printf '[hooksync-env] %s\n' "$*" >&2; }
die() { printf '[hooksync-env] error: %s\n' "$*" >&2; exit 1; }

# True when the pid in file $1 is alive and runs a binary whose command line contains $2,
# so a recycled pid never makes us reuse or kill somebody else's process.
pid_is_ours() {
  local file="$1" needle="$2" pid
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$needle"
}

port_in_use() { ss -Htln "sport = :$1" | grep -q .; }

temporal_healthy() {
  "$temporal_bin" operator cluster health --address "127.0.0.1:$TEMPORAL_PORT" >/dev/null 2>&1
}

# The apiserver's address and the admin credentials kwokctl generated for the cluster.
kube_healthy() {
  local pki="$KWOK_CLUSTER_DIR/pki" server
  [[ -f "$KUBECONFIG_FILE" && -f "$pki/admin.crt" ]] || return 1
  server="$(sed -n 's/^ *server: *//p' "$KUBECONFIG_FILE" | head -1)"
  [[ -n "$server" ]] || return 1
  curl -sf --max-time 3 --cacert "$pki/ca.crt" --cert "$pki/admin.crt" --key "$pki/admin.key" "$server/readyz" >/dev/null
}
