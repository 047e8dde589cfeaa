// The `deleteApp` workflow (spec §2.6): takes the app's sync id (deletionLock.ts) so that no sync
// runs meanwhile, lists the app's live objects once, plans (sync/deletePlan.ts), dry-runs the
// hooks, then runs the PreDelete hooks, deletes the objects highest wave first (each wave gone before the next), runs
// the PostDelete hooks and deletes hooks by policy. Groups run through the sync's own steps
// (syncWorkflow.ts), so a deletion heartbeats, adopts after a crash, reports rows and progress and
// shows its step in the Temporal UI exactly as a sync does. A wave holding an object with
// `Delete=confirm` waits for `hooksync confirm` before it deletes anything (the sync's
// Prune=confirm gate, pruneConfirm.ts, with the deletion's kind).
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import {
  ApplicationFailure, CancellationScope, isCancellation, ParentClosePolicy, setCurrentDetails, setHandler, setWorkflowOptions, startChild, workflowInfo,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import { deletePlan } from '../sync/deletePlan';
import { deletedMessage, deleteInputProblems, preDeleteFailedMessage, syncRunningMessage, untrackedMessage, untrackRows, type DeleteInput } from '../sync/deleteRun';
import type { KubeObject } from '../sync/manifest';
import { dryRunScope } from '../sync/dryRunScope';
import { applyUpdates, createdHooks, dryRunFailureMessage, endedUpdates, failureMessage, initialRows, runningHookTasks, type SyncResult } from '../sync/syncRun';
import { DELETE_CONFIRM_KIND } from '../sync/confirmKind';
import { isHook, planTasks } from '../sync/types';
import { activitiesFor, attempt, cleanUpHooks, confirmationOf, endAs, finish, resultOf, runGroupSafely, type Run } from './syncWorkflow';
import { deletionLock } from './deletionLock';
import { acceptConfirmations, type Confirmation } from './pruneConfirm';
import { APP_ATTRIBUTE, CLUSTER_ATTRIBUTE, releaseLockSignal, syncStateQuery, syncWorkflowId } from './messages';

type Lock = ChildWorkflowHandle<typeof deletionLock>;

/** `Delete=confirm`: the wave of such an object waits for the `confirmPrune` update before it deletes anything. */
const DELETE_CONFIRM_PATCH = 'delete-confirm-waits-for-update';
const DELETE_CONFIRMATION: Confirmation = { kind: DELETE_CONFIRM_KIND, patch: DELETE_CONFIRM_PATCH };

export async function deleteApp(input: DeleteInput): Promise<SyncResult> {
  const problems = deleteInputProblems(input);
  if (problems.length > 0) throw ApplicationFailure.nonRetryable(`invalid delete input: ${problems.join('; ')}`, 'InvalidDeleteInput');
  const run = newRun(input);
  setHandler(syncStateQuery, () => resultOf(run));
  acceptConfirmations({ gate: run.gate, syncId: input.syncId, groups: () => run.plan.groups, syncOptions: undefined, phase: () => run.phase, kind: confirmationOf(run).kind });
  const lock = await lockOutSyncs(input);
  if (!lock) {
    endAs(run, 'Failed', syncRunningMessage(input.app, syncWorkflowId(input.cluster, input.app)));
    return finish(run);
  }
  try {
    await deleteSteps(run, input);
  } catch (err) {
    if (!isCancellation(err)) throw err;
    await CancellationScope.nonCancellable(async () => {
      await terminate(run);
      await unlock(lock);
    });
    return finish(run);
  }
  await cleanUpHooks(run);
  if (run.phase === 'Running') endAs(run, 'Succeeded', input.cascade ? deletedMessage(input.app, run.plan) : untrackedMessage(input.app, run.rows.size));
  await unlock(lock);
  return finish(run);
}

// As for syncs: a programming error fails the deletion with its message instead of its tasks for ever.
setWorkflowOptions({ failureExceptionTypes: [TypeError, RangeError, ReferenceError, SyntaxError] }, deleteApp);

/** A deletion is a Run as a sync is: the sync's steps (runGroupSafely, cleanUpHooks, finish) take it. */
function newRun(input: DeleteInput): Run {
  const stamp = { app: input.app, syncId: input.syncId, attempt: 0 };
  const plan = { groups: [], skippedPrunes: [], warnings: [] };
  const syncInput = { syncId: input.syncId, app: input.app, cluster: input.cluster, attempt: 0, plan, prune: true };
  return {
    input: syncInput, plan, rows: new Map(), stamp, phase: 'Running', message: 'deletion started', skipped: new Set(),
    gate: { confirmed: false }, confirmation: DELETE_CONFIRMATION, unreleased: [], releaseHooksPerGroup: true,
  };
}

/**
 * Starts the lock under the app's sync workflow id; undefined when a sync (or a retry) holds that
 * id. Started outside cancellation: a terminate of the deletion must not cancel the lock before the
 * deletion has cleaned up, it releases the lock itself.
 */
async function lockOutSyncs(input: DeleteInput): Promise<Lock | undefined> {
  setCurrentDetails('**locking out syncs of the app**');
  try {
    return await CancellationScope.nonCancellable(() => startChild(deletionLock, {
      workflowId: syncWorkflowId(input.cluster, input.app),
      args: [{ deletionWorkflowId: workflowInfo().workflowId, ...(input.inventory ? { inventory: input.inventory } : {}) }],
      parentClosePolicy: ParentClosePolicy.TERMINATE,
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      typedSearchAttributes: [{ key: APP_ATTRIBUTE, value: input.app }, { key: CLUSTER_ATTRIBUTE, value: input.cluster }],
      staticSummary: `held by the deletion of app ${input.app} (${workflowInfo().workflowId}): no sync of the app starts until it ends`,
    }));
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return undefined;
    throw err;
  }
}

/** Syncs of the app may start again. A lock someone ended by hand is already released. */
async function unlock(lock: Lock): Promise<void> {
  try {
    await lock.signal(releaseLockSignal);
    await lock.result();
  } catch (err) {
    if (isCancellation(err)) throw err;
  }
}

/** Lists, plans, then runs every group (or untracks, with --cascade=false). */
async function deleteSteps(run: Run, input: DeleteInput): Promise<void> {
  const live = await listLive(input);
  if ('error' in live) return endAs(run, 'Error', live.error);
  const planned = deletePlan(input.hooks, live.ok, { cascade: input.cascade });
  run.plan = planned.plan;
  run.rows = initialRows(planned.plan);
  if (!input.cascade) return untrack(run, planned.untrack);
  if (!(await dryRunHooks(run))) return;
  for (const group of run.plan.groups) {
    const outcome = await runGroupSafely(run, group);
    const failure = 'error' in outcome ? outcome.error : outcome.ok.length > 0 ? failureMessage(outcome.ok) : undefined;
    if (failure === undefined) continue;
    // A failed PreDelete hook stops the deletion before any object is deleted (spec §2.6).
    endAs(run, 'error' in outcome ? 'Error' : 'Failed', group.phase === 'PreDelete' ? preDeleteFailedMessage(failure) : failure);
    return;
  }
}

/**
 * Every hook is sent to the API server as a dry run before anything is written, as a sync does
 * (spec §3.5 step 2): a PostDelete hook the server refuses must stop the deletion before the
 * objects are gone, not after. False when the deletion ended here.
 */
async function dryRunHooks(run: Run): Promise<boolean> {
  const scope = dryRunScope(planTasks(run.plan).filter(isHook));
  if (scope.check.length === 0) return true;
  const title = `dry run ${scope.check.length} hook(s)`;
  setCurrentDetails(`**${title}**`);
  const outcome = await attempt(title, () => activitiesFor(title).dryRunSync({ stamp: run.stamp, scope }));
  if ('error' in outcome) {
    endAs(run, 'Error', preDeleteFailedMessage(outcome.error));
    return false;
  }
  applyUpdates(run.rows, outcome.ok.refused);
  if (outcome.ok.refused.length === 0) return true;
  endAs(run, 'Failed', preDeleteFailedMessage(dryRunFailureMessage(run.plan, outcome.ok.refused)));
  return false;
}

/** The app's live objects, in the kinds of its last sync's inventory, or in every kind without one. */
function listLive(input: DeleteInput): Promise<{ ok: KubeObject[] } | { error: string }> {
  const kinds = input.inventory;
  const summary = kinds ? `list live objects of app ${input.app} in ${kinds.length} inventory kind(s)` : `list live objects of app ${input.app} in every kind (no inventory)`;
  setCurrentDetails(`**${summary}**`);
  return attempt(summary, () => activitiesFor(summary).listLiveObjects({ app: input.app, ...(kinds ? { kinds } : {}) }));
}

async function untrack(run: Run, objects: KubeObject[]): Promise<void> {
  run.rows = untrackRows(objects);
  if (objects.length === 0) return;
  const title = `untrack ${objects.length} object(s) (--cascade=false)`;
  setCurrentDetails(`**${title}**`);
  const outcome = await attempt(title, () => activitiesFor(title).untrackObjects({ app: run.stamp.app, objects }));
  if ('error' in outcome) return endAs(run, 'Error', outcome.error);
  applyUpdates(run.rows, outcome.ok);
}

/**
 * Terminate, as for a sync (spec §6.3): running hooks are deleted and end Failed, finished hooks
 * keep their outcome and are released. Objects already deleted stay deleted; deletions the API
 * server has begun go on there.
 */
async function terminate(run: Run): Promise<void> {
  endAs(run, 'Terminated', 'deletion terminated by the user');
  setCurrentDetails('**Terminating**: deleting running hooks');
  const running = runningHookTasks(run.plan, run.rows);
  if (running.length > 0) {
    const stopped = await attempt('stop running hooks', () => activitiesFor('stop running hooks after terminate').terminateHooks({ tasks: running }));
    if ('ok' in stopped) applyUpdates(run.rows, stopped.ok);
  }
  applyUpdates(run.rows, endedUpdates(run.rows, 'Terminated', 'the deletion was terminated while waiting'));
  const finished = createdHooks(run.plan, run.rows).filter((ref) => !running.some((t) => t.ref === ref));
  if (finished.length > 0) await attempt('release hooks', () => activitiesFor('release hooks after terminate').releaseHooks(finished));
}
