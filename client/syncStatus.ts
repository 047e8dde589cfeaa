// Reading syncs: the state of one (`hooksync status`), following one (`--watch`), and the runs of
// many (`hooksync list`, `hooksync history`). A finished run's result is in its history, so
// reading it needs no worker; the `syncState` query does (it replays the run), and is used only
// where the result cannot tell: a run still going, or one ended without a result (terminated).
// Whether a run is over is Temporal's to say, not the query's: the workflow knows its outcome
// before it has cleaned up (hooks deleted by policy, SyncFail hooks), and it is Running until then.
import { WorkflowFailedError, type Client } from '@temporalio/client';
import { SYNC_OUTCOMES, type SyncOutcome, type SyncResult } from '../sync/syncRun';
import type { WaitingReason } from '../sync/waitingReason';
import { followSync, hasWorker, queryState, type SyncReport } from './syncClient';
import { continuedRun } from './continuedRuns';
import { findSync, isOpen, listRuns, refOf, syncRunsQuery, type SyncRunRef } from './syncQueries';

/** `hooksync status`: the sync's result (or its state so far) and where it runs. */
export interface SyncStatus extends SyncReport {
  workflowId: string;
}

/** A row of `hooksync list` and `hooksync history`: one run of a sync, without its resources. */
export interface SyncListing extends Omit<SyncRunRef, 'status' | 'startedAt' | 'finishedAt'> {
  phase: SyncOutcome;
  message: string;
  /** 0 for the first run, +1 per retry; known once the run has ended. */
  attempt?: number;
  startedAt: string;
  finishedAt?: string;
}

/** Without an answer within this time, a query is given up: with no worker it would wait ~30 s. */
const QUERY_DEADLINE_MS = 5000;

function handleOf(client: Client, ref: SyncRunRef) {
  // followRuns off: this run's result, not that of a later retry of the same workflow id.
  return client.workflow.getHandle(ref.workflowId, ref.runId, { followRuns: false });
}

/** The outcome Temporal's own status implies when the workflow did not return a result. */
function statusOutcome(ref: SyncRunRef): SyncOutcome {
  if (isOpen(ref)) return 'Running';
  return ref.status === 'TERMINATED' || ref.status === 'CANCELLED' ? 'Terminated' : 'Error';
}

/** The result of a finished run, or what Temporal says of a run that ended without one. */
async function closedResult(client: Client, ref: SyncRunRef): Promise<SyncResult> {
  if (ref.status === 'CONTINUED_AS_NEW') return attemptResult(client, ref);
  try {
    return (await handleOf(client, ref).result()) as SyncResult;
  } catch (err) {
    if (!(err instanceof WorkflowFailedError)) throw err;
    const reason = err.cause?.message ?? err.message;
    return { syncId: ref.syncId, app: ref.app, cluster: ref.cluster, attempt: 0, phase: statusOutcome(ref), message: reason, resources: [] };
  }
}

/** A failed attempt that an automatic retry followed: how it ended, from the next run's input. */
async function attemptResult(client: Client, ref: SyncRunRef): Promise<SyncResult> {
  const { outcome } = await continuedRun(client, ref);
  const base = { syncId: ref.syncId, app: ref.app, cluster: ref.cluster, resources: [] };
  if (!outcome) return { ...base, attempt: 0, phase: 'Error', message: 'the run continued as new without saying how it ended' };
  return { ...base, ...outcome, message: `${outcome.message} (retried as attempt ${outcome.attempt + 1})` };
}

/** The run a continued-as-new run became, and so on, up to the newest of the chain. */
async function latestOfChain(client: Client, ref: SyncRunRef): Promise<SyncRunRef> {
  let current = ref;
  while (current.status === 'CONTINUED_AS_NEW') {
    const { nextRunId } = await continuedRun(client, current);
    current = refOf(await handleOf(client, { ...current, runId: nextRunId }).describe());
  }
  return current;
}

/** The `syncState` query's answer, or undefined when no worker can answer it. */
async function queriedState(client: Client, ref: SyncRunRef): Promise<SyncResult | undefined> {
  if (!(await hasWorker(client, ref.cluster).catch(() => false))) return undefined;
  return queryState(handleOf(client, ref), QUERY_DEADLINE_MS).catch(() => undefined);
}

function runningMessage(ref: SyncRunRef): string {
  const doing = ref.syncPhase ? `running ${ref.syncPhase}` : 'starting';
  return ref.operation === 'delete' ? `deleting the app: ${doing}` : doing;
}

/**
 * An open run is Running with its live rows, even when the query already tells its outcome (a
 * query may also be answered just after the run closed, the describe before it having seen it open).
 */
