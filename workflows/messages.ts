// The sync workflow's messages and search attributes, shared by the workflow and its clients.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { SyncResult } from '../sync/syncRun';

/** The sync as it stands: outcome so far and one row per resource. */
export const syncStateQuery = defineQuery<SyncResult>('syncState');

export const APP_ATTRIBUTE = defineSearchAttributeKey('HooksyncApp', SearchAttributeType.KEYWORD);
export const CLUSTER_ATTRIBUTE = defineSearchAttributeKey('HooksyncCluster', SearchAttributeType.KEYWORD);
export const SYNC_ID_ATTRIBUTE = defineSearchAttributeKey('HooksyncSyncId', SearchAttributeType.KEYWORD);
export const PHASE_ATTRIBUTE = defineSearchAttributeKey('HooksyncPhase', SearchAttributeType.KEYWORD);
export const OUTCOME_ATTRIBUTE = defineSearchAttributeKey('HooksyncOutcome', SearchAttributeType.KEYWORD);

export const SYNC_WORKFLOW_TYPE = 'sync';

/** One running sync per (cluster, app): Temporal refuses a second workflow with the same id. */
export function syncWorkflowId(cluster: string, app: string): string {
  return `sync/${cluster}/${app}`;
}

/** An app deletion (deleteWorkflow.ts): one per (cluster, app), as for syncs. */
export const DELETE_WORKFLOW_TYPE = 'deleteApp';

/** Every workflow type whose runs `status`, `list`, `history` and `terminate` show: syncs and deletions. */
export const OPERATION_WORKFLOW_TYPES = [SYNC_WORKFLOW_TYPE, DELETE_WORKFLOW_TYPE] as const;

export function deleteWorkflowId(cluster: string, app: string): string {
  return `delete/${cluster}/${app}`;
}

/**
 * What a deletion runs under the app's sync workflow id while it works (deletionLock.ts): with it
 * running, Temporal refuses every sync of the app, and a running sync makes the deletion refuse.
 */
export const DELETION_LOCK_TYPE = 'deletionLock';

/** The deletion is done with the app: the lock ends, and syncs of the app may start again. */
export const releaseLockSignal = defineSignal('releaseLock');

export function taskQueueFor(cluster: string): string {
  return `hooksync.${cluster}`;
}

/** What `hooksync confirm` gets back from the sync it let prune. */
export interface PruneConfirmation {
  /** An earlier confirm already let the prunes go. */
  alreadyConfirmed: boolean;
}

/** `hooksync confirm SYNC_ID`: the prunes that wait for confirmation (Prune=confirm) may go ahead. */
export const confirmPruneUpdate = defineUpdate<PruneConfirmation>('confirmPrune');
