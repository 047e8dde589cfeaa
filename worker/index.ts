// `hooksync/worker`: the worker factory. Run hooksync's own worker for a cluster (createSyncWorker,
// what `hooksync worker` runs), or register hooksync's workflows and activities in a worker of your
// own (syncActivities, syncWorkflowsPath, and the data converter both sides must share).
// `hooksync worker` itself reaches the worker only through this entry (client/cli/workerAction.ts).
import type { ActivityInterface } from '@temporalio/common';
import { createActivities } from '../activities';
import { createKubeClient } from '../activities/kubeClient';
import type { KubeTarget } from '../client/kubeTarget';

export { createSyncWorker, type WorkerOptions } from './runWorker';
export { heartbeatPulse } from './heartbeatPulse';
export { hooksyncDataConverter, failureConverterPath } from '../codec/dataConverter';
export { taskQueueFor } from '../workflows/messages';
export { kubeTarget, type KubeTarget } from '../client/kubeTarget';
export { temporalTarget, type TemporalTarget } from '../client/temporalConnection';
// Running it as `hooksync worker` does: probes, metrics, graceful shutdown, logs, V8 heap flags and
// health rules from a file.
export { workerService, type WorkerService } from './productionRun';
export { DEFAULT_PRODUCTION, LOG_FORMATS, type ListenAddress, type LogFormat, type ProductionOptions } from './productionOptions';
export { workerLog, type WorkerLog } from './workerLog';
export { applyWorkerV8Flags, V8FlagsError, workerV8Flags } from './heapFlags';
export { HealthChecksFileError, loadHealthChecksFile } from './healthChecksFile';
export type { CustomHealthCheck } from '../sync/health/customHealth';

/** The module to pass as (or re-export from) a worker's `workflowsPath`: hooksync's `sync` workflow. */
export const syncWorkflowsPath: string = require.resolve('../workflows');

/** hooksync's activities, talking to the cluster `kube` names, for a worker's `activities`. */
export function syncActivities(kube: KubeTarget): ActivityInterface {
  return createActivities(createKubeClient(kube.kc));
}
