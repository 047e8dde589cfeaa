// `hooksync worker`: runs a sync worker for the kubeconfig context's cluster until it is stopped.
import type { CustomHealthCheck } from '../sync/health';
import { HealthChecksFileError, loadHealthChecksFile } from '../worker/healthChecksFile';
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

export interface WorkerFlags extends TemporalFlags {
  kubeconfig?: string;
  context?: string;
  cluster?: string;
  healthChecks?: string;
}

export async function workerCommand(opts: WorkerFlags) {
  // First: a bad rules file is refused before anything connects (exit 2, every problem listed).
  const healthChecks = opts.healthChecks ? await healthChecksOrFail(opts.healthChecks) : undefined;
  const kube = kubeTarget(opts);
  // HOOKSYNC_WORKFLOW_BUNDLE: a workflow bundle built ahead (bundleWorkflowCode, with the codec's
  // failureConverterPath) saves bundling at each start.
  const workflowBundlePath = process.env.HOOKSYNC_WORKFLOW_BUNDLE || undefined;
  // Here, not on node's command line: the modules are loaded, the workflow thread is not made yet.
  applyWorkerV8Flags(v8FlagsOrFail());
  const worker = await createSyncWorker({ temporal: temporalTargetOf(opts), kube, workflowBundlePath, dataConverter: dataConverterOrFail(), healthChecks });
  if (healthChecks) console.log(`custom health checks from ${opts.healthChecks}: ${healthChecks.map(kindName).join(', ')}`);
  console.log(`hooksync worker for cluster ${kube.cluster} polling task queue ${worker.options.taskQueue}`);
  await worker.run();
  return EXIT.ok;
}

/** The rules file, or exit 2 with its problems. */
async function healthChecksOrFail(file: string) {
  try {
    return await loadHealthChecksFile(file);
  } catch (error) {
    if (error instanceof HealthChecksFileError) throw new CliError(error.message, EXIT.badInput);
    throw error;
  }
}

function kindName({ group, kind }: CustomHealthCheck): string {
  return group ? `${group}/${kind}` : kind;
}
