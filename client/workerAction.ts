// `hooksync worker`: runs a sync worker for the kubeconfig context's cluster until it is stopped.
import { createSyncWorker } from '../worker';
import { EXIT, type TemporalFlags } from './cliCommon';
import { kubeTarget } from './kubeTarget';
import { dataConverterOrFail, temporalTargetOf } from './temporalOrFail';

export async function workerCommand(opts: TemporalFlags & { kubeconfig?: string; context?: string; cluster?: string }) {
  const kube = kubeTarget(opts);
  // HOOKSYNC_WORKFLOW_BUNDLE: a workflow bundle built ahead (bundleWorkflowCode, with the codec's
  // failureConverterPath) saves bundling at each start.
  const workflowBundlePath = process.env.HOOKSYNC_WORKFLOW_BUNDLE || undefined;
  const worker = await createSyncWorker({ temporal: temporalTargetOf(opts), kube, workflowBundlePath, dataConverter: dataConverterOrFail() });
  console.log(`hooksync worker for cluster ${kube.cluster} polling task queue ${worker.options.taskQueue}`);
  await worker.run();
  return EXIT.ok;
}

