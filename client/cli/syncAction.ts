// `hooksync sync`: checks the manifests and the cluster, starts the sync workflow and follows it.
import type { WorkflowHandle } from '@temporalio/client';
import { selectedCount, selectionLines } from '../../sync/formatPlan';
import type { ResourceSelector } from '../../sync/resourceSelector';
import { formatSyncOptions } from '../../sync/syncOptions';
import { syncWorkflowId, taskQueueFor } from '../../workflows/messages';
import { CliError, EXIT, type TemporalFlags } from './cliCommon';
import { clusterPreflight } from '../clusterPreflight';
import { followAndReport, uiLink } from './followReport';
import { kubeTarget } from '../kubeTarget';
import { isForPeople, renderData } from './outputFormat';
import { plannedOrFail } from './planAction';
import { retryPolicyOf, type RetryFlags } from './retryFlags';
import { hasWorker, newSyncId, startSync, SyncAlreadyRunning } from '../syncClient';
import { connectOrFail } from './temporalOrFail';

export interface SyncOptions extends TemporalFlags, RetryFlags {
  filename: string[]; app: string; namespace?: string; kubeconfig?: string; context?: string; cluster?: string;
  wait: boolean; attach?: boolean; prune?: boolean; createNamespace?: boolean; timeout?: number; waveDelay?: number; output: string;
  /** `--resource`: a selective sync. */
  resource?: ResourceSelector[];
  /** `--sync-option`, repeatable (syncOptions.ts). */
  syncOption?: string[];
}

export async function syncCommand(opts: SyncOptions) {
  const retry = retryPolicyOf(opts);
  const kube = kubeTarget(opts);
  const syncId = newSyncId();
  const plan = await plannedOrFail(opts.filename, syncId, opts.namespace ?? kube.namespace, opts);
  const unserved = await clusterPreflight(kube.kc, plan);
  if (unserved.length > 0) throw new CliError(`${unserved.length} problem(s) in the manifests; nothing was applied:\n${unserved.join('\n')}`, EXIT.badInput);
  const client = await connectOrFail(opts);
  const text = isForPeople(opts.output);
  let handle: WorkflowHandle & { firstExecutionRunId?: string };
  try {
    // The per-sync options also go to the workflow as `Name=value` items: it reads Prune=confirm there.
    const syncOptions = plan.syncOptions ? formatSyncOptions(plan.syncOptions) : undefined;
    handle = await startSync(client, {
      syncId, app: opts.app, cluster: kube.cluster, plan, prune: opts.prune, timeoutSeconds: opts.timeout, waveDelaySeconds: opts.waveDelay, retry, syncOptions,
    });
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
    // What `hooksync plan --resource` shows: a user who expects hooks to run learns here that they will not.
    if (plan.selection) for (const line of selectionLines(plan.selection, selectedCount(plan))) console.log(line);
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

