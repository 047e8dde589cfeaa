// `hooksync worker`: runs a sync worker for the kubeconfig context's cluster until it is stopped.
import { applyWorkerV8Flags, V8FlagsError, workerV8Flags } from '../worker/heapFlags';
import { createSyncWorker } from '../worker/runWorker';
import { CliError, EXIT, type TemporalFlags } from './cliCommon';
import { kubeTarget } from './kubeTarget';
import { dataConverterOrFail, temporalTargetOf } from './temporalOrFail';

function v8FlagsOrFail(): string[] {
  try {
    return workerV8Flags();
  } catch (err) {
    if (err instanceof V8FlagsError) throw new CliError(err.message, EXIT.badInput);
    throw err;
  }
}

export async function workerCommand(opts: TemporalFlags & { kubeconfig?: string; context?: string; cluster?: string }) {
  const kube = kubeTarget(opts);
  // HOOKSYNC_WORKFLOW_BUNDLE: a workflow bundle built ahead (bundleWorkflowCode, with the codec's
  // failureConverterPath) saves bundling at each start.
  const workflowBundlePath = process.env.HOOKSYNC_WORKFLOW_BUNDLE || undefined;
  // Here, not on node's command line: the modules are loaded, the workflow thread is not made yet.
  applyWorkerV8Flags(v8FlagsOrFail());
  const worker = await createSyncWorker({ temporal: temporalTargetOf(opts), kube, workflowBundlePath, dataConverter: dataConverterOrFail() });
  console.log(`hooksync worker for cluster ${kube.cluster} polling task queue ${worker.options.taskQueue}`);
  await worker.run();
  return EXIT.ok;
}
