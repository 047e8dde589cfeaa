// Finding syncs through Temporal visibility: every sync workflow carries the search attributes
// HooksyncApp, HooksyncCluster and HooksyncSyncId from its start, and HooksyncPhase and
// HooksyncOutcome as it goes (workflows/messages.ts). Visibility is eventually consistent, so a
// lookup by sync id retries for a moment before it gives up; lists never wait (empty is an answer).
import type { Client, WorkflowExecutionInfo, WorkflowExecutionStatusName } from '@temporalio/client';
import {
  APP_ATTRIBUTE, CLUSTER_ATTRIBUTE, DELETE_WORKFLOW_TYPE, OPERATION_WORKFLOW_TYPES, OUTCOME_ATTRIBUTE, PHASE_ATTRIBUTE, SYNC_ID_ATTRIBUTE,
} from '../workflows/messages';
import { SyncNotFound } from './userErrors';

export { SyncNotFound };

/** What a run does: a sync, or an app deletion (`hooksync delete`), whose id is taken where a sync id is. */
export type Operation = 'sync' | 'delete';

/** One run of a sync (or deletion) workflow as visibility (or describe) shows it. */
export interface SyncRunRef {
  syncId: string;
  operation: Operation;
  app: string;
  cluster: string;
  workflowId: string;
  runId: string;
  status: WorkflowExecutionStatusName;
  /** HooksyncPhase: the sync phase (PreSync, Sync, ...) the run reached. */
  syncPhase?: string;
  /** HooksyncOutcome, set when the run ends. */
  outcome?: string;
  startedAt: Date;
  finishedAt?: Date;
}

/** Temporal's statuses of a run that has not closed yet: it may still do work (clean up hooks). */
const OPEN_STATUSES: readonly WorkflowExecutionStatusName[] = ['RUNNING', 'PAUSED'];

/** True until the run has closed, however far its sync has got. */
export function isOpen(ref: Pick<SyncRunRef, 'status'>): boolean {
  return OPEN_STATUSES.includes(ref.status);
}

/** The ref of a run, from a visibility row or a describe answer (both carry the same fields). */
export function refOf(info: Omit<WorkflowExecutionInfo, 'raw'>): SyncRunRef {
  const attr = info.typedSearchAttributes;
  return {
    syncId: attr.get(SYNC_ID_ATTRIBUTE) ?? '',
    operation: info.type === DELETE_WORKFLOW_TYPE ? 'delete' : 'sync',
    app: attr.get(APP_ATTRIBUTE) ?? '',
    cluster: attr.get(CLUSTER_ATTRIBUTE) ?? '',
    workflowId: info.workflowId,
    runId: info.runId,
    status: info.status.name,
    syncPhase: attr.get(PHASE_ATTRIBUTE),
    outcome: attr.get(OUTCOME_ATTRIBUTE),
    startedAt: info.startTime,
    finishedAt: info.closeTime,
  };
}

/** A string literal for a visibility query; user input must not be able to change the query. */
export function visibilityString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * The visibility query for sync and deletion runs, of one app or sync id when given. The lock a
 * deletion holds under the app's sync workflow id (workflows/deletionLock.ts) is neither.
 */
export function syncRunsQuery(filter: { app?: string; syncId?: string } = {}): string {
  const clauses = [`(${OPERATION_WORKFLOW_TYPES.map((type) => `WorkflowType = ${visibilityString(type)}`).join(' OR ')})`];
  if (filter.app !== undefined) clauses.push(`${APP_ATTRIBUTE.name} = ${visibilityString(filter.app)}`);
  if (filter.syncId !== undefined) clauses.push(`${SYNC_ID_ATTRIBUTE.name} = ${visibilityString(filter.syncId)}`);
  return clauses.join(' AND ');
}

/**
 * Up to `limit` runs matching the query, newest start first. SQL visibility (the dev server's)
 * cannot ORDER BY, so the order is made here.
 */
export async function listRuns(client: Client, query: string, limit: number): Promise<SyncRunRef[]> {
  const runs: SyncRunRef[] = [];
  for await (const info of client.workflow.list({ query, pageSize: Math.min(limit, 1000) })) {
    runs.push(refOf(info));
    if (runs.length >= limit) break;
  }
  return runs.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
}

/** The newest run of the sync with this id; waits up to `waitMs` for visibility to catch up. */
export async function findSync(client: Client, syncId: string, { waitMs = 5000 }: { waitMs?: number } = {}): Promise<SyncRunRef> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const [newest] = await listRuns(client, syncRunsQuery({ syncId }), 100);
    if (newest) return newest;
    if (Date.now() >= deadline) {
      throw new SyncNotFound(`no sync with id "${syncId}" in Temporal namespace "${client.options.namespace}" (hooksync list shows the syncs there)`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
