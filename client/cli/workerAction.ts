// `hooksync worker`: runs a sync worker for the kubeconfig context's cluster until it is stopped.
// The worker comes through the package's own entry (`hooksync/worker`), as it does for a host
// program that runs hooksync's worker: the CLI is one more user of it.
import {
  applyWorkerV8Flags,
  createSyncWorker,
  HealthChecksFileError,
  loadHealthChecksFile,
  V8FlagsError,
  workerLog,
  workerService,
  workerV8Flags,
  type CustomHealthCheck,
} from 'hooksync/worker';
import { CliError, EXIT, type TemporalFlags } from './cliCommon';
import { kubeTarget } from '../kubeTarget';
import { dataConverterOrFail, temporalTargetOf } from './temporalOrFail';
import { productionOptions } from './productionFlags';
import type { WorkerFlags } from './workerFlags';

export interface WorkerCommandFlags extends TemporalFlags, WorkerFlags {
  kubeconfig?: string;
  context?: string;
  cluster?: string;
  /** `--health-checks FILE`: health rules in CEL (worker/healthChecksFile.ts). */
  healthChecks?: string;
}

export async function workerCommand(opts: WorkerCommandFlags) {
  // Usage errors first, before anything connects: the production flags, the V8 flags, the rules file (exit 2).
  const production = productionOptions(opts);
  const v8Flags = v8FlagsOrFail();
  const healthChecks = opts.healthChecks ? await healthChecksOrFail(opts.healthChecks) : undefined;
  const kube = kubeTarget(opts);
  const log = workerLog(production.logFormat);
  // HOOKSYNC_WORKFLOW_BUNDLE: a workflow bundle built ahead (bundleWorkflowCode, with the codec's
  // failureConverterPath) saves bundling at each start.
  const workflowBundlePath = process.env.HOOKSYNC_WORKFLOW_BUNDLE || undefined;
  // Here, not on node's command line: the modules are loaded, the workflow thread is not made yet.
  applyWorkerV8Flags(v8Flags);
  if (healthChecks) log.info(`custom health checks from ${opts.healthChecks}: ${healthChecks.map(kindName).join(', ')}`, { healthChecks: opts.healthChecks });
  const service = await workerService(production, log);
  await service.run(
    () => createSyncWorker({ temporal: temporalTargetOf(opts), kube, workflowBundlePath, dataConverter: dataConverterOrFail(), production, healthChecks }),
    (worker) => log.info(`hooksync worker for cluster ${kube.cluster} polling task queue ${worker.options.taskQueue}`, { cluster: kube.cluster, taskQueue: worker.options.taskQueue }),
  );
  return EXIT.ok;
}

function v8FlagsOrFail(): string[] {
  try {
    return workerV8Flags();
  } catch (err) {
    if (err instanceof V8FlagsError) throw new CliError(err.message, EXIT.badInput);
    throw err;
  }
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
