// `hooksync worker`: runs a sync worker for the kubeconfig context's cluster until it is stopped.
import { createSyncWorker } from '../worker/runWorker';
import { workerService } from '../worker/productionRun';
import { workerLog } from '../worker/workerLog';
import { EXIT, type TemporalFlags } from './cliCommon';
import { kubeTarget } from './kubeTarget';
import { dataConverterOrFail, temporalTargetOf } from './temporalOrFail';
import { productionOptions, type WorkerFlags } from './workerFlags';

export async function workerCommand(opts: TemporalFlags & WorkerFlags & { kubeconfig?: string; context?: string; cluster?: string }) {
  // Usage errors in the production flags first: they need no kubeconfig to be told.
  const production = productionOptions(opts);
  const kube = kubeTarget(opts);
  const log = workerLog(production.logFormat);
  // HOOKSYNC_WORKFLOW_BUNDLE: a workflow bundle built ahead (bundleWorkflowCode, with the codec's
  // failureConverterPath) saves bundling at each start.
  const workflowBundlePath = process.env.HOOKSYNC_WORKFLOW_BUNDLE || undefined;
  const service = await workerService(production, log);
  await service.run(
    () => createSyncWorker({ temporal: temporalTargetOf(opts), kube, workflowBundlePath, dataConverter: dataConverterOrFail(), production }),
    (worker) => log.info(`hooksync worker for cluster ${kube.cluster} polling task queue ${worker.options.taskQueue}`, { cluster: kube.cluster, taskQueue: worker.options.taskQueue }),
  );
  return EXIT.ok;
}
