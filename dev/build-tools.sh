#!/usr/bin/env bash
# Builds the Temporal CLI, etcd, the Kubernetes control plane, KWOK, and for the cluster set-up the
# Temporal server, its SQL tool and the UI server, from the Go module proxy
# into $HOOKSYNC_CACHE (default ~/.cache/hooksync), one directory per tool and version.
# A tool whose binaries are already there is skipped, so a warm cache costs nothing.
# Nothing prebuilt is downloaded: every binary is compiled here from its Go module.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/versions.sh"
source "$here/temporal-server-versions.sh"

export GOMODCACHE="$HOOKSYNC_CACHE/gomod"
export GOCACHE="$HOOKSYNC_CACHE/gocache"
export GOFLAGS="-trimpath -mod=mod"
export CGO_ENABLED=0
export GOTOOLCHAIN="${GOTOOLCHAIN:-auto}"
# Two cores: one package graph at a time, two compile jobs.
export GOMAXPROCS="${GOMAXPROCS:-2}"

log() { printf '[build-tools] %s\n' "$*" >&2; }
die() { printf '[build-tools] error: %s\n' "$*" >&2; exit 1; }

command -v go >/dev/null || die "the go command is not on PATH; install Go >= 1.25 (the Temporal CLI needs it)"

# All binaries present => nothing to do.
have_all() { local d="$1"; shift; for b in "$@"; do [[ -x "$d/$b" ]] || return 1; done; }

