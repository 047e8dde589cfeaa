# The Temporal cluster set-up (`dev/start.sh --temporal cluster`): Debian's PostgreSQL for
# persistence and visibility, the Temporal server's frontend, history, matching and worker services
# as four processes, and the Web UI server. Sourced by dev/start.sh and dev/stop.sh after env.sh.
# shellcheck shell=bash

source "$(dirname "${BASH_SOURCE[0]}")/temporal-server-versions.sh"
CLUSTER_DIR="$HOOKSYNC_RUN_DIR/temporal-cluster"
# As root, PostgreSQL runs as Debian's postgres user, who cannot enter root's home (mode 0700): its
# data lives under /var/tmp instead, one directory per run directory.
if [[ $(id -u) == 0 ]]; then
  PG_HOME="${HOOKSYNC_PG_HOME:-/var/tmp/hooksync-postgres-$(printf '%s' "$HOOKSYNC_RUN_DIR" | sha256sum | cut -c1-8)}"
else
  PG_HOME="${HOOKSYNC_PG_HOME:-$CLUSTER_DIR/postgres}"
fi
PG_DATA_DIR="$PG_HOME/data"
PG_PORT="${HOOKSYNC_PG_PORT:-$((TEMPORAL_PORT + 22000))}"
PG_PASSWORD_FILE="$CLUSTER_DIR/pg-password"
PG_USER=temporal
TEMPORAL_SERVICES=(history matching frontend worker)
# History shards are fixed when the database is made; the dev server has one.
TEMPORAL_CLUSTER_SHARDS=4
temporal_server_bin="$TEMPORAL_SERVER_BIN_DIR/temporal-server"
temporal_sql_tool="$TEMPORAL_SERVER_BIN_DIR/temporal-sql-tool"
temporal_ui_bin="$TEMPORAL_UI_BIN_DIR/temporal-ui-server"

# Debian's PostgreSQL programs (pg_ctl, initdb, psql) of the newest installed major version.
pg_bin_dir() { find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -1; }

# Installs Debian's PostgreSQL when it is missing (as browser-deps.sh does for chromium).
ensure_postgres_installed() {
  [[ -n "$(pg_bin_dir)" ]] && return
  [[ $(id -u) == 0 ]] || die "PostgreSQL is missing: install Debian's postgresql package (apt-get install -y postgresql)"
  log "installing Debian's PostgreSQL for the Temporal cluster"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || die "apt-get could not install postgresql"
}

# PostgreSQL refuses to run as root: as root, its programs run as Debian's postgres user.
as_pg() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_ctl_() { as_pg "$(pg_bin_dir)/pg_ctl" -D "$PG_DATA_DIR" "$@"; }

pg_running() { [[ -d "$PG_DATA_DIR" ]] && pg_ctl_ status >/dev/null 2>&1; }

# A private PostgreSQL instance on loopback (its own data directory and port, never Debian's
# default cluster), password-protected; the password is made once, mode 0600.
start_postgres() {
  ensure_postgres_installed
  if [[ ! -s "$PG_DATA_DIR/PG_VERSION" ]]; then
    log "initialising PostgreSQL in $PG_DATA_DIR"
    mkdir -p -m 700 "$PG_HOME" "$PG_DATA_DIR"
    [[ -s "$PG_PASSWORD_FILE" ]] || (umask 077; random_secret >"$PG_PASSWORD_FILE")
    local pwfile="$PG_HOME/initdb-password"
    (umask 077; cat "$PG_PASSWORD_FILE" >"$pwfile")
    if [[ $(id -u) == 0 ]]; then chown -R postgres: "$PG_HOME"; fi
    as_pg "$(pg_bin_dir)/initdb" -D "$PG_DATA_DIR" -U "$PG_USER" --pwfile "$pwfile" --auth scram-sha-256 \
      >>"$LOG_DIR/postgres.log" 2>&1 || { rm -f "$pwfile"; die "initdb failed; see $LOG_DIR/postgres.log"; }
    rm -f "$pwfile"
  fi
  if pg_running; then log "PostgreSQL already up on 127.0.0.1:$PG_PORT"; return; fi
  port_in_use "$PG_PORT" && die "port $PG_PORT (PostgreSQL) is taken by another process; pick another with HOOKSYNC_PG_PORT=..."
  local pglog="$PG_HOME/postgres.log"
  touch "$pglog"; if [[ $(id -u) == 0 ]]; then chown postgres: "$pglog"; fi
  log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
  pg_ctl_ -w -t 60 -l "$pglog" \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DATA_DIR -c max_connections=200" start >/dev/null \
    || die "PostgreSQL did not start; see $pglog"
}

stop_postgres() {
  pg_running || { log "PostgreSQL: not running"; return; }
  pg_ctl_ -w -t 60 -m fast stop >/dev/null && log "PostgreSQL stopped"
}

