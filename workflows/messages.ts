// The sync workflow's messages and search attributes, shared by the workflow and its clients.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
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
