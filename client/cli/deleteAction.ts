// What `hooksync delete` does (deleteCommand.ts defines it); loaded when it runs.
import type { Client, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { KubeConfig } from '@kubernetes/client-node';
import { createKubeClient } from '../../activities/kubeClient';
import type { LiveKind } from '../../sync/inventory';
import { previewRows } from '../../sync/deleteRun';
import { taskQueueFor } from '../../workflows/messages';
import { CliError, EXIT, type TemporalFlags } from './cliCommon';
import { planDeleteHooks, previewDeletion, startDeletion } from '../deleteClient';
import { followAndReport, uiLink } from './followReport';
import { formatResultTable, resultJson } from './formatResult';
import { kubeTarget } from '../kubeTarget';
import { isForPeople, renderData } from './outputFormat';
import { hasWorker, lastInventory, newSyncId } from '../syncClient';
import { connectOrFail } from './temporalOrFail';

export interface DeleteOptions extends TemporalFlags {
  filename: string[]; namespace?: string; kubeconfig?: string; context?: string; cluster?: string;
  cascade: boolean; dryRun?: boolean; wait: boolean; output: string;
}

export async function deleteCommand(app: string, opts: DeleteOptions): Promise<number> {
  const kube = kubeTarget(opts);
  const syncId = newSyncId();
  const planned = await planDeleteHooks(opts.filename, { deleteId: syncId, namespace: opts.namespace ?? kube.namespace });
  if (planned.problems.length > 0) {
    throw new CliError(`${planned.problems.length} problem(s) in the manifests; nothing was deleted:\n${planned.problems.join('\n')}`, EXIT.badInput);
  }
  const client = await connectOrFail(opts);
  try {
    const input = { syncId, app, cluster: kube.cluster, hooks: planned.hooks, cascade: opts.cascade };
    if (opts.dryRun) return await dryRun(input, await lastInventory(client, kube.cluster, app), kube.kc, opts.output);
    const handle = await startDeletion(client, input);
    await announce(handle, { syncId, app, cluster: kube.cluster, output: opts.output }, client);
    if (!opts.wait) {
      if (!isForPeople(opts.output)) console.log(renderData(opts.output, { syncId, workflowId: handle.workflowId, runId: handle.firstExecutionRunId, phase: 'Running' }));
      return EXIT.ok;
    }
    return await followAndReport(handle, opts.output);
  } finally {
    await client.connection.close();
  }
}

type Input = Parameters<typeof startDeletion>[1];

/** Lists the app's objects as the workflow would, and prints the plan; nothing is written. */
async function dryRun(input: Input, inventory: LiveKind[] | undefined, kc: KubeConfig, output: string): Promise<number> {
  const { plan, untrack } = await previewDeletion(createKubeClient(kc), { ...input, ...(inventory ? { inventory } : {}) });
  const resources = previewRows(plan, untrack);
  if (!isForPeople(output)) {
    const rows = resultJson({ syncId: input.syncId, app: input.app, cluster: input.cluster, attempt: 0, phase: 'Running', message: '', resources }).resources;
    console.log(renderData(output, { app: input.app, cluster: input.cluster, dryRun: true, message: 'dry run: nothing was deleted', resources: rows }));
  } else {
    const table = resources.length > 0 ? formatResultTable(resources, { wide: output === 'wide' }) : `(app ${input.app} has no live objects and no deletion hooks)`;
    console.log(`${table}\n\ndry run: nothing was deleted (run without --dry-run to delete app ${input.app})`);
  }
  return EXIT.ok;
}

async function announce(handle: WorkflowHandleWithFirstExecutionRunId, what: { syncId: string; app: string; cluster: string; output: string }, client: Client): Promise<void> {
  if (isForPeople(what.output)) {
    console.log(`deletion ${what.syncId} of app ${what.app} started: workflow ${handle.workflowId}`);
    const link = uiLink(client, handle.workflowId, handle.firstExecutionRunId);
    if (link) console.log(`Temporal UI: ${link}`);
  }
  if (!(await hasWorker(client, what.cluster))) {
    console.error(`hooksync: warning: no worker polls task queue ${taskQueueFor(what.cluster)}; the deletion waits until one does (start one with: hooksync worker)`);
  }
}
