#!/usr/bin/env bash
# Stops what dev/start.sh started, and nothing else: the Temporal dev server and the Temporal
# cluster (PostgreSQL, four services, UI) whose pids it saved, their codec servers, and the KWOK
# cluster it created. Temporal's SQLite file and PostgreSQL data stay, so the next start keeps every
# sync's history; the next start makes a fresh KWOK cluster. `--delete` removes them now.
# `--temporal dev|cluster` stops only that Temporal set-up (and its codec server), nothing else.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
delete= modes=(dev cluster) all=1
while (($#)); do
  case "$1" in
    --delete) delete=--delete; shift ;;
    --temporal) modes=("${2:-}"); all=0; shift 2 || { echo "--temporal needs dev or cluster" >&2; exit 2; } ;;
    --temporal=*) modes=("${1#*=}"); all=0; shift ;;
    *) echo "dev/stop.sh: unknown argument $1 (usage: dev/stop.sh [--temporal dev|cluster] [--delete])" >&2; exit 2 ;;
  esac
done

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


# stop_temporal MODE: that Temporal set-up and its codec server, in a subshell of its own settings.
stop_temporal() (
  HOOKSYNC_TEMPORAL="$1"
  source "$here/env.sh"
  source "$here/temporal-cluster.sh"
  stop_process "$CODEC_PID_FILE" "$CODEC_SERVER_NEEDLE" "codec server ($HOOKSYNC_TEMPORAL)"
  if [[ $HOOKSYNC_TEMPORAL == cluster ]]; then
    stop_temporal_cluster
    [[ -n "$delete" ]] && rm -rf "$CLUSTER_DIR" "$ENV_FILE" "$PG_HOME"
  else
    stop_process "$TEMPORAL_PID_FILE" "$temporal_bin" "Temporal dev server"
    [[ -n "$delete" ]] && rm -f "$TEMPORAL_DB" "$TEMPORAL_DB"-*
  fi
  true
)

for mode in "${modes[@]}"; do stop_temporal "$mode"; done
if ((all)); then
  source "$here/env.sh"
  stop_cluster "$delete"
  # The codec keys go with the databases they protect; kept otherwise, or old histories turn unreadable.
  if [[ -n "$delete" ]]; then rm -f "$CODEC_KEY_FILE" "$CODEC_TOKEN_FILE"; rm -rf "$CLAIM_CHECK_DIR"; fi
fi
