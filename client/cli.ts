#!/usr/bin/env node
// `hooksync`: plan, sync and worker commands (DESIGN §3), and the read-only status, list and
// history (readCommands.ts). Exit codes: 0 succeeded, 1 the sync failed, 2 bad input or usage,
// 3 could not reach Temporal or the cluster.
import { Command, InvalidArgumentError } from 'commander';
import { planToJson, formatPlanText } from '../sync/formatPlan';
import { durationSeconds } from '../sync/hookTimeout';
import { createSyncWorker } from '../worker/runWorker';
import type { WorkflowHandle } from '@temporalio/client';
import { followAndReport, uiLink } from './followReport';
import { kubeTarget } from './kubeTarget';
import { formatPlanWide } from './formatPlanWide';
import { isForPeople, renderData } from './outputFormat';
import { planFromFiles } from './planFromFiles';
import { syncWorkflowId, taskQueueFor } from '../workflows/messages';
import { hasWorker, newSyncId, startSync, SyncAlreadyRunning } from './syncClient';
import { CliError, connectOrFail, dataConverterOrFail, EXIT, output, temporalFlags, temporalTargetOf, type TemporalFlags } from './cliCommon';
import { addReadCommands } from './readCommands';
import { addTerminateCommand } from './terminateCommand';
import { addRetryCommand } from './retryCommand';
import { clusterPreflight } from './clusterPreflight';
import { errorLines, exitCodeOf } from './cliErrors';
import { addCodecServerCommand } from './codecServerCommand';
import { exitWhenFlushed } from './exitWhenFlushed';

export { EXIT } from './cliCommon';

const collect = (value: string, previous: string[]) => [...previous, value];

function parseTimeout(value: string): number {
  const seconds = durationSeconds(value);
  if (!seconds) throw new InvalidArgumentError(`"${value}" is not a duration above zero such as 90s, 10m or 1h`);
  return seconds;
}

async function plannedOrFail(files: string[], syncId: string, namespace: string, createNamespace = false) {
  if (files.length === 0) throw new CliError('no manifests given: use -f FILE, -f DIRECTORY or -f - (stdin)', EXIT.badInput);
  const planned = await planFromFiles(files, { syncId, attempt: 0, defaultNamespace: namespace, createNamespace });
  if (planned.problems.length > 0) {
    throw new CliError(`${planned.problems.length} problem(s) in the manifests; nothing was applied:\n${planned.problems.join('\n')}`, EXIT.badInput);
  }
  return planned.plan;
}

async function planCommand(opts: { filename: string[]; namespace: string; createNamespace?: boolean; output: string }) {
  const plan = await plannedOrFail(opts.filename, 'plan', opts.namespace, opts.createNamespace);
  if (opts.output === 'text') process.stdout.write(formatPlanText(plan));
  else console.log(opts.output === 'wide' ? formatPlanWide(plan) : renderData(opts.output, planToJson(plan)));
  return EXIT.ok;
}

interface SyncOptions extends TemporalFlags {
  filename: string[]; app: string; namespace?: string; kubeconfig?: string; context?: string; cluster?: string;
  wait: boolean; attach?: boolean; prune?: boolean; createNamespace?: boolean; timeout?: number; output: string;
}

async function syncCommand(opts: SyncOptions) {
  const kube = kubeTarget(opts);
  const syncId = newSyncId();
  const plan = await plannedOrFail(opts.filename, syncId, opts.namespace ?? kube.namespace, opts.createNamespace);
  const unserved = await clusterPreflight(kube.kc, plan);
  if (unserved.length > 0) throw new CliError(`${unserved.length} problem(s) in the manifests; nothing was applied:\n${unserved.join('\n')}`, EXIT.badInput);
  const client = await connectOrFail(opts);
  const text = isForPeople(opts.output);
  let handle: WorkflowHandle & { firstExecutionRunId?: string };
  try {
    handle = await startSync(client, { syncId, app: opts.app, cluster: kube.cluster, plan, prune: opts.prune, timeoutSeconds: opts.timeout });
  } catch (err) {
    if (!(err instanceof SyncAlreadyRunning) || !opts.attach) throw err;
    // --attach: the running sync is followed instead; the manifests given are not used.
    handle = client.workflow.getHandle(syncWorkflowId(kube.cluster, opts.app));
    if (text) console.log(`a sync of app ${opts.app} is already running: following workflow ${handle.workflowId} (these manifests were not applied)`);
    return opts.wait ? followAndReport(handle, opts.output) : EXIT.ok;
  }
  if (text) {
    console.log(`sync ${syncId} of app ${opts.app} started: workflow ${handle.workflowId}`);
    const link = uiLink(client, handle.workflowId, handle.firstExecutionRunId ?? '');
    if (link) console.log(`Temporal UI: ${link}`);
  }
  if (!(await hasWorker(client, kube.cluster))) {
    console.error(`hooksync: warning: no worker polls task queue ${taskQueueFor(kube.cluster)}; the sync waits until one does (start one with: hooksync worker)`);
  }
  if (!opts.wait) {
    if (!text) console.log(renderData(opts.output, { syncId, workflowId: handle.workflowId, runId: handle.firstExecutionRunId, phase: 'Running' }));
    return EXIT.ok;
  }
  return followAndReport(handle, opts.output);
}

