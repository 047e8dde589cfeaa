// The Temporal runtime of a production worker: the quiet logger of quietRuntime.ts, as JSON lines
// when asked (with the Rust core's lines forwarded to it, so that every line is JSON), and the
// SDK's Prometheus exporter, whose meter also carries hooksync's own metrics (syncMetrics.ts).
// The runtime is process-wide and made once: whatever installs it first decides.
import { DefaultLogger, makeTelemetryFilterString, Runtime, type RuntimeOptions } from '@temporalio/worker';
import { sdkJsonLine } from './jsonLog';
import { bindAddress, type ProductionOptions } from './productionOptions';
import { installQuietRuntime, workerLogLevel } from './quietRuntime';

export type RuntimeChoice = Pick<ProductionOptions, 'logFormat' | 'metrics'>;

/** Runtime.install's options for these choices (pure, so the choice of options is tested). */
export function runtimeOptions({ logFormat, metrics }: RuntimeChoice, env: NodeJS.ProcessEnv = process.env): RuntimeOptions {
  const level = workerLogLevel(env);
  const json = logFormat === 'json';
  return {
    logger: json ? new DefaultLogger(level, (entry) => process.stdout.write(`${sdkJsonLine(entry)}\n`)) : new DefaultLogger(level),
    telemetryOptions: {
      ...(json ? { logging: { filter: makeTelemetryFilterString({ core: level, other: 'ERROR' }), forward: {} } } : {}),
      ...(metrics ? {
        metrics: {
          // Prometheus' conventions: counters end in _total, durations are in seconds.
          prometheus: { bindAddress: bindAddress(metrics), countersTotalSuffix: true, useSecondsForDurations: true },
        },
      } : {}),
    },
  };
}

/** True when the runtime was made here with these choices; false when something made it first. */
export function installWorkerRuntime(choice: RuntimeChoice): boolean {
  if (choice.logFormat === 'text' && !choice.metrics) {
    installQuietRuntime();
    return true;
  }
  // Already made (a host program's own runtime, or a test process): it keeps its choices.
  if (Runtime._instance) return false;
  try {
    Runtime.install(runtimeOptions(choice));
  } catch (err) {
    // The exporter could not bind, typically: say where, instead of running without metrics.
    const where = choice.metrics ? ` (metrics on ${bindAddress(choice.metrics)})` : '';
    throw new Error(`cannot start the Temporal runtime${where}: ${(err as Error).message}`, { cause: err });
  }
  return true;
}
