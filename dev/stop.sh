#!/usr/bin/env bash
# Stops what dev/start.sh started, and nothing else: the Temporal dev server whose pid it saved
# and the KWOK cluster it created. Temporal's SQLite file stays, so the next start keeps every
# sync's history; the next start makes a fresh cluster. `dev/stop.sh --delete` removes both now.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/env.sh"

stop_temporal() {
  if ! pid_is_ours "$TEMPORAL_PID_FILE" "$temporal_bin"; then
    log "Temporal dev server: not running (or not started by us)"
    rm -f "$TEMPORAL_PID_FILE"
    return
  fi
  local pid; pid="$(cat "$TEMPORAL_PID_FILE")"
  kill -TERM "$pid"
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  rm -f "$TEMPORAL_PID_FILE"
  log "Temporal dev server stopped"
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

stop_temporal
stop_cluster "${1:-}"
if [[ "${1:-}" == "--delete" ]]; then rm -f "$TEMPORAL_DB" "$TEMPORAL_DB"-*; fi
