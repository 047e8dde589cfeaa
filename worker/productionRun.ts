// Runs a worker as a service: the health endpoint answers from before the worker exists (live,
// not ready) until it has stopped, and a shutdown signal is said in the log with what happens to
// the work in flight (worker/shutdownTimes.ts). Resolves once the worker has stopped.
import type { Worker } from '@temporalio/worker';
import { startHealthServer, type HealthServer } from './healthServer';
import type { ProductionOptions } from './productionOptions';
import type { WorkerLog } from './workerLog';

/** The signals the SDK's runtime turns into a shutdown (RuntimeOptions.shutdownSignals' default). */
const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGQUIT', 'SIGUSR2'];

export interface WorkerService {
  /** Makes the worker (the health endpoint is up meanwhile), runs it until a signal stops it. */
  run(create: () => Promise<Worker>, started: (worker: Worker) => void): Promise<void>;
}

export async function workerService(production: ProductionOptions, log: WorkerLog): Promise<WorkerService> {
  let worker: Worker | undefined;
  const health = production.health && await startHealthServer(production.health, () => worker?.getStatus());
  if (health) log.info(`health endpoint on http://${production.health?.host}:${health.port} (/healthz, /readyz)`, { port: health.port });
  return {
    async run(create, started) {
      try {
        worker = await create();
        const stopping = (signal: NodeJS.Signals) => announceStop(worker!, signal, production.shutdownGraceMs, log);
        for (const signal of STOP_SIGNALS) process.once(signal, stopping);
        started(worker);
        await worker.run();
        log.info('worker stopped', { state: worker.getState() });
      } finally {
        await closeQuietly(health);
      }
    },
  };
}

function announceStop(worker: Worker, signal: NodeJS.Signals, graceMs: number, log: WorkerLog): void {
  const activities = worker.getStatus().numInFlightActivities;
  log.info(`${signal}: stopping; ${activities} activit${activities === 1 ? 'y' : 'ies'} in flight get ${graceMs / 1000}s to finish, then are cancelled and retried on another worker`, {
    signal, activitiesInFlight: activities, graceSeconds: graceMs / 1000,
  });
}

async function closeQuietly(health: HealthServer | undefined): Promise<void> {
  await health?.close().catch(() => undefined);
}
