#!/usr/bin/env bash
# An extra KWOK cluster beside the embedded one, with its own etcd and apiserver, for syncs to two
# real clusters: `dev/kube-cluster.sh start NAME` creates it (or reuses it when up) and prints the
# path of its kubeconfig; `dev/kube-cluster.sh delete NAME` removes it. Nothing else is touched.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
usage() { echo "usage: dev/kube-cluster.sh start|delete NAME" >&2; exit 2; }
(($# == 2)) || usage
action="$1" name="$2"
[[ "$name" =~ ^[a-z0-9][a-z0-9-]{0,40}$ ]] || { echo "dev/kube-cluster.sh: NAME must be lower-case letters, digits and dashes" >&2; exit 2; }
export HOOKSYNC_KWOK_CLUSTER="$name"
export HOOKSYNC_KUBECONFIG_FILE="${HOOKSYNC_RUN_DIR:-${HOOKSYNC_CACHE:-$HOME/.cache/hooksync}/run}/kubeconfig-$name"
source "$here/env.sh"
source "$here/kwok-cluster.sh"
[[ "$KWOK_CLUSTER" != hooksync ]] || { echo "dev/kube-cluster.sh: 'hooksync' is the embedded cluster; dev/start.sh and dev/stop.sh manage it" >&2; exit 2; }
mkdir -p "$HOOKSYNC_RUN_DIR" "$LOG_DIR"
case "$action" in
  start) bash "$here/build-tools.sh"; start_cluster >&2; echo "$KUBECONFIG_FILE" ;;
  delete)
    if [[ -d "$KWOK_CLUSTER_DIR" ]]; then kwokctl_ delete cluster --kubeconfig "$KUBECONFIG_FILE" >>"$LOG_DIR/kwokctl.log" 2>&1 || rm -rf "$KWOK_CLUSTER_DIR"; fi
    rm -f "$KUBECONFIG_FILE"; log "KWOK cluster '$KWOK_CLUSTER' deleted" ;;
  *) usage ;;
esac
