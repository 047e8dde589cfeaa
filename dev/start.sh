#!/usr/bin/env bash
# Brings up the embedded environment: a Temporal dev server (SQLite file, Web UI) and a KWOK
# cluster (etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok) on 127.0.0.1.
# Builds missing tools first. Reuses whatever is already up and healthy. Prints where things are.
# `--temporal cluster` (or HOOKSYNC_TEMPORAL=cluster) starts the Temporal cluster on PostgreSQL
# instead of the dev server (dev/temporal-cluster.sh); it writes run/env.cluster instead of run/env.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
while (($#)); do
  case "$1" in
    --temporal) HOOKSYNC_TEMPORAL="${2:-}"; shift 2 || { echo "--temporal needs dev or cluster" >&2; exit 2; } ;;
    --temporal=*) HOOKSYNC_TEMPORAL="${1#*=}"; shift ;;
    *) echo "dev/start.sh: unknown argument $1 (usage: dev/start.sh [--temporal dev|cluster])" >&2; exit 2 ;;
  esac
done
export HOOKSYNC_TEMPORAL
source "$here/env.sh"
source "$here/temporal-cluster.sh"
source "$here/kwok-cluster.sh"

# The dev server has one history shard, whose transfer and timer queues are read at most 20 times a
# second by default: every hop of a sync (activity done -> workflow task -> next activity) waits
# for the next read, on a ~50 ms grid. 1000 reads a second removes that wait (README, Waves and
# ordering); it is a cap, not a rate: the queues are still read when they have something new.
QUEUE_POLL_RATES=(--dynamic-config-value history.transferProcessorMaxPollRPS=1000 --dynamic-config-value history.timerProcessorMaxPollRPS=1000)

start_temporal() {
  if pid_is_ours "$TEMPORAL_PID_FILE" "$temporal_bin" && temporal_healthy; then
    log "Temporal dev server already up on 127.0.0.1:$TEMPORAL_PORT (pid $(cat "$TEMPORAL_PID_FILE"))"
    return
  fi
  for port in "$TEMPORAL_PORT" "$TEMPORAL_UI_PORT"; do
    port_in_use "$port" && die "port $port on 127.0.0.1 is taken by another process ($(ss -Htlnp "sport = :$port" | grep -o 'users:.*' | head -1)); stop it, or pick other ports with HOOKSYNC_TEMPORAL_PORT=... (the UI uses that port + 1000, or HOOKSYNC_TEMPORAL_UI_PORT)"
  done
  local args=(server start-dev --ip 127.0.0.1 --port "$TEMPORAL_PORT" --ui-ip 127.0.0.1 --ui-port "$TEMPORAL_UI_PORT"
    --db-filename "$TEMPORAL_DB" --sqlite-pragma journal_mode=WAL --sqlite-pragma synchronous=NORMAL
    --dynamic-config-value frontend.enableServerVersionCheck=false --log-level warn
    "${QUEUE_POLL_RATES[@]}"
    --ui-codec-endpoint "http://127.0.0.1:$CODEC_PORT")
  for sa in "${SEARCH_ATTRIBUTES[@]}"; do args+=(--search-attribute "$sa"); done
  log "starting Temporal dev server on 127.0.0.1:$TEMPORAL_PORT (database $TEMPORAL_DB)"
  # setsid: the server outlives this script and the terminal that ran it.
  setsid "$temporal_bin" "${args[@]}" >>"$LOG_DIR/temporal.log" 2>&1 </dev/null &
  echo $! >"$TEMPORAL_PID_FILE"
  until_exec_done "$!" "$temporal_bin"
  local deadline=$((SECONDS + 60))
  until temporal_healthy; do
    kill -0 "$(cat "$TEMPORAL_PID_FILE")" 2>/dev/null || die "the Temporal dev server exited; see $LOG_DIR/temporal.log"
    ((SECONDS < deadline)) || die "the Temporal dev server did not answer within 60 s; see $LOG_DIR/temporal.log"
    sleep 0.3
  done
}

# start-dev registers --search-attribute only in a new database; one made before an attribute was
# added gets it here.
ensure_search_attributes() {
  local existing sa
  existing="$("$temporal_bin" operator search-attribute list --address "127.0.0.1:$TEMPORAL_PORT" 2>/dev/null)" || die "cannot list Temporal search attributes"
  for sa in "${SEARCH_ATTRIBUTES[@]}"; do
    grep -qw "${sa%%=*}" <<<"$existing" && continue
    log "registering search attribute ${sa%%=*}"
    "$temporal_bin" operator search-attribute create --address "127.0.0.1:$TEMPORAL_PORT" --name "${sa%%=*}" --type "${sa#*=}" >/dev/null \
      || die "cannot register search attribute ${sa%%=*}"
  done
}

