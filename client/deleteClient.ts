// `hooksync delete` as a library: the deletion hooks of manifests (offline), a preview of what a
// deletion would do (`--dry-run`: lists the cluster, starts nothing), and the start of the
// `deleteApp` workflow. Following it is followSync's job, as for a sync: the result has its shape.
import type { Client, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { listLiveObjects } from '../activities/listAppObjects';
import type { KubeClient } from '../activities/kubeClient';
import { deleteHookTasks } from '../sync/deleteHooks';
import { deletePlan, type DeletePlan } from '../sync/deletePlan';
import type { DeleteInput } from '../sync/deleteRun';
import type { LiveKind } from '../sync/inventory';
import { clusterScopedKinds } from '../sync/kindScope';
import { planSync } from '../sync/planSync';
import { formatProblem } from '../sync/problems';
import type { SyncTask } from '../sync/types';
import {
  DELETE_WORKFLOW_TYPE, DELETION_LOCK_TYPE, deleteWorkflowId, syncWorkflowId,
} from '../workflows/messages';
import { startAppWorkflow } from './appWorkflowStart';
import { formatLoadProblem, loadManifests, type LoadOptions } from './manifests';
import { lastInventory } from './syncClient';
import { DeletionAlreadyRunning, SyncAlreadyRunning } from './userErrors';

export { DeletionAlreadyRunning };

export interface PlannedHooks {
  hooks: SyncTask[];
  /** One line each, naming file, line, object and field; start nothing when non-empty. */
  problems: string[];
}

/**
 * The PreDelete and PostDelete hooks of `paths` (none given: none). Every manifest is checked as
 * `sync` checks it, so that a typo in an annotation is found here too, not only in the hooks.
 */
export async function planDeleteHooks(paths: readonly string[], options: { deleteId: string; namespace: string }, load: LoadOptions = {}): Promise<PlannedHooks> {
  if (paths.length === 0) return { hooks: [], problems: [] };
  const loaded = await loadManifests(paths, load);
  const checked = planSync(loaded.manifests, { syncId: options.deleteId, attempt: 0, defaultNamespace: options.namespace });
  const context = { deleteId: options.deleteId, defaultNamespace: options.namespace, clusterScoped: clusterScopedKinds(loaded.manifests) };
  const built = deleteHookTasks(loaded.manifests, context);
  const problems = [...loaded.problems.map(formatLoadProblem), ...checked.problems.map(formatProblem), ...built.problems.map(formatProblem)];
  return { hooks: built.tasks, problems: [...new Set(problems)] };
}

/** `--dry-run`: the plan the workflow would make now, from the same list of live objects. */
export async function previewDeletion(kube: KubeClient, input: { app: string; hooks: SyncTask[]; cascade: boolean; inventory?: LiveKind[] }): Promise<DeletePlan> {
  const live = await listLiveObjects(kube, input.app, input.inventory, () => undefined);
  return deletePlan(input.hooks, live, { cascade: input.cascade });
}

/**
 * Starts the deletion of an app. A sync running now is refused here, with the same exit as a
 * second sync; the workflow itself re-checks atomically (workflows/deletionLock.ts), which covers
 * a sync started between this check and the deletion's first step.
 */
export async function startDeletion(
  client: Client, input: { syncId: string; app: string; cluster: string; hooks: SyncTask[]; cascade: boolean },
): Promise<WorkflowHandleWithFirstExecutionRunId> {
  await refuseWhileSyncRuns(client, input.cluster, input.app);
  const inventory = await lastInventory(client, input.cluster, input.app);
  const args: DeleteInput = { ...input, ...(inventory ? { inventory } : {}) };
  const workflowId = deleteWorkflowId(input.cluster, input.app);
  return startAppWorkflow(client, {
    workflowType: DELETE_WORKFLOW_TYPE, workflowId, app: input.app, cluster: input.cluster, syncId: input.syncId, args,
    summary: `delete app ${input.app} from ${input.cluster} (id ${input.syncId}${input.cascade ? '' : ', --cascade=false'})`,
    refused: () => new DeletionAlreadyRunning(`a deletion of app "${input.app}" on cluster "${input.cluster}" is already running (workflow ${workflowId}); wait for it or terminate it`),
  });
}

async function refuseWhileSyncRuns(client: Client, cluster: string, app: string): Promise<void> {
  const workflowId = syncWorkflowId(cluster, app);
  const running = await client.workflow.getHandle(workflowId).describe().catch(() => undefined);
  if (running?.status.name === 'RUNNING' && running.type !== DELETION_LOCK_TYPE) {
    throw new SyncAlreadyRunning(`a sync of app "${app}" on cluster "${cluster}" is running (workflow ${workflowId}); wait for it or terminate it, then delete again`);
  }
}