function openState(ref: SyncRunRef, queried: SyncResult | undefined): SyncResult {
  if (!queried) return { syncId: ref.syncId, app: ref.app, cluster: ref.cluster, attempt: 0, phase: 'Running', message: runningMessage(ref), resources: [] };
  if (queried.phase === 'Running') return queried;
  // Between attempts the sync goes on: the attempt's outcome is history, the retry is to come.
  if (queried.retryWait) return { ...queried, phase: 'Running', message: `attempt ${queried.attempt} ended ${queried.phase}: ${queried.message}` };
  return { ...queried, phase: 'Running', message: `ending as ${queried.phase}: ${queried.message}` };
}

async function stateOf(client: Client, ref: SyncRunRef): Promise<SyncResult> {
  if (ref.status === 'COMPLETED') return closedResult(client, ref);
  const queried = await queriedState(client, ref);
  if (isOpen(ref)) return openState(ref, queried);
  // Ended without a result: Temporal's reason, and the rows of the tasks that had started.
  const ended = await closedResult(client, ref);
  return { ...ended, resources: (queried?.resources ?? []).filter((r) => r.state !== 'Pending') };
}

async function statusOfRun(client: Client, ref: SyncRunRef): Promise<SyncStatus> {
  const state = await stateOf(client, ref);
  return { ...state, workflowId: ref.workflowId, runId: ref.runId, startedAt: ref.startedAt.toISOString(), finishedAt: ref.finishedAt?.toISOString() };
}

/**
 * The newest run of a sync as Temporal holds it now: visibility finds the sync, describe is
 * consistent where visibility may lag (a run just ended may still list as running), and a run that
 * continued as the next attempt is followed to it.
 */
export async function latestRun(client: Client, syncId: string): Promise<SyncRunRef> {
  const found = await findSync(client, syncId);
  return latestOfChain(client, refOf(await handleOf(client, found).describe()));
}

/** The current state of the newest run of a sync; throws SyncNotFound for an unknown id. */
export async function getSync(client: Client, syncId: string): Promise<SyncStatus> {
  return statusOfRun(client, await latestRun(client, syncId));
}

/** Follows a running sync to its end, calling `onState` as followSync does; then its status. */
export async function watchSync(client: Client, syncId: string, onState: (state: SyncResult) => void, onWaiting?: (reasons: WaitingReason[]) => void): Promise<SyncStatus> {
  const ref = await latestRun(client, syncId);
  if (!isOpen(ref)) return statusOfRun(client, ref);
  // The newest run is asked (an automatic retry continues as a new run) and the result is followed
  // from this run through every retry after it. How it ended is read afresh below, the same way
  // for every ending (a terminated run has no result).
  const chain = client.workflow.getHandle(ref.workflowId, undefined, { firstExecutionRunId: ref.runId });
  await followSync(chain, onState, onWaiting).catch(() => undefined);
  return statusOfRun(client, await latestOfChain(client, refOf(await chain.describe())));
}

async function listingOf(client: Client, ref: SyncRunRef): Promise<SyncListing> {
  const base = {
    syncId: ref.syncId, operation: ref.operation, app: ref.app, cluster: ref.cluster, workflowId: ref.workflowId, runId: ref.runId, syncPhase: ref.syncPhase,
    outcome: ref.outcome, startedAt: ref.startedAt.toISOString(), finishedAt: ref.finishedAt?.toISOString(),
  };
  if (isOpen(ref)) return { ...base, phase: 'Running', message: runningMessage(ref) };
  const result = await closedResult(client, ref);
  const phase = SYNC_OUTCOMES.includes(result.phase) ? result.phase : statusOutcome(ref);
  // Syncs started before HooksyncSyncId existed carry their id only in the result.
  return { ...base, syncId: ref.syncId || result.syncId, phase, message: result.message, attempt: result.attempt };
}

/** Newest first: the newest run of each sync (of one app, when given), at most `limit` syncs. */
export async function listSyncs(client: Client, { app, limit = 50 }: { app?: string; limit?: number } = {}): Promise<SyncListing[]> {
  const runs = await listRuns(client, syncRunsQuery({ app }), limit);
  const seen = new Set<string>();
  const newest = runs.filter((r) => !r.syncId || (!seen.has(r.syncId) && seen.add(r.syncId)));
  return Promise.all(newest.map((r) => listingOf(client, r)));
}

/** Newest first: every run of every sync of one app (retries included), at most `limit` runs. */
export async function syncHistory(client: Client, app: string, { limit = 50 }: { limit?: number } = {}): Promise<SyncListing[]> {
  const runs = await listRuns(client, syncRunsQuery({ app }), limit);
  return Promise.all(runs.map((r) => listingOf(client, r)));
}
