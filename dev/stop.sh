#!/usr/bin/env bash
# Stops what dev/start.sh started, and nothing else: the Temporal dev server whose pid it saved
# and the KWOK cluster it created. Temporal's SQLite file stays, so the next start keeps every
# sync's history; the next start makes a fresh cluster. `dev/stop.sh --delete` removes both now.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/env.sh"

# stop_process PID_FILE NEEDLE NAME: stops the process only if the pid still runs our binary.
stop_process() {
  local file="$1" needle="$2" name="$3"
  if ! pid_is_ours "$file" "$needle"; then
    log "$name: not running (or not started by us)"
    rm -f "$file"
    return
  fi
  local pid; pid="$(cat "$file")"
  kill -TERM "$pid"
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  rm -f "$file"
  log "$name stopped"
}

stop_cluster() {
  [[ -d "$KWOK_CLUSTER_DIR" ]] || { log "KWOK cluster '$KWOK_CLUSTER': none"; return; }
  if [[ "${1:-}" == "--delete" ]]; then
    "$kwokctl_bin" --name "$KWOK_CLUSTER" delete cluster --kubeconfig "$KUBECONFIG_FILE" >/dev/null 2>&1 || true
    log "KWOK cluster '$KWOK_CLUSTER' deleted"
  else
    "$kwokctl_bin" --name "$KWOK_CLUSTER" stop cluster >/dev/null 2>&1 || true
    log "KWOK cluster '$KWOK_CLUSTER' stopped"
  fi
}

stop_process "$CODEC_PID_FILE" "$CODEC_SERVER_NEEDLE" "codec server"
stop_process "$TEMPORAL_PID_FILE" "$temporal_bin" "Temporal dev server"
stop_cluster "${1:-}"
# The codec keys go with the database they protect; kept otherwise, or old histories turn unreadable.
if [[ "${1:-}" == "--delete" ]]; then rm -f "$TEMPORAL_DB" "$TEMPORAL_DB"-* "$CODEC_KEY_FILE" "$CODEC_TOKEN_FILE"; rm -rf "$CLAIM_CHECK_DIR"; fi
