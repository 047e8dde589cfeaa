#!/usr/bin/env bash
# Brings up the embedded environment: a Temporal dev server (SQLite file, Web UI) and a KWOK
# cluster (etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok) on 127.0.0.1.
# Builds missing tools first. Reuses whatever is already up and healthy. Prints where things are.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/env.sh"

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
  local cli="$REPO_DIR/dist/client/cli.js"
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
  HOOKSYNC_CODEC_KEY_FILE="$CODEC_KEY_FILE" HOOKSYNC_CLAIM_CHECK_DIR="$CLAIM_CHECK_DIR" setsid node "$REPO_DIR/dist/client/cli.js" codec-server --host 127.0.0.1 --port "$CODEC_PORT" \
    --token-file "$CODEC_TOKEN_FILE" --ui-origin "http://127.0.0.1:$TEMPORAL_UI_PORT" --ui-origin "http://localhost:$TEMPORAL_UI_PORT" \
    >>"$LOG_DIR/codec-server.log" 2>&1 </dev/null &
  echo $! >"$CODEC_PID_FILE"
  local deadline=$((SECONDS + 30))
  until port_in_use "$CODEC_PORT"; do
    kill -0 "$(cat "$CODEC_PID_FILE")" 2>/dev/null || die "the codec server exited; see $LOG_DIR/codec-server.log"
    ((SECONDS < deadline)) || die "the codec server did not listen within 30 s; see $LOG_DIR/codec-server.log"
    sleep 0.2
  done
}

kwokctl_() { "$kwokctl_bin" --name "$KWOK_CLUSTER" "$@"; }

create_cluster() {
  log "creating KWOK cluster '$KWOK_CLUSTER' (binary runtime, 127.0.0.1)"
  kwokctl_ create cluster --runtime binary \
    --config "$here/kwok/cluster.yaml" --kube-audit-policy "$here/kwok/audit-policy.yaml" \
    --kubeconfig "$KUBECONFIG_FILE" \
    --etcd-binary "$ETCD_BIN_DIR/etcd" --kwok-controller-binary "$KWOK_BIN_DIR/kwok" \
    --kube-apiserver-binary "$KUBE_BIN_DIR/kube-apiserver" \
    --kube-controller-manager-binary "$KUBE_BIN_DIR/kube-controller-manager" \
    --kube-scheduler-binary "$KUBE_BIN_DIR/kube-scheduler" \
    --wait 120s >>"$LOG_DIR/kwokctl.log" 2>&1 || die "kwokctl could not create the cluster; see $LOG_DIR/kwokctl.log and $KWOK_CLUSTER_DIR/logs/"
  kwokctl_ scale node --replicas 2 >>"$LOG_DIR/kwokctl.log" 2>&1 || die "kwokctl could not create nodes; see $LOG_DIR/kwokctl.log"
  kwok_config_stamp >"$KWOK_CONFIG_STAMP_FILE"
}

# A cluster that is up, healthy and made from the current configuration is reused. Any other is
# made anew: the cluster is throw-away (tests use their own namespaces), and a fresh one runs pods
# within seconds, while a restarted one waits about 50 s for its old node leases and controllers.
start_cluster() {
  if [[ "$(cat "$KWOK_CONFIG_STAMP_FILE" 2>/dev/null)" == "$(kwok_config_stamp)" ]] && kube_healthy; then
    log "KWOK cluster '$KWOK_CLUSTER' already up"
    return
  fi
  if [[ -d "$KWOK_CLUSTER_DIR" ]]; then
    log "replacing the stopped or outdated KWOK cluster '$KWOK_CLUSTER'"
    kwokctl_ delete cluster --kubeconfig "$KUBECONFIG_FILE" >>"$LOG_DIR/kwokctl.log" 2>&1 || rm -rf "$KWOK_CLUSTER_DIR"
  fi
  create_cluster
  kube_healthy || die "the KWOK cluster is not ready; see $KWOK_CLUSTER_DIR/logs/"
  wait_until_pods_run
}

wait_until_pods_run() {
  local start=$SECONDS
  cluster_runs_pods 90 || die "the KWOK cluster does not run pods after 90 s; see $KWOK_CLUSTER_DIR/logs/ (kwok-controller.log, kube-scheduler.log)"
  log "cluster runs pods (canary Running after $((SECONDS - start)) s)"
}

write_env_file() {
  cat >"$HOOKSYNC_RUN_DIR/env" <<ENV
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
  start_temporal
  start_codec_server
  ensure_search_attributes
  start_cluster
  write_env_file
  log "ready in $((SECONDS - start)) s: Temporal 127.0.0.1:$TEMPORAL_PORT, UI http://127.0.0.1:$TEMPORAL_UI_PORT, kubeconfig $KUBECONFIG_FILE (source $HOOKSYNC_RUN_DIR/env)"
}

main "$@"