sql_tool() {
  SQL_PASSWORD="$(cat "$PG_PASSWORD_FILE")" "$temporal_sql_tool" --plugin postgres12 --ep 127.0.0.1 -p "$PG_PORT" \
    -u "$PG_USER" "$@"
}

# Creates the two databases once and brings their schemas to the version this server ships;
# update-schema is a no-op on a current schema, so every start runs it.
ensure_schemas() {
  local db dir
  for db in temporal temporal_visibility; do
    dir=temporal; [[ $db == temporal_visibility ]] && dir=visibility
    if ! sql_tool --db "$db" update-schema -d "$TEMPORAL_SERVER_SCHEMA_DIR/$dir/versioned" >>"$LOG_DIR/temporal-cluster.log" 2>&1; then
      log "creating database $db"
      sql_tool --db "$db" create-database >>"$LOG_DIR/temporal-cluster.log" 2>&1 || die "cannot create database $db; see $LOG_DIR/temporal-cluster.log"
      sql_tool --db "$db" setup-schema -v 0.0 >>"$LOG_DIR/temporal-cluster.log" 2>&1 || die "cannot set up the schema of $db"
      sql_tool --db "$db" update-schema -d "$TEMPORAL_SERVER_SCHEMA_DIR/$dir/versioned" >>"$LOG_DIR/temporal-cluster.log" 2>&1 \
        || die "cannot update the schema of $db; see $LOG_DIR/temporal-cluster.log"
    fi
  done
}

# Ports: the frontend on TEMPORAL_PORT, the other services just above it, its HTTP API at +10;
# membership ports 100 above each service's.
service_port() {
  case "$1" in frontend) echo "$TEMPORAL_PORT" ;; history) echo $((TEMPORAL_PORT + 1)) ;;
    matching) echo $((TEMPORAL_PORT + 2)) ;; worker) echo $((TEMPORAL_PORT + 6)) ;; esac
}

write_cluster_config() {
  local dir="$CLUSTER_DIR/config" pw svc
  pw="$(cat "$PG_PASSWORD_FILE")"
  mkdir -p "$dir"
  (umask 077; {
    cat <<YAML
log:
  stdout: true
  level: warn
persistence:
  defaultStore: default
  visibilityStore: visibility
  numHistoryShards: $TEMPORAL_CLUSTER_SHARDS
  datastores:
YAML
    for svc in default:temporal:20 visibility:temporal_visibility:10; do
      IFS=: read -r name db conns <<<"$svc"
      cat <<YAML
    $name:
      sql:
        pluginName: postgres12
        databaseName: $db
        connectAddr: 127.0.0.1:$PG_PORT
        connectProtocol: tcp
        user: $PG_USER
        password: "$pw"
        maxConns: $conns
        maxIdleConns: $conns
        maxConnLifetime: 1h
YAML
    done
    cat <<YAML
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: 127.0.0.1
services:
YAML
    for svc in "${TEMPORAL_SERVICES[@]}"; do
      cat <<YAML
  $svc:
    rpc:
      grpcPort: $(service_port "$svc")
      membershipPort: $(($(service_port "$svc") + 100))
      bindOnLocalHost: true
YAML
      [[ $svc == frontend ]] && echo "      httpPort: $((TEMPORAL_PORT + 10))"
    done
    cat <<YAML
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: 127.0.0.1:$TEMPORAL_PORT
dcRedirectionPolicy:
  policy: noop
dynamicConfigClient:
  filepath: $dir/dynamic.yaml
  pollInterval: 10s
YAML
  } >"$dir/development.yaml")
  # As the dev server: no phone-home, search attributes visible at once.
  cat >"$dir/dynamic.yaml" <<YAML
frontend.enableServerVersionCheck:
  - value: false
system.forceSearchAttributesCacheRefreshOnRead:
  - value: true
YAML
}

service_pid_file() { echo "$CLUSTER_DIR/$1.pid"; }

start_temporal_service() {
  local svc="$1" pidf; pidf="$(service_pid_file "$svc")"
  if pid_is_ours "$pidf" "$temporal_server_bin"; then return; fi
  port_in_use "$(service_port "$svc")" && die "port $(service_port "$svc") (Temporal $svc) is taken by another process; pick other ports with HOOKSYNC_TEMPORAL_PORT=..."
  setsid "$temporal_server_bin" --root "$CLUSTER_DIR" --config config --env development --allow-no-auth \
    start --service "$svc" >>"$LOG_DIR/temporal-$svc.log" 2>&1 </dev/null &
  echo $! >"$pidf"
  until_exec_done "$!" "$temporal_server_bin"
}

