# Pinned versions of the Temporal cluster set-up (dev/start.sh --temporal cluster); sourced by
# dev/build-tools.sh and dev/temporal-cluster.sh. Kept out of versions.sh, whose content stamps the
# KWOK cluster: a change here must not recreate the cluster.
# The server release the CLI embeds (its go.mod requires go.temporal.io/server v1.29.1), and the
# UI server it embeds (github.com/temporalio/ui-server/v2 v2.42.1).
# shellcheck shell=bash
TEMPORAL_SERVER_VERSION=v1.29.1
TEMPORAL_UI_SERVER_VERSION=v2.42.1
TEMPORAL_SERVER_BIN_DIR="$HOOKSYNC_CACHE/temporal-server-$TEMPORAL_SERVER_VERSION/bin"
TEMPORAL_SERVER_SCHEMA_DIR="$HOOKSYNC_CACHE/temporal-server-$TEMPORAL_SERVER_VERSION/schema/postgresql/v12"
TEMPORAL_UI_BIN_DIR="$HOOKSYNC_CACHE/temporal-ui-server-$TEMPORAL_UI_SERVER_VERSION/bin"
