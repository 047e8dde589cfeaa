# Creating and starting a KWOK cluster (the one named by KWOK_CLUSTER, its kubeconfig at
# KUBECONFIG_FILE); sourced after env.sh by dev/start.sh and dev/kube-cluster.sh.
# shellcheck shell=bash
kwok_dev_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

kwokctl_() { "$kwokctl_bin" --name "$KWOK_CLUSTER" "$@"; }

create_cluster() {
  log "creating KWOK cluster '$KWOK_CLUSTER' (binary runtime, 127.0.0.1)"
  kwokctl_ create cluster --runtime binary \
    --config "$kwok_dev_dir/kwok/cluster.yaml" --kube-audit-policy "$kwok_dev_dir/kwok/audit-policy.yaml" \
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