# Ask the module proxy for every module before building anything, so a missing module is
# reported by name and version instead of failing half-way through a 20-minute build.
check_proxy() {
  local missing=()
  local mod ver
  while read -r mod ver; do
    if ! go list -m -json "$mod@$ver" >/dev/null 2>&1; then missing+=("$mod@$ver"); fi
  done <<LIST
github.com/temporalio/cli $TEMPORAL_CLI_VERSION
sigs.k8s.io/kwok $KWOK_VERSION
go.etcd.io/etcd/server/v3 $ETCD_VERSION
k8s.io/kubernetes $KUBERNETES_VERSION
go.temporal.io/server $TEMPORAL_SERVER_VERSION
github.com/temporalio/ui-server/v2 $TEMPORAL_UI_SERVER_VERSION
LIST
  if ((${#missing[@]})); then
    die "the Go module proxy ($(go env GOPROXY)) does not serve: ${missing[*]}. Nothing was built; pick versions it serves in dev/versions.sh (go list -m -versions MODULE)."
  fi
}

# Runs "$@" and reports how long it took and how much memory it peaked at.
timed() {
  local name="$1"; shift
  local start=$SECONDS
  log "building $name ..."
  "$@"
  log "built $name in $((SECONDS - start)) s"
}

build_temporal() {
  have_all "$TEMPORAL_BIN_DIR" temporal && { log "temporal CLI $TEMPORAL_CLI_VERSION: cached"; return; }
  mkdir -p "$TEMPORAL_BIN_DIR"
  timed "temporal CLI $TEMPORAL_CLI_VERSION" \
    env GOBIN="$TEMPORAL_BIN_DIR" go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION"
}

build_kwok() {
  have_all "$KWOK_BIN_DIR" kwok kwokctl && { log "kwok $KWOK_VERSION: cached"; return; }
  mkdir -p "$KWOK_BIN_DIR"
  timed "kwok and kwokctl $KWOK_VERSION" \
    env GOBIN="$KWOK_BIN_DIR" go install "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION" "sigs.k8s.io/kwok/cmd/kwokctl@$KWOK_VERSION"
}

# etcd's own go.mod has relative replace lines, so `go install` refuses it; a one-line wrapper
# module that requires it builds the module-root main package instead.
build_etcd() {
  have_all "$ETCD_BIN_DIR" etcd && { log "etcd $ETCD_VERSION: cached"; return; }
  local w="$HOOKSYNC_CACHE/wrappers/etcd-$ETCD_VERSION"
  mkdir -p "$w" "$ETCD_BIN_DIR"
  (
    cd "$w"
    [[ -f go.mod ]] || go mod init hooksync.local/etcd-build >/dev/null 2>&1
    go get "go.etcd.io/etcd/server/v3@$ETCD_VERSION" >/dev/null
    timed "etcd $ETCD_VERSION" go build -p 2 -ldflags "-s -w" -o "$ETCD_BIN_DIR/etcd" go.etcd.io/etcd/server/v3
  )
}

# k8s.io/kubernetes requires its staging modules at v0.0.0 and maps them to ./staging with replace
# lines, which do not apply to a dependency. The wrapper module replaces each staging module with
# its published tag v0.<minor>.<patch>; the list is generated from the upstream go.mod, so a new
# staging module in a later release is picked up by itself.
build_kubernetes() {
  have_all "$KUBE_BIN_DIR" kube-apiserver kube-controller-manager kube-scheduler && {
    log "kubernetes $KUBERNETES_VERSION: cached"; return; }
  local w="$HOOKSYNC_CACHE/wrappers/kubernetes-$KUBERNETES_VERSION"
  local staging_ver="v0.${KUBERNETES_VERSION#v1.}"
  local minor="${KUBERNETES_VERSION#v1.}"; minor="${minor%%.*}"
  mkdir -p "$w" "$KUBE_BIN_DIR"
  local upstream
  upstream="$(go mod download -json "k8s.io/kubernetes@$KUBERNETES_VERSION" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",*$/\1/p')"
  [[ -f "$upstream" ]] || die "could not read the go.mod of k8s.io/kubernetes@$KUBERNETES_VERSION"
  local godir
  godir="$(sed -n 's/^go \([0-9.]*\)$/\1/p' "$upstream" | head -1)"
  {
    echo "module hooksync.local/kubernetes-build"
    echo
    echo "go $godir"
    echo
    sed -n '/^godebug/,/^)/p' "$upstream"
    echo "require k8s.io/kubernetes $KUBERNETES_VERSION"
    echo
    echo "replace ("
    grep -E '^[[:space:]]+k8s\.io/[a-z0-9-]+ v0\.0\.0$' "$upstream" | awk -v v="$staging_ver" '{print "\t" $1 " => " $1 " " v}'
    echo ")"
  } >"$w/go.mod"
  local ld="-s -w"
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld+=" -X $pkg.gitVersion=$KUBERNETES_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
  done
  (
    cd "$w"
    go get "k8s.io/kubernetes/cmd/kube-apiserver@$KUBERNETES_VERSION" >/dev/null
    timed "kube-apiserver, kube-controller-manager, kube-scheduler $KUBERNETES_VERSION" \
      go build -p 2 -ldflags "$ld" -o "$KUBE_BIN_DIR/" \
        k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler
  )
}

# The Temporal server (its four services run as separate processes in the cluster set-up) and its
# SQL schema tool; `go install` names them after their package directories (server, sql), so they
# are renamed. The PostgreSQL schema files ship in the same module and are kept beside the binaries.
build_temporal_server() {
  have_all "$TEMPORAL_SERVER_BIN_DIR" temporal-server temporal-sql-tool && [[ -d "$TEMPORAL_SERVER_SCHEMA_DIR" ]] && {
    log "temporal server $TEMPORAL_SERVER_VERSION: cached"; return; }
  mkdir -p "$TEMPORAL_SERVER_BIN_DIR"
  timed "temporal server and sql tool $TEMPORAL_SERVER_VERSION" \
    env GOBIN="$TEMPORAL_SERVER_BIN_DIR" go install "go.temporal.io/server/cmd/server@$TEMPORAL_SERVER_VERSION" \
      "go.temporal.io/server/cmd/tools/sql@$TEMPORAL_SERVER_VERSION"
  mv "$TEMPORAL_SERVER_BIN_DIR/server" "$TEMPORAL_SERVER_BIN_DIR/temporal-server"
  mv "$TEMPORAL_SERVER_BIN_DIR/sql" "$TEMPORAL_SERVER_BIN_DIR/temporal-sql-tool"
  local src; src="$(go mod download -json "go.temporal.io/server@$TEMPORAL_SERVER_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')"
  [[ -d "$src/schema/postgresql/v12" ]] || die "go.temporal.io/server@$TEMPORAL_SERVER_VERSION has no schema/postgresql/v12"
  mkdir -p "$(dirname "$TEMPORAL_SERVER_SCHEMA_DIR")"
  rm -rf "$TEMPORAL_SERVER_SCHEMA_DIR"; cp -r "$src/schema/postgresql/v12" "$TEMPORAL_SERVER_SCHEMA_DIR"
  chmod -R u+w "$TEMPORAL_SERVER_SCHEMA_DIR"
}

# The Web UI server the CLI's dev server embeds, as its own program, for the cluster set-up.
build_temporal_ui() {
  have_all "$TEMPORAL_UI_BIN_DIR" temporal-ui-server && { log "temporal ui-server $TEMPORAL_UI_SERVER_VERSION: cached"; return; }
  mkdir -p "$TEMPORAL_UI_BIN_DIR"
  timed "temporal ui-server $TEMPORAL_UI_SERVER_VERSION" \
    env GOBIN="$TEMPORAL_UI_BIN_DIR" go install "github.com/temporalio/ui-server/v2/cmd/server@$TEMPORAL_UI_SERVER_VERSION"
  mv "$TEMPORAL_UI_BIN_DIR/server" "$TEMPORAL_UI_BIN_DIR/temporal-ui-server"
}

main() {
  local start=$SECONDS
  mkdir -p "$HOOKSYNC_CACHE"
  if have_all "$TEMPORAL_BIN_DIR" temporal && have_all "$KWOK_BIN_DIR" kwok kwokctl \
     && have_all "$ETCD_BIN_DIR" etcd && have_all "$KUBE_BIN_DIR" kube-apiserver kube-controller-manager kube-scheduler \
     && have_all "$TEMPORAL_SERVER_BIN_DIR" temporal-server temporal-sql-tool && [[ -d "$TEMPORAL_SERVER_SCHEMA_DIR" ]] \
     && have_all "$TEMPORAL_UI_BIN_DIR" temporal-ui-server; then
    log "all tools cached in $HOOKSYNC_CACHE"
    return
  fi
  check_proxy
  build_etcd
  build_kwok
  build_temporal
  build_kubernetes
  build_temporal_server
  build_temporal_ui
  log "tools ready in $HOOKSYNC_CACHE after $((SECONDS - start)) s"
}

main "$@"
