// A worker for one cluster: it holds that cluster's credentials and polls `hooksync.<cluster>`.
// Run one or more per target cluster, next to it or anywhere that reaches both servers.
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { hooksyncDataConverter } from '../codec/dataConverter';
import { createActivities } from '../activities';
import { createKubeClient } from '../activities/kubeClient';
import type { CustomHealthChecks } from '../sync/health';
import type { KubeTarget } from '../client/kubeTarget';
import { connectionOptions, type TemporalTarget } from '../client/temporalConnection';
import { taskQueueFor } from '../workflows/messages';
import { faultInterceptors } from './faultInterceptor';
import { heartbeatPulse } from './heartbeatPulse';
import type { ProductionOptions } from './productionOptions';
import { shutdownTimes } from './shutdownTimes';
import { waitingObserver } from './waitingMetrics';
import { installWorkerRuntime } from './workerRuntime';
import { syncWorkflowSource } from './workflowBundle';
import { workerTuning } from './workerTuning';

export interface WorkerOptions {
  temporal: TemporalTarget;
  kube: KubeTarget;
  /** A workflow bundle to load (tests build one per run); otherwise dist's prebuilt one, or bundled at start. */
  workflowBundlePath?: string;
  /** Defaults to the codec the environment configures (HOOKSYNC_CODEC_KEY_FILE / _KEYS). */
  dataConverter?: DataConverter;
  /** The operator's health rules (`--health-checks FILE`, loaded by worker/healthChecksFile.ts). */
  healthChecks?: CustomHealthChecks;
  /**
   * Metrics, log format and shutdown grace (worker/productionOptions.ts). Without: text logs, no
   * metrics, and the SDK's shutdown (activities cancelled at once), as a test harness wants.
   */
  production?: ProductionOptions;
}

export async function createSyncWorker({ temporal, kube, workflowBundlePath, dataConverter = hooksyncDataConverter(), production, healthChecks }: WorkerOptions): Promise<Worker> {
  installWorkerRuntime(production ?? { logFormat: 'text' });
  const connection = await NativeConnection.connect(connectionOptions(temporal));
  return Worker.create({
    connection,
    namespace: temporal.namespace,
    taskQueue: taskQueueFor(kube.cluster),
    activities: createActivities(createKubeClient(kube.kc), { healthChecks }),
    interceptors: { activity: [heartbeatPulse(undefined, production?.metrics ? waitingObserver() : undefined), ...faultInterceptors()] },
    // Any bundle must have been made with the same failureConverterPath (worker/workflowBundle.ts).
    dataConverter,
    ...workerTuning(),
    ...(production ? shutdownTimes(production.shutdownGraceMs) : {}),
    ...(await syncWorkflowSource(workflowBundlePath)),
  });
}
