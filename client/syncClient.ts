// The library the CLI is built on: start a sync of planned manifests as the `sync` workflow, and
// follow it to its result. Everything here talks to Temporal only; the worker talks to the cluster.
import { Client, Connection, type WorkflowHandle, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { hooksyncDataConverter } from '../codec/dataConverter';
import { temporal } from '@temporalio/proto';
import { firstAttemptInput, type SyncRequest } from '../sync/syncRequest';
import type { SyncInput, SyncResult } from '../sync/syncRun';
import { inventoryOfResult, type LiveKind } from '../sync/inventory';
import {
  DELETION_LOCK_TYPE, deleteWorkflowId, SYNC_WORKFLOW_TYPE, syncStateQuery, syncWorkflowId, taskQueueFor,
} from '../workflows/messages';
import { startAppWorkflow } from './appWorkflowStart';
import { connectionOptions, type TemporalTarget } from './temporalConnection';
import type { WaitingReason } from '../sync/waitingReason';
import { waitingReasons } from './waitingReasons';
import { AppBeingDeleted, SyncAlreadyRunning } from './userErrors';

export { AppBeingDeleted, SyncAlreadyRunning };

export interface SyncReport extends SyncResult {
  runId: string;
  startedAt?: string;
  finishedAt?: string;
}

/** `dataConverter` defaults to the codec the environment configures, as the worker's does. */
export async function connectClient(target: TemporalTarget, dataConverter: DataConverter = hooksyncDataConverter()): Promise<Client> {
  const connection = await Connection.connect({ ...connectionOptions(target), connectTimeout: '5s' });
  return new Client({ connection, namespace: target.namespace, dataConverter });
}

/** A short id, unique per sync, that generated hook names carry. */
export function newSyncId(now = Date.now()): string {
  return now.toString(36);
}

/** A sync to start: the request sync/syncRequest.ts turns into the workflow's input. */
export type StartSyncInput = SyncRequest;

export async function startSync(client: Client, input: StartSyncInput): Promise<WorkflowHandleWithFirstExecutionRunId> {
  const inventory = await lastInventory(client, input.cluster, input.app);
  return startSyncRun(client, firstAttemptInput(input, inventory));
}

/**
 * The inventory (sync/inventory.ts) the app's newest run left, when that run completed. Anything
 * else (no run, one still running, one that failed or was killed, a result from older code) gives
 * undefined: then a --prune sync lists every kind, which is slower but never misses an object.
 */
export async function lastInventory(client: Client, cluster: string, app: string): Promise<LiveKind[] | undefined> {
  try {
    const description = await client.workflow.getHandle(syncWorkflowId(cluster, app)).describe();
    if (description.status.name !== 'COMPLETED') return undefined;
    // The run described, not whatever run is newest by the time the result is asked for.
    return inventoryOfResult(await client.workflow.getHandle(description.workflowId, description.runId, { followRuns: false }).result());
  } catch {
    return undefined;
  }
}

/** Starts one run (a first attempt or a retry) of the app's sync workflow. */
export async function startSyncRun(client: Client, args: SyncInput): Promise<WorkflowHandleWithFirstExecutionRunId> {
  const workflowId = syncWorkflowId(args.cluster, args.app);
  const attempt = args.attempt > 0 ? `, attempt ${args.attempt}` : '';
  return startAppWorkflow(client, {
    workflowType: SYNC_WORKFLOW_TYPE, workflowId, app: args.app, cluster: args.cluster, syncId: args.syncId, args,
    summary: `${args.plan.selection ? 'selective sync (no hooks) of' : 'sync'} ${args.app} to ${args.cluster} (sync id ${args.syncId}${attempt})`,
    refused: () => whyRefused(client, args, workflowId),
  });
}

/** What holds the app's sync workflow id: another sync, or a deletion's lock (workflows/deletionLock.ts). */
async function whyRefused(client: Client, args: SyncInput, workflowId: string): Promise<Error> {
  const running = await client.workflow.getHandle(workflowId).describe().catch(() => undefined);
  if (running?.type === DELETION_LOCK_TYPE) {
    const deletion = deleteWorkflowId(args.cluster, args.app);
    return new AppBeingDeleted(`app "${args.app}" on cluster "${args.cluster}" is being deleted (workflow ${deletion}); no sync of it starts until the deletion ends`);
  }
  return new SyncAlreadyRunning(`a sync of app "${args.app}" on cluster "${args.cluster}" is already running (workflow ${workflowId}); wait for it or terminate it`);
}

/**
 * Terminates a running sync. It is a cancellation, not a Temporal terminate: the workflow deletes
 * its running hooks and releases its finalizers before it ends with phase Terminated.
 */
export async function terminateSync(client: Client, workflowId: string): Promise<void> {
  await client.workflow.getHandle(workflowId).cancel();
}

/** True when some worker has polled the cluster's task queue recently. */
export async function hasWorker(client: Client, cluster: string): Promise<boolean> {
  const res = await client.workflowService.describeTaskQueue({
    namespace: client.options.namespace,
    taskQueue: { name: taskQueueFor(cluster) },
    taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  });
  return (res.pollers ?? []).length > 0;
}

/**
 * The sync's state, or an error after `ms`: with no worker polling, a query would hang for about
 * 30 s. The call is aborted, not just abandoned, so that no retry of it outlives the connection.
 */
export async function queryState(handle: WorkflowHandle, ms: number): Promise<SyncResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    return await handle.client.withAbortSignal(controller.signal, () => handle.query(syncStateQuery));
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Calls `onState` with the sync's state about once a second until it ends, and `onWaiting`, when
 * given, with what its pending waits report (waitingReasons.ts); returns the result.
 */
export async function followSync(handle: WorkflowHandle, onState: (state: SyncResult) => void, onWaiting?: (reasons: WaitingReason[]) => void): Promise<SyncReport> {
  let ended = false;
  const finished = handle.result().finally(() => { ended = true; }) as Promise<SyncResult>;
  while (!ended) {
    try {
      onState(await queryState(handle, 5_000));
      if (onWaiting) onWaiting(await waitingReasons(handle));
    } catch {
      // A query can fail while no worker is polling; the result is what counts.
    }
    await Promise.race([finished.catch(() => undefined), new Promise((r) => setTimeout(r, 1000))]);
  }
  const result = await finished;
  const description = await handle.describe();
  return {
    ...result,
    runId: description.runId,
    startedAt: description.startTime.toISOString(),
    finishedAt: description.closeTime?.toISOString(),
  };
}
