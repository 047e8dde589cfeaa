// The production flags of `hooksync worker`, each with an environment variable for manifests that
// prefer env to args (deploy/worker/worker.yaml): a flag wins over its variable. Bad values
// are usage errors (exit 2) that name the flag or variable and the value (productionFlags.ts reads
// them). This file only declares them: it loads with every command, so it imports nothing heavy.
import type { Command } from 'commander';

export interface WorkerFlags {
  healthPort?: string;
  healthHost?: string;
  metricsPort?: string;
  metricsHost?: string;
  shutdownGrace?: string;
  logFormat?: string;
}

/** Flag name, its variable, and the field of WorkerFlags it fills. */
export const FLAGS = {
  healthPort: ['--health-port', 'HOOKSYNC_HEALTH_PORT'],
  healthHost: ['--health-host', 'HOOKSYNC_HEALTH_HOST'],
  metricsPort: ['--metrics-port', 'HOOKSYNC_METRICS_PORT'],
  metricsHost: ['--metrics-host', 'HOOKSYNC_METRICS_HOST'],
  shutdownGrace: ['--shutdown-grace', 'HOOKSYNC_SHUTDOWN_GRACE'],
  logFormat: ['--log-format', 'HOOKSYNC_LOG_FORMAT'],
} as const satisfies Record<keyof WorkerFlags, readonly [string, string]>;

/** Probes and scrapes come from the same host unless the operator says otherwise (a pod IP, 0.0.0.0). */
export const LOOPBACK = '127.0.0.1';

export function addWorkerFlags(c: Command): Command {
  return c
    .option('--health-port <port>', 'serve GET /healthz and /readyz on this port (0: any free port; env HOOKSYNC_HEALTH_PORT)')
    .option('--health-host <host>', `address the health endpoint binds (default ${LOOPBACK}; env HOOKSYNC_HEALTH_HOST)`)
    .option('--metrics-port <port>', 'serve Prometheus metrics on GET /metrics at this port (env HOOKSYNC_METRICS_PORT)')
    .option('--metrics-host <host>', `address the metrics endpoint binds (default ${LOOPBACK}; env HOOKSYNC_METRICS_HOST)`)
    .option('--shutdown-grace <duration>', 'after SIGTERM, let running activities finish this long before handing them over (default 30s; env HOOKSYNC_SHUTDOWN_GRACE)')
    .option('--log-format <format>', 'text or json: one JSON object per line (env HOOKSYNC_LOG_FORMAT)');
}
