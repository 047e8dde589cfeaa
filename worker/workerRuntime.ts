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
  try {
    Runtime.install(runtimeOptions(choice));
    return true;
  } catch {
    // Already instantiated (a host program's own runtime, or a test process): it keeps its choices.
    return false;
  }
}
