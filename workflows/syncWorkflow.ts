// The `sync` workflow: walks the frozen plan group by group (apply, then wait), runs the SyncFail
// group after a failure, and deletes hooks by policy at the end. Every decision is made by pure
// code in sync/; this file only sequences activities, so it stays deterministic and short.
import { ActivityFailure, ApplicationFailure, proxyActivities, setCurrentDetails, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { SyncActivities } from '../activities';
import {
  applyUpdates, createdHooks, failedRows, failureMessage, hooksToDelete, initialRows, rowsThatRan, splitGroups, stillPending,
  type ResourceRow, type SyncInput, type SyncOutcome, type SyncResult,
} from '../sync/syncRun';
import { isHook, taskKey, type SyncGroup } from '../sync/types';
import { withPrunes } from '../sync/withPrunes';
import { OUTCOME_ATTRIBUTE, PHASE_ATTRIBUTE, syncStateQuery } from './messages';

const NON_RETRYABLE = ['KubernetesRejected'];
const retry = { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', nonRetryableErrorTypes: NON_RETRYABLE };

function activitiesFor(summary: string) {
  return proxyActivities<SyncActivities>({ startToCloseTimeout: '10 minutes', heartbeatTimeout: '30 seconds', retry, summary });
}

function waitingActivities(summary: string) {
  // Waiting lasts as long as the workload takes; the heartbeat, not a deadline, tells it is alive.
  return proxyActivities<SyncActivities>({ startToCloseTimeout: '7 days', heartbeatTimeout: '30 seconds', retry, summary });
}

/**
 * Runs activity work whose failure for good (the API server refused to let us read or write, say)
 * must end the sync as Error, Argo CD's value for an operation that could not run, instead of
 * failing the workflow: SyncFail hooks and clean-up still run, and the result says what happened.
 */
async function attempt<T>(context: string, call: () => Promise<T>): Promise<{ ok: T } | { error: string }> {
  try {
    return { ok: await call() };
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    return { error: `${context}: ${err.cause?.message ?? err.message}` };
  }
}

function groupTitle(group: SyncGroup): string {
  const names = group.tasks.map((t) => `${t.ref.kind}/${t.ref.name}`);
  const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')} +${names.length - 3}` : names.join(', ');
  return `${group.phase} wave ${group.wave}: ${shown}`;
}

export async function sync(input: SyncInput): Promise<SyncResult> {
  // The prune side needs the live state, read once when the sync starts and then frozen too.
  const summary = `list live objects of app ${input.app}`;
  const live = await attempt(summary, () => activitiesFor(summary).listAppObjects(input.app));
  const plan = withPrunes(input.plan, { enabled: input.prune, live: 'ok' in live ? live.ok : [] });
  const rows = initialRows(plan);
  const stamp = { app: input.app, syncId: input.syncId, attempt: input.attempt };
  let [phase, message]: [SyncOutcome, string] = 'error' in live ? ['Error', live.error] : ['Running', 'sync started'];
  const result = (): SyncResult => ({
    ...stamp, cluster: input.cluster, phase, message,
    resources: phase === 'Running' ? [...rows.values()] : rowsThatRan(rows),
  });
  setHandler(syncStateQuery, result);

  async function runGroup(group: SyncGroup): Promise<ResourceRow[]> {
    const title = groupTitle(group);
    upsertSearchAttributes([{ key: PHASE_ATTRIBUTE, value: group.phase }]);
    setCurrentDetails(`**${title}**: applying`);
    applyUpdates(rows, await activitiesFor(`apply ${title}`).applyGroup({ stamp, tasks: group.tasks }));
    // What the apply left Running is waited for (a prune is done once deleted, a refusal has failed).
    const applied = group.tasks.filter((t) => rows.get(taskKey(t))?.state === 'Running');
    let pending = applied;
    while (pending.length > 0) {
      setCurrentDetails(`**${title}**: waiting for ${pending.length} object(s) to complete`);
      const finished = await waitingActivities(`wait ${title}`).awaitGroup({ stamp, tasks: pending });
      // awaitGroup returns only once something finished; anything else would loop for ever.
      if (finished.length === 0) throw ApplicationFailure.nonRetryable(`wait ${title} returned no finished task`, 'HooksyncBug');
      applyUpdates(rows, finished);
      pending = stillPending(pending, finished);
    }
    const hooks = applied.filter(isHook).map((t) => t.ref);
    if (hooks.length > 0) await activitiesFor(`record ${title}`).releaseHooks(hooks);
    return failedRows(rows, group);
  }

  const runGroupSafely = (group: SyncGroup) => attempt(`${group.phase} wave ${group.wave}`, () => runGroup(group));

  const { main, onFailure } = splitGroups(plan);
  for (const group of main) {
    if (phase !== 'Running') break;
    const outcome = await runGroupSafely(group);
    if ('error' in outcome) [phase, message] = ['Error', outcome.error];
    else if (outcome.ok.length > 0) [phase, message] = ['Failed', failureMessage(outcome.ok)];
  }
  // SyncFail hooks report in their own rows; their failure does not change the sync's message.
  if (phase !== 'Running') for (const group of onFailure) await runGroupSafely(group);

  // A hook left holding our finalizer after an error could never be deleted: release them all.
  const created = createdHooks(plan, rows);
  if (phase === 'Error' && created.length > 0) {
    await attempt('release hooks', () => activitiesFor('release hooks after an error').releaseHooks(created));
  }
  const doomed = hooksToDelete(plan, rows);
  if (doomed.length > 0) {
    const title = `delete ${doomed.length} hook(s) by policy`;
    setCurrentDetails(title);
    const deleted = await attempt(title, () => activitiesFor(title).deleteHooks(doomed));
    if ('error' in deleted && phase === 'Running') [phase, message] = ['Error', deleted.error];
  }
  if (phase === 'Running') {
    phase = 'Succeeded';
    message = 'successfully synced (all tasks run)';
  }
  setCurrentDetails(`**${phase}**: ${message}`);
  upsertSearchAttributes([{ key: OUTCOME_ATTRIBUTE, value: phase }]);
  return result();
}
