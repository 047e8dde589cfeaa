# Shared settings and helpers of the embedded environment; sourced by dev/start.sh and dev/stop.sh.
# shellcheck shell=bash
source "$(dirname "${BASH_SOURCE[0]}")/versions.sh"

HOOKSYNC_RUN_DIR="${HOOKSYNC_RUN_DIR:-$HOOKSYNC_CACHE/run}"
# Which Temporal: `dev` (the CLI's dev server, SQLite file) or `cluster` (the Temporal server's four
# services on PostgreSQL, dev/temporal-cluster.sh). Both can be up at once, on their own ports, with
# their own codec server and env file; they share the KWOK cluster.
HOOKSYNC_TEMPORAL="${HOOKSYNC_TEMPORAL:-dev}"
case "$HOOKSYNC_TEMPORAL" in
  dev) TEMPORAL_PORT="${HOOKSYNC_TEMPORAL_PORT:-7233}"; ENV_FILE="$HOOKSYNC_RUN_DIR/env"; MODE_SUFFIX= ;;
  cluster) TEMPORAL_PORT="${HOOKSYNC_TEMPORAL_PORT:-7433}"; ENV_FILE="$HOOKSYNC_RUN_DIR/env.cluster"; MODE_SUFFIX=-cluster ;;
  *) printf '[hooksync-env] error: HOOKSYNC_TEMPORAL (or --temporal) is "%s"; use dev or cluster\n' "$HOOKSYNC_TEMPORAL" >&2; exit 2 ;;
esac
TEMPORAL_UI_PORT="${HOOKSYNC_TEMPORAL_UI_PORT:-$((TEMPORAL_PORT + 1000))}"
TEMPORAL_PID_FILE="$HOOKSYNC_RUN_DIR/temporal.pid"
TEMPORAL_DB="$HOOKSYNC_RUN_DIR/temporal.db"
KWOK_CLUSTER="${HOOKSYNC_KWOK_CLUSTER:-hooksync}"
export KWOK_WORKDIR="$HOOKSYNC_RUN_DIR/kwok"
KWOK_CLUSTER_DIR="$KWOK_WORKDIR/clusters/$KWOK_CLUSTER"
KUBECONFIG_FILE="${HOOKSYNC_KUBECONFIG_FILE:-$HOOKSYNC_RUN_DIR/kubeconfig}"
LOG_DIR="$HOOKSYNC_RUN_DIR/logs"
# The payload codec's key ring (lines id:base64key, the last one current) and the codec server's
# bearer token; both made by dev/start.sh when missing, mode 0600.
CODEC_KEY_FILE="$HOOKSYNC_RUN_DIR/codec-keys"
CODEC_TOKEN_FILE="$HOOKSYNC_RUN_DIR/codec-token"
# The claim-check store: payloads too large for Temporal, encrypted, one file per SHA-256.
CLAIM_CHECK_DIR="$HOOKSYNC_RUN_DIR/claims"
CODEC_PORT="${HOOKSYNC_CODEC_PORT:-$((TEMPORAL_PORT + 1002))}"
CODEC_PID_FILE="$HOOKSYNC_RUN_DIR/codec-server$MODE_SUFFIX.pid"
# Names the command, not the CLI file, so that a codec server started by a checkout from before the
# CLI moved (dist/client/cli.js) is still found, reused and stopped.
CODEC_SERVER_NEEDLE="codec-server --host 127.0.0.1 --port"
REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Search attributes the sync workflow sets, so `hooksync list` and the UI's filters can use them.
SEARCH_ATTRIBUTES=(HooksyncApp=Keyword HooksyncCluster=Keyword HooksyncSyncId=Keyword HooksyncPhase=Keyword HooksyncOutcome=Keyword)

# A cluster is recreated when what it was created from changes (stages, flags, versions).
KWOK_CONFIG_STAMP_FILE="$KWOK_CLUSTER_DIR/hooksync-config.sha256"
kwok_config_stamp() { cat "$(dirname "${BASH_SOURCE[0]}")"/kwok/*.yaml "$(dirname "${BASH_SOURCE[0]}")/versions.sh" | sha256sum | cut -c1-16; }

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

# Until the child just started has become the program (or died). Between its fork and its exec its
# command line is still this shell's, so on a loaded machine an early pid_is_ours took a service
# that was starting for one that had exited (and left it running).
# Every start of a setsid child in dev/ calls this before it trusts pid_is_ours.
until_exec_done() {
  local pid="$1" needle="$2" deadline=$((SECONDS + 10))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$needle" && return
    sleep 0.05
  done
}

# A random secret, base64url without padding: fit for a key file line, a header or a URL.
random_secret() { head -c 32 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '='; }

port_in_use() { ss -Htln "sport = :$1" | grep -q .; }

temporal_healthy() {
  "$temporal_bin" operator cluster health --address "127.0.0.1:$TEMPORAL_PORT" >/dev/null 2>&1
}

# curl against the KWOK apiserver with the admin credentials kwokctl generated; path as argument.
kube_curl() {
  local pki="$KWOK_CLUSTER_DIR/pki" server
  [[ -f "$KUBECONFIG_FILE" && -f "$pki/admin.crt" ]] || return 1
  server="$(sed -n 's/^ *server: *//p' "$KUBECONFIG_FILE" | head -1)"
  [[ -n "$server" ]] || return 1
  local path="$1"; shift
  curl -sf --max-time 5 --cacert "$pki/ca.crt" --cert "$pki/admin.crt" --key "$pki/admin.key" "$@" "$server$path"
}

kube_healthy() { kube_curl /readyz >/dev/null; }

# True once a canary pod runs: the scheduler binds it and kwok starts it. Right after a restart the
# apiserver is ready well before that (kwok waits for its old node leases to expire).
cluster_runs_pods() {
  local name="hooksync-canary-$$-$RANDOM" pods=/api/v1/namespaces/default/pods ok=1
  kube_curl "$pods" -X POST -H 'Content-Type: application/json' \
    -d "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"$name\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"canary\"}]}}" >/dev/null || return 1
  local deadline=$((SECONDS + ${1:-90}))
  until kube_curl "$pods/$name" | grep -qE '"phase": ?"Running"'; do
    ((SECONDS < deadline)) || { ok=0; break; }
    sleep 0.5
  done
  kube_curl "$pods/$name?gracePeriodSeconds=0" -X DELETE >/dev/null || true
  ((ok))
}