# The dev environment encrypts payloads by default: every hooksync process that sources the env
# file finds the key ring through HOOKSYNC_CODEC_KEY_FILE. Keys are never rewritten, or the
# histories already in the database could no longer be read.
ensure_codec_secrets() {
  if [[ ! -s "$CODEC_KEY_FILE" ]]; then
    log "creating the payload codec key ring $CODEC_KEY_FILE"
    (umask 077; printf 'dev-%s:%s\n' "$(date -u +%Y%m%d)" "$(head -c 32 /dev/urandom | base64 -w0)" >"$CODEC_KEY_FILE")
  fi
  if [[ ! -s "$CODEC_TOKEN_FILE" ]]; then
    (umask 077; random_secret >"$CODEC_TOKEN_FILE")
  fi
  mkdir -p -m 700 "$CLAIM_CHECK_DIR"
}

# The codec server lets the Temporal UI (started with --ui-codec-endpoint pointing here) show
# decrypted payloads to a browser that presents the token (README, Security). It runs from dist/,
# which is compiled first when missing or older than a source file (a checkout that moved on).
dist_is_current() {
  local cli="$REPO_DIR/dist/client/cli/main.js"
  [[ -f "$cli" ]] || return 1
  [[ -z "$(cd "$REPO_DIR" && find activities client codec sync worker workflows -name '*.ts' -newer "$cli" -print -quit)" ]]
}

start_codec_server() {
  if pid_is_ours "$CODEC_PID_FILE" "$CODEC_SERVER_NEEDLE"; then
    log "codec server already up on 127.0.0.1:$CODEC_PORT (pid $(cat "$CODEC_PID_FILE"))"
    return
  fi
  port_in_use "$CODEC_PORT" && die "port $CODEC_PORT on 127.0.0.1 (codec server) is taken by another process; pick another with HOOKSYNC_CODEC_PORT=..."
  dist_is_current || (cd "$REPO_DIR" && npx tsc -p tsconfig.build.json) || die "cannot compile dist/ for the codec server"
  log "starting the codec server on 127.0.0.1:$CODEC_PORT"
  HOOKSYNC_CODEC_KEY_FILE="$CODEC_KEY_FILE" HOOKSYNC_CLAIM_CHECK_DIR="$CLAIM_CHECK_DIR" setsid node "$REPO_DIR/dist/client/cli/main.js" codec-server --host 127.0.0.1 --port "$CODEC_PORT" \
    --token-file "$CODEC_TOKEN_FILE" --ui-origin "http://127.0.0.1:$TEMPORAL_UI_PORT" --ui-origin "http://localhost:$TEMPORAL_UI_PORT" \
    >>"$LOG_DIR/codec-server.log" 2>&1 </dev/null &
  echo $! >"$CODEC_PID_FILE"
  until_exec_done "$!" "$CODEC_SERVER_NEEDLE"
  local deadline=$((SECONDS + 30))
  until port_in_use "$CODEC_PORT"; do
    kill -0 "$(cat "$CODEC_PID_FILE")" 2>/dev/null || die "the codec server exited; see $LOG_DIR/codec-server.log"
    ((SECONDS < deadline)) || die "the codec server did not listen within 30 s; see $LOG_DIR/codec-server.log"
    sleep 0.2
  done
}

write_env_file() {
  cat >"$ENV_FILE" <<ENV
export TEMPORAL_ADDRESS=127.0.0.1:$TEMPORAL_PORT
export TEMPORAL_NAMESPACE=default
export HOOKSYNC_TEMPORAL_UI=http://127.0.0.1:$TEMPORAL_UI_PORT
export KUBECONFIG=$KUBECONFIG_FILE
export HOOKSYNC_CODEC_KEY_FILE=$CODEC_KEY_FILE
export HOOKSYNC_CODEC_TOKEN_FILE=$CODEC_TOKEN_FILE
export HOOKSYNC_CLAIM_CHECK_DIR=$CLAIM_CHECK_DIR
export HOOKSYNC_CODEC_ENDPOINT=http://127.0.0.1:$CODEC_PORT
ENV
}

main() {
  local start=$SECONDS
  bash "$here/build-tools.sh"
  mkdir -p "$HOOKSYNC_RUN_DIR" "$LOG_DIR"
  ensure_codec_secrets
  if [[ $HOOKSYNC_TEMPORAL == cluster ]]; then start_temporal_cluster; else start_temporal; fi
  start_codec_server
  ensure_search_attributes
  start_cluster
  write_env_file
  log "ready in $((SECONDS - start)) s: Temporal 127.0.0.1:$TEMPORAL_PORT, UI http://127.0.0.1:$TEMPORAL_UI_PORT, kubeconfig $KUBECONFIG_FILE (source $ENV_FILE)"
}

main "$@"