start_temporal_ui() {
  local pidf="$CLUSTER_DIR/ui.pid" dir="$CLUSTER_DIR/ui-config"
  pid_is_ours "$pidf" "$temporal_ui_bin" && return
  port_in_use "$TEMPORAL_UI_PORT" && die "port $TEMPORAL_UI_PORT (Temporal UI) is taken by another process; pick another with HOOKSYNC_TEMPORAL_UI_PORT=..."
  mkdir -p "$dir"
  cat >"$dir/development.yaml" <<YAML
temporalGrpcAddress: 127.0.0.1:$TEMPORAL_PORT
host: 127.0.0.1
port: $TEMPORAL_UI_PORT
enableUi: true
defaultNamespace: default
codec:
  endpoint: http://127.0.0.1:$CODEC_PORT
YAML
  setsid "$temporal_ui_bin" --root "$CLUSTER_DIR" --config ui-config --env development start \
    >>"$LOG_DIR/temporal-ui.log" 2>&1 </dev/null &
  echo $! >"$pidf"
  until_exec_done "$!" "$temporal_ui_bin"
}

# The cluster has no default namespace of its own (the dev server makes one): create it once.
ensure_default_namespace() {
  local deadline=$((SECONDS + 60))
  until "$temporal_bin" operator namespace describe --address "127.0.0.1:$TEMPORAL_PORT" -n default >/dev/null 2>&1; do
    "$temporal_bin" operator namespace create --address "127.0.0.1:$TEMPORAL_PORT" -n default --retention 72h >/dev/null 2>&1 || true
    ((SECONDS < deadline)) || die "cannot create the default namespace on the Temporal cluster; see $LOG_DIR/temporal-*.log"
    sleep 1
  done
}

start_temporal_cluster() {
  mkdir -p "$CLUSTER_DIR"
  start_postgres
  ensure_schemas
  write_cluster_config
  local svc up=1
  for svc in "${TEMPORAL_SERVICES[@]}"; do pid_is_ours "$(service_pid_file "$svc")" "$temporal_server_bin" || up=0; done
  if ((up)) && temporal_healthy; then
    log "Temporal cluster already up on 127.0.0.1:$TEMPORAL_PORT"
    start_temporal_ui
    return
  fi
  log "starting the Temporal cluster (services ${TEMPORAL_SERVICES[*]}, $TEMPORAL_CLUSTER_SHARDS history shards) on 127.0.0.1:$TEMPORAL_PORT"
  # Every service writes the cluster's metadata into a new database at start, and those started
  # at the same moment collide (one exits "Failed to apply cluster metadata"): history goes first.
  start_temporal_service history
  until_service_listens history
  for svc in "${TEMPORAL_SERVICES[@]}"; do start_temporal_service "$svc"; done
  local deadline=$((SECONDS + 90))
  until temporal_healthy; do
    services_alive
    ((SECONDS < deadline)) || die "the Temporal cluster did not answer within 90 s; see $LOG_DIR/temporal-*.log"
    sleep 0.5
  done
  ensure_default_namespace
  until_cluster_serves
  start_temporal_ui
}

# Dies naming the first service whose process is gone.
services_alive() {
  local svc
  for svc in "${TEMPORAL_SERVICES[@]}"; do
    pid_is_ours "$(service_pid_file "$svc")" "$temporal_server_bin" || die "the Temporal $svc service exited; see $LOG_DIR/temporal-$svc.log"
  done
}

until_service_listens() {
  local deadline=$((SECONDS + 60))
  until port_in_use "$(service_port "$1")"; do
    pid_is_ours "$(service_pid_file "$1")" "$temporal_server_bin" || die "the Temporal $1 service exited; see $LOG_DIR/temporal-$1.log"
    ((SECONDS < deadline)) || die "the Temporal $1 service did not listen within 60 s; see $LOG_DIR/temporal-$1.log"
    sleep 0.3
  done
}

# The frontend answers health checks before it sees the history and matching services in its
# membership ring ("Not enough hosts to serve the request"): ready once a workflow lookup reaches
# history (not found) and a task queue lookup reaches matching.
until_cluster_serves() {
  local deadline=$((SECONDS + 90)) out
  while :; do
    services_alive
    out="$("$temporal_bin" workflow describe --address "127.0.0.1:$TEMPORAL_PORT" -w hooksync-readiness-probe 2>&1)" || true
    if grep -q "not found" <<<"$out" \
       && "$temporal_bin" task-queue describe --address "127.0.0.1:$TEMPORAL_PORT" --task-queue hooksync-readiness-probe >/dev/null 2>&1; then
      return
    fi
    ((SECONDS < deadline)) || die "the Temporal cluster does not serve workflows after 90 s ($out); see $LOG_DIR/temporal-*.log"
    sleep 0.5
  done
}

stop_temporal_cluster() {
  local svc
  stop_process "$CLUSTER_DIR/ui.pid" "$temporal_ui_bin" "Temporal UI server"
  for svc in worker frontend matching history; do
    stop_process "$(service_pid_file "$svc")" "$temporal_server_bin" "Temporal $svc service"
  done
  stop_postgres
}
