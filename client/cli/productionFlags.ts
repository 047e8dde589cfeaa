// What `hooksync worker` makes of its production flags (declared in workerFlags.ts): the worker's
// ProductionOptions, or a usage error (exit 2) naming the flag or variable and the value. Loaded
// only by the worker command, so it may take the worker's entry.
import { DEFAULT_PRODUCTION, LOG_FORMATS, type ListenAddress, type LogFormat, type ProductionOptions } from 'hooksync/worker';
import { durationSeconds } from '../../sync/hookTimeout';
import { CliError, EXIT } from './cliCommon';
import { FLAGS, LOOPBACK, type WorkerFlags } from './workerFlags';

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
