// The SDK logs every worker state change and webpack's module list at INFO. A hooksync worker's
// log should say one thing when it starts (which queue it polls) and then only what goes wrong:
// the Temporal runtime logs from WARN up, or from HOOKSYNC_WORKER_LOG_LEVEL (TRACE ... ERROR).
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';

const LEVELS: readonly LogLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'];

export function workerLogLevel(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const wanted = env.HOOKSYNC_WORKER_LOG_LEVEL?.toUpperCase();
  return LEVELS.find((l) => l === wanted) ?? 'WARN';
}

let installed = false;

/** Installs the runtime with that logger, once; a process that made its runtime already keeps it. */
export function installQuietRuntime(): void {
  if (installed) return;
  installed = true;
  try {
    Runtime.install({ logger: new DefaultLogger(workerLogLevel()) });
  } catch {
    // Already instantiated (a test process, or a host program that installed its own): leave it.
  }
}