async function workerCommand(opts: TemporalFlags & { kubeconfig?: string; context?: string; cluster?: string }) {
  const kube = kubeTarget(opts);
  // HOOKSYNC_WORKFLOW_BUNDLE: a workflow bundle built ahead (bundleWorkflowCode, with the codec's
  // failureConverterPath) saves bundling at each start.
  const workflowBundlePath = process.env.HOOKSYNC_WORKFLOW_BUNDLE || undefined;
  const worker = await createSyncWorker({ temporal: temporalTargetOf(opts), kube, workflowBundlePath, dataConverter: dataConverterOrFail() });
  console.log(`hooksync worker for cluster ${kube.cluster} polling task queue ${worker.options.taskQueue}`);
  await worker.run();
  return EXIT.ok;
}

function program(): Command {
  const cli = new Command('hooksync').description('Kubernetes sync with Argo CD hook semantics, as durable Temporal workflows');
  // Before any subcommand is added: each copies it, so every usage error exits 2 (DESIGN §3).
  cli.exitOverride((err) => { throw new CliError(err.message, err.exitCode === 0 ? EXIT.ok : EXIT.badInput); });
  cli.configureOutput({ outputError: () => undefined }); // main() prints it once, as `hooksync: ...`
  cli.option('--debug', 'print the stack trace of an error (for reporting a bug in hooksync)');
  const kubeFlags = (c: Command) => c.option('--kubeconfig <file>', 'kubeconfig file').option('--context <name>', 'kubeconfig context')
    .option('--cluster <name>', "the cluster's name in workflow ids and the task queue hooksync.<name> (default: the context's cluster, or HOOKSYNC_CLUSTER)");
  cli.command('plan').description('print the sync plan of manifests, offline')
    .requiredOption('-f, --filename <path>', 'file, directory or - for stdin (repeatable)', collect, [])
    .option('-n, --namespace <ns>', 'namespace for objects that name none', 'default')
    .option('--create-namespace', 'create the namespace first if the manifests do not declare it')
    .addOption(output())
    .action(async (opts) => { process.exitCode = await planCommand(opts); });
  const syncCmd = cli.command('sync').description('sync manifests to a cluster and wait for the result')
    .requiredOption('-f, --filename <path>', 'file, directory or - for stdin (repeatable)', collect, [])
    .requiredOption('--app <name>', 'application name (one running sync per app and cluster)')
    .option('-n, --namespace <ns>', "namespace for objects that name none (default: the context's)")
    .option('--create-namespace', 'create the namespace first if the manifests do not declare it')
    .option('--prune', "delete the app's live objects that the manifests no longer have")
    .option('--timeout <duration>', 'fail the sync (and run SyncFail hooks) if it is not done within this (90s, 10m, 1h)', parseTimeout)
    .option('--no-wait', 'start the sync and return')
    .option('--attach', 'if a sync of the app is already running, follow it instead of failing')
    .addOption(output());
  kubeFlags(syncCmd); temporalFlags(syncCmd);
  syncCmd.action(async (opts) => { process.exitCode = await syncCommand(opts); });
  const workerCmd = cli.command('worker').description("run a worker for the kubeconfig context's cluster");
  kubeFlags(workerCmd); temporalFlags(workerCmd);
  workerCmd.action(async (opts) => { process.exitCode = await workerCommand(opts); });
  addReadCommands(cli);
  addTerminateCommand(cli);
  addRetryCommand(cli);
  addCodecServerCommand(cli);
  return cli;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv);
    return Number(process.exitCode ?? EXIT.ok);
  } catch (err) {
    const code = exitCodeOf(err);
    // --help and --version end through the same path, with nothing to report.
    if (code !== EXIT.ok) for (const line of errorLines(err, argv.includes('--debug'))) console.error(line);
    return code;
  }
}

if (require.main === module) {
  // Never process.exit directly: output still queued for a pipe would be cut (exitWhenFlushed.ts).
  void main(process.argv).then(exitWhenFlushed);
}
