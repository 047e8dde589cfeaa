# Pinned versions of the tools of the embedded environment; sourced by dev/*.sh.
# Changing one here builds the new version into its own cache directory on the next run.
TEMPORAL_CLI_VERSION=v1.5.1
KWOK_VERSION=v0.8.0
ETCD_VERSION=v3.6.16
KUBERNETES_VERSION=v1.34.4

HOOKSYNC_CACHE="${HOOKSYNC_CACHE:-$HOME/.cache/hooksync}"
TEMPORAL_BIN_DIR="$HOOKSYNC_CACHE/temporal-$TEMPORAL_CLI_VERSION/bin"
KWOK_BIN_DIR="$HOOKSYNC_CACHE/kwok-$KWOK_VERSION/bin"
ETCD_BIN_DIR="$HOOKSYNC_CACHE/etcd-$ETCD_VERSION/bin"
KUBE_BIN_DIR="$HOOKSYNC_CACHE/kubernetes-$KUBERNETES_VERSION/bin"
