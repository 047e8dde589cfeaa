// The `sync` workflow: walks the frozen plan group by group (apply, then wait), runs the SyncFail
// group after a failure, and deletes hooks by policy at the end. Every decision is made by pure
// code in sync/; this file only sequences activities, so it stays deterministic and short.
import {
  ActivityFailure, ApplicationFailure, CancellationScope, isCancellation, patched, proxyActivities, setCurrentDetails, setHandler, setWorkflowOptions, sleep,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { SyncActivities } from '../activities';
import {
  applyUpdates, createdHooks, dryRunFailureMessage, endedUpdates, failedRows, failureMessage, hooksToDelete, initialRows, rowsThatRan, runningHooks,
  runningHookTasks, splitGroups, stillPending, withSyncFailFailures,
  type ResourceRow, type SyncInput, type SyncOutcome, type SyncResult, type TaskUpdate,
} from '../sync/syncRun';
import type { Stamp } from '../sync/stamp';
import { isHook, planTasks, taskKey, type ObjectRef, type SyncGroup, type SyncPlan, type SyncTask } from '../sync/types';
import { dryRunScope, type DryRunScope } from '../sync/dryRunScope';
import { waitingSummary } from '../sync/waitingSummary';
import { expiredUpdates, nextDeadline } from '../sync/hookDeadline';
import { formatTimeout } from '../sync/hookTimeout';
import { withPrunes } from '../sync/withPrunes';
import { describeWaveDelay, waveDelayBefore, type WaveDelayPause } from '../sync/waveDelay';
import { forWaiting } from '../sync/waitTask';
import { describeRetry, groupId, planRetry } from '../sync/retryPlan';
import { inputProblems } from '../sync/inputProblems';
import { inventoryAfter, kindsToList, type LiveKind } from '../sync/inventory';
import type { KubeObject } from '../sync/manifest';
import { shouldRetry, withRetriedCount, type RetryWait } from '../sync/autoRetry';
import { PRUNE_CONFIRM_KIND } from '../sync/confirmKind';
import { type WaitingReason } from '../sync/waitingReason';
import { OUTCOME_ATTRIBUTE, PHASE_ATTRIBUTE, syncStateQuery } from './messages';
import { acceptConfirmations, awaitConfirmation, type Confirmation, type PruneGate } from './pruneConfirm';
import { retryAfterBackoff } from './retryLoop';
import { hookSamples } from '../sync/hookMetrics';
import { countSync, recordHookDurations } from './syncMetrics';

/**
 * How soon a dead worker's activity is handed to another worker. The worker heartbeats every
 * activity once a second whatever it awaits (worker/heartbeatPulse.ts), and sends a heartbeat to
 * the server at least every second, so 5 s leaves four seconds for a slow round trip. Changing it
 * changes no command: in-flight syncs keep the timeout they scheduled with until their next activity.
 */
const HEARTBEAT_TIMEOUT = '5 seconds';
const NON_RETRYABLE = ['KubernetesRejected'];
const retry = { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', nonRetryableErrorTypes: NON_RETRYABLE };

export function activitiesFor(summary: string) {
  return proxyActivities<SyncActivities>({ startToCloseTimeout: '10 minutes', heartbeatTimeout: HEARTBEAT_TIMEOUT, retry, summary });
}

function waitingActivities(summary: string) {
  // Waiting lasts as long as the workload takes; the heartbeat, not a deadline, tells it is alive.
  return proxyActivities<SyncActivities>({ startToCloseTimeout: '7 days', heartbeatTimeout: HEARTBEAT_TIMEOUT, retry, summary });
}

/**
 * Runs activity work whose failure for good (the API server refused to let us read or write, say)
 * must end the sync as Error, Argo CD's value for an operation that could not run, instead of
 * failing the workflow: SyncFail hooks and clean-up still run, and the result says what happened.
 */
export async function attempt<T>(context: string, call: () => Promise<T>): Promise<{ ok: T } | { error: string }> {
  try {
    return { ok: await call() };
  } catch (err) {
    // A cancelled activity is the user terminating the sync, not an error of the sync.
    if (isCancellation(err) || !(err instanceof ActivityFailure)) throw err;
    return { error: `${context}: ${err.cause?.message ?? err.message}` };
  }
}

function groupTitle(group: SyncGroup): string {
  const names = group.tasks.map((t) => `${t.ref.kind}/${t.ref.name}`);
  const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')} +${names.length - 3}` : names.join(', ');
  return `${group.phase} wave ${group.wave}: ${shown}`;
}

/** The sync as the workflow holds it: the frozen plan, a row per task, and the outcome so far. */
export interface Run {
  input: SyncInput;
  plan: SyncPlan;
  rows: Map<string, ResourceRow>;
  stamp: Stamp;
  phase: SyncOutcome;
  message: string;
  /** The group being run, as the UI names it: what a timed-out sync was waiting for. */
  current?: string;
  /** Groups a retry does not run again: they succeeded in an earlier attempt. */
  skipped: ReadonlySet<string>;
  /** The dry run refused objects: nothing ran, so SyncFail hooks do not run either (spec §6.1). */
  dryRunFailed?: boolean;
  /** An apply was sent: from here on a terminate may have something to stop or clean up. */
  applying?: boolean;
  /** What the result tells the next sync the app may own (inventory.ts); absent when unknown. */
  inventory?: LiveKind[];
  /** Whether `hooksync confirm` let the prunes that need it go (Prune=confirm). */
  gate: PruneGate;
  /** What the gate holds: a sync's Prune=confirm prunes when absent, a deletion's Delete=confirm deletions. */
  confirmation?: Confirmation;
  /** What the workflow itself waits for now (a confirmation), for the state query. */
  waitingFor?: WaitingReason[];
  /** The backoff before the next attempt, while it runs. */
  retryWait?: RetryWait;
  /** The `--wave-delay` pause running now (SyncResult.pause). */
  pause?: WaveDelayPause;
  /** Where a retry started (SyncResult.retryStart). */
  retryStart?: string;
  /** Hooks whose outcome is recorded and whose finalizer the next apply (or the end) takes off. */
  unreleased: ObjectRef[];
  /**
   * Release each hook group's finalizers right after its wait, as before RELEASE_WITH_APPLY_PATCH:
   * a deletion (deleteWorkflow.ts) has early ends that do not pass through cleanUpHooks.
   */
  releaseHooksPerGroup?: boolean;
  /** The dry run not sent yet: it goes out with the first group's apply (DRY_RUN_WITH_APPLY_PATCH). */
  dryRunFirst?: DryRunScope;
}

/** Markers of workflow changes that running syncs must not see (their histories have none). */
const DRY_RUN_PATCH = 'dry-run-before-first-write';
const TERMINATE_PATCH = 'terminate-keeps-finished-hooks';
const INVENTORY_PATCH = 'prune-lists-inventory-kinds-only';
/** Waits are sent each task's identity, not its manifest (sync/waitTask.ts): history stays small. */
const WAIT_IDENTITY_PATCH = 'wait-sends-identity-not-manifest';
/** A selective sync's --prune (input.selectivePrune) lists the app's objects and prunes among the selected ones. */
const SELECTIVE_PRUNE_PATCH = 'selective-sync-prunes-selected-only';
/** `--wave-delay`: a timer between two groups, only in syncs that ask for one. */
const WAVE_DELAY_PATCH = 'wave-delay-between-waves';
/** `--retry-limit`: a failed attempt waits out its backoff, then continues as new as the next one. */
const AUTO_RETRY_PATCH = 'auto-retry-continues-as-new';
/** `Prune=confirm`: the group of such a prune waits for the `confirmPrune` update before it applies. */
const PRUNE_CONFIRM_PATCH = 'prune-confirm-waits-for-update';
const PRUNE_CONFIRMATION: Confirmation = { kind: PRUNE_CONFIRM_KIND, patch: PRUNE_CONFIRM_PATCH };
/**
 * The apply reports resources finished whose server answer already passes their health rule
 * (activities/doneOnApply.ts); a group left with nothing running skips its wait activity.
 */
const DONE_ON_APPLY_PATCH = 'apply-finishes-resources-done-at-once';
/** A hook group's finalizers come off in the next group's apply, not in a releaseHooks activity of their own. */
const RELEASE_WITH_APPLY_PATCH = 'hooks-released-by-next-apply';
/** The dry run and the first group's apply are one activity (dryRunThenApply): a hop less per sync. */
const DRY_RUN_WITH_APPLY_PATCH = 'dry-run-rides-on-first-apply';

export async function sync(input: SyncInput): Promise<SyncResult> {
  const problems = inputProblems(input);
  if (problems.length > 0) throw ApplicationFailure.nonRetryable(`invalid sync input: ${problems.join('; ')}`, 'InvalidSyncInput');
  let run: Run;
  try {
    run = await startRun(input);
  } catch (err) {
    // Terminated while it listed the app's live objects: nothing was applied, nothing to clean up.
    if (!isCancellation(err)) throw err;
    return conclude(notStarted(input));
  }
  setHandler(syncStateQuery, () => resultOf(run));
  acceptConfirmations({ gate: run.gate, syncId: input.syncId, groups: () => run.plan.groups, syncOptions: input.syncOptions, phase: () => run.phase, kind: confirmationOf(run).kind });
  try {
    // Syncs started before the dry run existed go on without one (their histories have no marker).
    if (run.phase === 'Running' && patched(DRY_RUN_PATCH)) await dryRunAll(run);
    await runMainGroups(run);
    if (run.phase !== 'Running' && !run.dryRunFailed) await runSyncFail(run);
  } catch (err) {
    if (!isCancellation(err)) throw err;
    // Without --prune no list comes first, so a terminate sent before the first step now cancels the
    // dry run instead: nothing was applied, and the result says so as it did when the list came first.
    if (!run.applying && rowsThatRan(run.rows).length === 0 && patched(INVENTORY_PATCH)) return conclude({ ...notStarted(input), ...(run.inventory ? { inventory: run.inventory } : {}) });
    // Terminate (DESIGN §4): clean up whatever the cancellation interrupted, then end Terminated.
    await CancellationScope.nonCancellable(() => terminate(run));
    return conclude(run);
  }
  await cleanUpHooks(run);
  if (run.phase === 'Running') endAs(run, 'Succeeded', 'successfully synced (all tasks run)');
  return conclude(run);
}

/**
 * The end of an attempt. With `--retry-limit`, a failed one is followed by the next after its
 * backoff (workflows/retryLoop.ts); the last one says how many retries came before it.
 */
async function conclude(run: Run): Promise<SyncResult> {
  const { autoRetry } = run.input;
  if (!autoRetry) return finish(run);
  if (shouldRetry(autoRetry, run.phase) && patched(AUTO_RETRY_PATCH)) {
    const next = { ...run.input, autoRetry, ...(run.gate.confirmed ? { pruneConfirmed: true } : {}) };
    const terminated = await retryAfterBackoff(next, finish(run), (wait) => { run.retryWait = wait; });
    run.retryWait = undefined;
    endAs(run, 'Terminated', terminated);
    return finish(run);
  }
  run.message = withRetriedCount(run.message, autoRetry.retried);
  return finish(run);
}

// A programming error in this file (a TypeError, say) fails the sync with its message instead of
// failing workflow tasks for ever. Determinism errors are not among these types: they still fail
// the task, so that a worker with fixed code can take the sync over.
setWorkflowOptions({ failureExceptionTypes: [TypeError, RangeError, ReferenceError, SyntaxError] }, sync);

/**
 * Namespaces the sync needs are created, then every object it will write is dry-run (spec §3.5
 * step 2). A refusal fails the sync before anything else is written; SyncFail hooks do not run then.
 */
async function dryRunAll(run: Run): Promise<void> {
  const scope = dryRunScope(planTasks(run.plan).filter((t) => run.rows.get(taskKey(t))?.state === 'Pending'));
  if (scope.check.length === 0 && scope.createFirst.length === 0) return;
  if (canRideOnFirstApply(run) && patched(DRY_RUN_WITH_APPLY_PATCH)) {
    run.dryRunFirst = scope;
    return;
  }
  const title = `dry run ${scope.check.length} object(s)`;
  setCurrentDetails(`**${title}**`);
  const outcome = await attempt(title, () => activitiesFor(title).dryRunSync({ stamp: run.stamp, scope }));
  if ('error' in outcome) return endAs(run, 'Error', outcome.error);
  recordDryRun(run, outcome.ok);
}

/** The dry run's rows (namespaces created, objects refused); a refusal ends the sync Failed. */
function recordDryRun(run: Run, { created, refused }: { created: TaskUpdate[]; refused: TaskUpdate[] }): void {
  applyUpdates(run.rows, [...created, ...refused]);
  if (refused.length === 0) return;
  run.dryRunFailed = true;
  endAs(run, 'Failed', dryRunFailureMessage(run.plan, refused));
}

/**
 * Whether the dry run can go out with the first group's apply: only when nothing would come
 * between them. Not when that group waits for `hooksync confirm` first (the dry run must not wait
 * for a person), and not with `--timeout`, whose deadline has never counted the dry run.
 */
function canRideOnFirstApply(run: Run): boolean {
  if (run.input.timeoutSeconds !== undefined) return false;
  const first = splitGroups(run.plan).main.find((g) => !run.skipped.has(groupId(g)));
  if (!first || !first.tasks.some((t) => run.rows.get(taskKey(t))?.state === 'Pending')) return false;
  return run.gate.confirmed || confirmationOf(run).kind.held(first, run.input.syncOptions).length === 0;
}

/** SyncFail hooks report in their own rows; only those that could not run add to the message (Argo CD). */
async function runSyncFail(run: Run): Promise<void> {
  const groups = splitGroups(run.plan).onFailure;
  for (const group of groups) await runGroupSafely(run, group);
  if (groups.length > 0) run.message = withSyncFailFailures(run.message, run.rows);
}

/** The groups before SyncFail, within the sync's `--timeout` when it has one. */
async function runMainGroups(run: Run): Promise<void> {
  const seconds = run.input.timeoutSeconds;
  if (seconds === undefined) return runMain(run);
  if ((await raceTimer(seconds * 1000, () => runMain(run))) !== 'deadline') return;
  const waitingFor = run.current ?? 'the first group';
  applyUpdates(run.rows, endedUpdates(run.rows, 'the sync timed out while it ran', 'the sync timed out while waiting'));
  endAs(run, 'Failed', `sync timed out after ${formatTimeout(seconds)} (--timeout) while waiting for ${waitingFor}`);
  const created = createdHooks(run.plan, run.rows);
  run.unreleased = []; // among the created
  if (created.length > 0) await attempt('release hooks', () => activitiesFor('release hooks after the sync timed out').releaseHooks(created));
}

async function runMain(run: Run): Promise<void> {
  let first = true;
  for (const group of splitGroups(run.plan).main) {
    if (run.phase !== 'Running') break;
    if (run.skipped.has(groupId(group))) continue;
    // Awaited only when there is a pause: one more await would reorder this run's commands.
    const pause = pauseBefore(run, group, first);
    if (pause) await pause;
    run.pause = undefined;
    first = false;
    const outcome = await runGroupSafely(run, group);
    if ('error' in outcome) endAs(run, 'Error', outcome.error);
    else if (outcome.ok.length > 0) endAs(run, 'Failed', failureMessage(outcome.ok));
  }
}

/**
 * `--wave-delay`: a durable timer between two groups (it survives worker restarts, and a terminate
 * or `--timeout` cuts it short); undefined when there is none. Only a sync that asked for one
 * schedules it, behind a patch marker, so syncs without a delay, and every history recorded before
 * it existed, replay unchanged.
 */
function pauseBefore(run: Run, next: SyncGroup, first: boolean): Promise<void> | undefined {
  const ms = waveDelayBefore(run.input.waveDelaySeconds, first);
  if (ms === 0 || !patched(WAVE_DELAY_PATCH)) return undefined;
  const pause = describeWaveDelay(ms / 1000, next);
  run.current = pause;
  // Workflow time, so the state query's end is the timer's.
  run.pause = { message: pause, until: new Date(Date.now() + ms).toISOString() };
  setCurrentDetails(`**${pause}**`);
  return sleep(ms, { summary: pause });
}

export function finish(run: Run): SyncResult {
  setCurrentDetails(`**${run.phase}**: ${run.message}`);
  upsertSearchAttributes([{ key: OUTCOME_ATTRIBUTE, value: run.phase }]);
  countSync(run.phase);
  // Only the final result carries the inventory: the next sync reads it, the state query need not.
  return { ...resultOf(run), ...(run.inventory ? { inventory: run.inventory } : {}) };
}

/**
 * Terminate (spec §6.3, Argo CD's TestTerminateWithRunningHooks): hooks still running are deleted
 * and end Failed "Terminated"; hooks that completed keep their outcome and stay; every finalizer we
 * set is released. Resources already applied stay as they are.
 */
async function terminate(run: Run): Promise<void> {
  endAs(run, 'Terminated', 'sync terminated by the user');
  setCurrentDetails('**Terminating**: deleting running hooks');
  if (!patched(TERMINATE_PATCH)) return terminateAsBefore(run);
  const running = runningHookTasks(run.plan, run.rows);
  if (running.length > 0) {
    const stopped = await attempt('stop running hooks', () => activitiesFor('stop running hooks after terminate').terminateHooks({ tasks: running }));
    if ('ok' in stopped) applyUpdates(run.rows, stopped.ok);
  }
  applyUpdates(run.rows, endedUpdates(run.rows, 'Terminated', 'the sync was terminated while waiting'));
  // terminateHooks released the running ones; the hooks that finished earlier still hold ours.
  const finished = createdHooks(run.plan, run.rows).filter((ref) => !running.some((t) => t.ref === ref));
  run.unreleased = []; // among the finished
  if (finished.length > 0) await attempt('release hooks', () => activitiesFor('release hooks after terminate').releaseHooks(finished));
}

/** Terminate as syncs started before TERMINATE_PATCH do it: finished hooks go by policy. */
async function terminateAsBefore(run: Run): Promise<void> {
  const running = runningHooks(run.plan, run.rows);
  const created = createdHooks(run.plan, run.rows);
  run.unreleased = []; // among the created
  applyUpdates(run.rows, endedUpdates(run.rows, 'hook deleted: the sync was terminated', 'the sync was terminated while waiting'));
  if (running.length > 0) await attempt('delete running hooks', () => activitiesFor('delete running hooks after terminate').deleteHooks(running));
  if (created.length > 0) await attempt('release hooks', () => activitiesFor('release hooks after terminate').releaseHooks(created));
  await cleanUpHooks(run);
}

/** The prune side needs the live state, read once when the sync starts and then frozen too. */
async function startRun(input: SyncInput): Promise<Run> {
  const inventoryPatched = patched(INVENTORY_PATCH);
  const prune = input.prune || (input.selectivePrune === true && patched(SELECTIVE_PRUNE_PATCH));
  const live = inventoryPatched ? await listLive(input, prune) : await listAsBefore(input);
  // A selective plan prunes among its selected objects only; the inventory below still counts every listed one.
  const withLive = withPrunes(input.plan, { enabled: prune, live: 'ok' in live ? live.ok ?? [] : [] });
  const retry = planRetry(withLive, input.retry, input);
  const stamp = { app: input.app, syncId: input.syncId, attempt: input.attempt };
  const run: Run = {
    input, plan: retry.plan, rows: initialRows(retry.plan, retry), stamp, phase: 'Running', message: 'sync started', skipped: retry.skipped,
    gate: { confirmed: input.pruneConfirmed === true }, unreleased: [],
  };
  if (inventoryPatched) run.inventory = inventoryAfter(input.plan, input.inventory, 'ok' in live ? live.ok : undefined);
  if (input.retry) {
    run.message = `retry of attempt ${input.retry.fromAttempt}: ${describeRetry(retry)}`;
    run.retryStart = run.message;
    setCurrentDetails(run.message);
  }
  if ('error' in live) endAs(run, 'Error', live.error);
  return run;
}

/**
 * Without --prune nothing is listed (`ok: undefined`). With it, only the kinds of the plan and of
 * the app's inventory; with no inventory known, every kind the cluster serves.
 */
async function listLive(input: SyncInput, prune: boolean): Promise<{ ok: KubeObject[] | undefined } | { error: string }> {
  if (!prune) return { ok: undefined };
  const kinds = kindsToList(input.plan, input.inventory);
  const summary = kinds ? `list live objects of app ${input.app} in ${kinds.length} inventory kind(s)` : `list live objects of app ${input.app} in every kind (no inventory)`;
  return attempt(summary, () => activitiesFor(summary).listLiveObjects({ app: input.app, ...(kinds ? { kinds } : {}) }));
}

/** Syncs started before INVENTORY_PATCH list every kind, with or without --prune. */
function listAsBefore(input: SyncInput): Promise<{ ok: KubeObject[] } | { error: string }> {
  const summary = `list live objects of app ${input.app}`;
  return attempt(summary, () => activitiesFor(summary).listAppObjects(input.app));
}

function notStarted(input: SyncInput): Run {
  const stamp = { app: input.app, syncId: input.syncId, attempt: input.attempt };
  return { input, plan: input.plan, rows: new Map(), stamp, phase: 'Terminated', message: 'sync terminated by the user before it applied anything', skipped: new Set(),
    gate: { confirmed: false }, unreleased: [], ...(input.inventory ? { inventory: input.inventory } : {}) };
}

export function endAs(run: Run, phase: SyncOutcome, message: string): void {
  run.phase = phase;
  run.message = message;
}

export function resultOf(run: Run): SyncResult {
  const { stamp, input, phase, message, rows, retryWait, waitingFor, retryStart, pause } = run;
  return {
    ...stamp, cluster: input.cluster, phase, message, resources: phase === 'Running' ? [...rows.values()] : rowsThatRan(rows),
    ...(retryStart ? { retryStart } : {}), ...(pause && phase === 'Running' ? { pause } : {}), ...(retryWait ? { retryWait } : {}), ...(waitingFor?.length ? { waitingFor } : {}),
  };
}

export function runGroupSafely(run: Run, group: SyncGroup) {
  return attempt(`${group.phase} wave ${group.wave}`, () => runGroup(run, group));
}

/** Applies a group, waits for what is running, records hooks; returns the rows that failed. */
async function runGroup(run: Run, group: SyncGroup): Promise<ResourceRow[]> {
  const title = groupTitle(group);
  run.current = title;
  upsertSearchAttributes([{ key: PHASE_ATTRIBUTE, value: group.phase }]);
  setCurrentDetails(`**${title}**: applying`);
  // Tasks the dry run already did (namespaces it created) are not applied again.
  const pending = group.tasks.filter((t) => run.rows.get(taskKey(t))?.state === 'Pending');
  // Awaited only when a task waits: an await more would move the apply after commands that follow it.
  const held = heldForConfirmation(run, { ...group, tasks: pending });
  if (held.length > 0) await confirmHeld(run, held);
  // A terminate that came before the first step sends no activity: nothing applied, as it says.
  if (!(run.dryRunFirst && CancellationScope.current().consideredCancelled)) run.applying = true;
  if (pending.length > 0) applyUpdates(run.rows, await applyPending(run, title, pending));
  // The dry run refused an object: nothing of the group was applied, and the sync has ended.
  if (run.dryRunFailed) return [];
  // What the apply left Running is waited for (a prune is done once deleted, a refusal has failed,
  // a resource healthy in the apply's answer is done): with nothing left, no wait is scheduled.
  const applied = group.tasks.filter((t) => run.rows.get(taskKey(t))?.state === 'Running');
  await waitFor(run, title, applied);
  const hooks = applied.filter(isHook).map((t) => t.ref);
  if (hooks.length > 0 && !run.releaseHooksPerGroup && patched(RELEASE_WITH_APPLY_PATCH)) run.unreleased.push(...hooks);
  else if (hooks.length > 0) await activitiesFor(`record ${title}`).releaseHooks(hooks);
  return failedRows(run.rows, group);
}

/** The group's apply; the first also carries the dry run when it rides along (DRY_RUN_WITH_APPLY_PATCH). */
async function applyPending(run: Run, title: string, pending: SyncTask[]): Promise<TaskUpdate[]> {
  const scope = run.dryRunFirst;
  if (!scope) return activitiesFor(`apply ${title}`).applyGroup(applyRequest(run, pending));
  run.dryRunFirst = undefined;
  // The timeline names the group as for any apply; the activity's type and the details say the dry run comes first.
  setCurrentDetails(`**${title}**: dry run of ${scope.check.length} object(s), then applying`);
  const outcome = await activitiesFor(`apply ${title}`).dryRunThenApply({ ...applyRequest(run, pending), scope });
  recordDryRun(run, outcome.dryRun);
  return outcome.applied;
}

/** Prune=confirm (Delete=confirm in a deletion): the group's tasks that wait for `hooksync confirm` before anything of it is applied. */
function heldForConfirmation(run: Run, group: SyncGroup): SyncTask[] {
  const { kind, patch } = confirmationOf(run);
  const held = kind.held(group, run.input.syncOptions);
  return held.length > 0 && !run.gate.confirmed && patched(patch) ? held : [];
}

/** A sync's Prune=confirm unless the run says otherwise (a deletion's Delete=confirm). */
export function confirmationOf(run: Run): Confirmation {
  return run.confirmation ?? PRUNE_CONFIRMATION;
}

async function confirmHeld(run: Run, held: readonly SyncTask[]): Promise<void> {
  const before = run.message;
  const { kind } = confirmationOf(run);
  await awaitConfirmation(run.gate, kind, held, (waiting, message) => {
    run.waitingFor = waiting.map((t) => kind.reason(t, run.input.syncId));
    run.message = waiting.length > 0 ? message : before;
  });
}

/** A group's apply request; it also carries the hooks waiting for their release (RELEASE_WITH_APPLY_PATCH). */
function applyRequest(run: Run, tasks: SyncTask[]) {
  const release = run.unreleased;
  run.unreleased = [];
  return {
    stamp: run.stamp, tasks,
    ...(patched(DONE_ON_APPLY_PATCH) ? { finishDone: true } : {}),
    ...(release.length > 0 ? { release } : {}),
  };
}

/** Waits until every task has finished (or its hook timed out), recording each outcome as it comes. */
async function waitFor(run: Run, title: string, tasks: SyncTask[]): Promise<void> {
  let pending = tasks;
  const waitStartedAt = Date.now();
  while (pending.length > 0) {
    setCurrentDetails(`**${title}**: ${waitingSummary(pending)}`);
    const deadline = nextDeadline(pending, waitStartedAt);
    const tasks = patched(WAIT_IDENTITY_PATCH) ? pending.map(forWaiting) : pending;
    const wait = () => waitingActivities(`wait ${title}`).awaitGroup({ stamp: run.stamp, tasks });
    const finished = deadline === undefined ? await wait() : await waitUntil(deadline, wait, () => expiredUpdates(pending, waitStartedAt, Date.now()));
    // awaitGroup returns only once something finished; anything else would loop for ever.
    if (finished.length === 0) throw ApplicationFailure.nonRetryable(`wait ${title} returned no finished task`, 'HooksyncBug');
    applyUpdates(run.rows, finished);
    recordHookDurations(hookSamples(pending, finished, (Date.now() - waitStartedAt) / 1000));
    pending = stillPending(pending, finished);
  }
}

/**
 * Runs `work` against a durable timer (it survives worker restarts). Whichever loses is cancelled:
 * the work's activities when the deadline passes first, the timer when the work is done first.
 */
async function raceTimer<T>(ms: number, work: () => Promise<T>): Promise<{ done: T } | 'deadline'> {
  const workScope = new CancellationScope();
  const timerScope = new CancellationScope();
  const working = workScope.run(work);
  const timer = timerScope.run(() => sleep(Math.max(0, ms)));
  const first = await Promise.race([working.then((done) => ({ done })), timer.then(() => 'deadline' as const)]);
  if (first !== 'deadline') {
    timerScope.cancel();
    await timer.catch(() => undefined);
    return first;
  }
  workScope.cancel();
  await working.catch((err: unknown) => { if (!isCancellation(err)) throw err; });
  return 'deadline';
}

/** A group's wait until the earliest hook deadline; then the hooks whose time is up are finished (failed). */
async function waitUntil(deadline: number, wait: () => Promise<TaskUpdate[]>, expired: () => TaskUpdate[]): Promise<TaskUpdate[]> {
  const outcome = await raceTimer(deadline - Date.now(), wait);
  return outcome === 'deadline' ? expired() : outcome.done;
}

/** Releases hooks after an error (our finalizer would block them for good), then deletes by policy. */
export async function cleanUpHooks(run: Run): Promise<void> {
  const created = createdHooks(run.plan, run.rows);
  const unreleased = run.unreleased;
  run.unreleased = [];
  if (run.phase === 'Error' && created.length > 0) {
    await attempt('release hooks', () => activitiesFor('release hooks after an error').releaseHooks(created));
  } else if (unreleased.length > 0) {
    // The last hook group's release: no apply came after it.
    const released = await attempt('release hooks', () => activitiesFor(`release ${unreleased.length} hook(s)`).releaseHooks(unreleased));
    if ('error' in released && run.phase === 'Running') endAs(run, 'Error', released.error);
  }
  const doomed = hooksToDelete(run.plan, run.rows);
  if (doomed.length === 0) return;
  const title = `delete ${doomed.length} hook(s) by policy`;
  setCurrentDetails(title);
  const deleted = await attempt(title, () => activitiesFor(title).deleteHooks(doomed));
  if ('error' in deleted && run.phase === 'Running') endAs(run, 'Error', deleted.error);
}
