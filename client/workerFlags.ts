// The production flags of `hooksync worker`, each with an environment variable for manifests that
// prefer env to args (deploy/worker/worker.yaml): a flag wins over its variable. Bad values
// are usage errors (exit 2) that name the flag or variable and the value.
import type { Command } from 'commander';
import { durationSeconds } from '../sync/hookTimeout';
import { DEFAULT_PRODUCTION, LOG_FORMATS, type ListenAddress, type LogFormat, type ProductionOptions } from '../worker/productionOptions';
import { CliError, EXIT } from './cliCommon';

export interface WorkerFlags {
  healthPort?: string;
  healthHost?: string;
  metricsPort?: string;
  metricsHost?: string;
  shutdownGrace?: string;
  logFormat?: string;
}

/** Flag name, its variable, and the field of WorkerFlags it fills. */
const FLAGS = {
  healthPort: ['--health-port', 'HOOKSYNC_HEALTH_PORT'],
  healthHost: ['--health-host', 'HOOKSYNC_HEALTH_HOST'],
  metricsPort: ['--metrics-port', 'HOOKSYNC_METRICS_PORT'],
  metricsHost: ['--metrics-host', 'HOOKSYNC_METRICS_HOST'],
  shutdownGrace: ['--shutdown-grace', 'HOOKSYNC_SHUTDOWN_GRACE'],
  logFormat: ['--log-format', 'HOOKSYNC_LOG_FORMAT'],
} as const satisfies Record<keyof WorkerFlags, readonly [string, string]>;

/** Probes and scrapes come from the same host unless the operator says otherwise (a pod IP, 0.0.0.0). */
const LOOPBACK = '127.0.0.1';

export function addWorkerFlags(c: Command): Command {
  return c
    .option('--health-port <port>', 'serve GET /healthz and /readyz on this port (0: any free port; env HOOKSYNC_HEALTH_PORT)')
    .option('--health-host <host>', `address the health endpoint binds (default ${LOOPBACK}; env HOOKSYNC_HEALTH_HOST)`)
    .option('--metrics-port <port>', 'serve Prometheus metrics on GET /metrics at this port (env HOOKSYNC_METRICS_PORT)')
    .option('--metrics-host <host>', `address the metrics endpoint binds (default ${LOOPBACK}; env HOOKSYNC_METRICS_HOST)`)
    .option('--shutdown-grace <duration>', 'after SIGTERM, let running activities finish this long before handing them over (default 30s; env HOOKSYNC_SHUTDOWN_GRACE)')
    .option('--log-format <format>', 'text or json: one JSON object per line (env HOOKSYNC_LOG_FORMAT)');
}

/** The flags (or their variables) as the worker takes them. */
export function productionOptions(flags: WorkerFlags, env: NodeJS.ProcessEnv = process.env): ProductionOptions {
  const value = (field: keyof WorkerFlags) => {
    const [flag, variable] = FLAGS[field];
    if (flags[field] !== undefined) return { raw: flags[field], source: flag };
    const fromEnv = env[variable];
    return fromEnv ? { raw: fromEnv, source: variable } : undefined;
  };
  const health = listenAddress(value('healthPort'), value('healthHost'), FLAGS.healthPort);
  const metrics = listenAddress(value('metricsPort'), value('metricsHost'), FLAGS.metricsPort, { anyPort: false });
  const grace = value('shutdownGrace');
  const format = value('logFormat');
  return {
    ...(health ? { health } : {}),
    ...(metrics ? { metrics } : {}),
    shutdownGraceMs: grace ? graceMs(grace) : DEFAULT_PRODUCTION.shutdownGraceMs,
    logFormat: format ? logFormat(format) : DEFAULT_PRODUCTION.logFormat,
  };
}

type Given = { raw: string; source: string } | undefined;

/**
 * A port, and a host only with it. The SDK's exporter cannot say which port it got, so metrics
 * need a fixed one; the health server logs the port it was given.
 */
function listenAddress(port: Given, host: Given, portNames: readonly string[], { anyPort = true } = {}): ListenAddress | undefined {
  if (!port) {
    if (host) throw usage(`${host.source} ${host.raw} needs a port too (${portNames.join(' or ')})`);
    return undefined;
  }
  const n = /^\d+$/.test(port.raw) ? Number(port.raw) : NaN;
  const lowest = anyPort ? 0 : 1;
  if (!(n >= lowest && n <= 65535)) throw usage(`${port.source} "${port.raw}" is not a port number (${lowest}-65535)`);
  const address = host?.raw.trim() ?? LOOPBACK;
  if (address === '') throw usage(`${host?.source} is empty`);
  return { host: address, port: n };
}

function graceMs({ raw, source }: NonNullable<Given>): number {
  const seconds = raw === '0' ? 0 : durationSeconds(raw);
  if (seconds === undefined) throw usage(`${source} "${raw}" is not a duration such as 30s, 2m or 0`);
  return seconds * 1000;
}

function logFormat({ raw, source }: NonNullable<Given>): LogFormat {
  const format = LOG_FORMATS.find((f) => f === raw.toLowerCase());
  if (!format) throw usage(`${source} "${raw}" is not one of ${LOG_FORMATS.join(', ')}`);
  return format;
}

function usage(message: string): CliError {
  return new CliError(message, EXIT.badInput);
}
