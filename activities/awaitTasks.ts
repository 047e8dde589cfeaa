// Waits until tasks of a group are done: hooks complete (spec §5.2), resources healthy (§5.4).
// Returns as soon as one or more have finished, so the workflow records each outcome when it
// happens (and shows it to the CLI and UI), then waits again for the rest. Heartbeating, not one
// activity per poll: history grows by one activity per finished task at most, a dead worker is
// noticed within the heartbeat timeout, and the next attempt simply reads the live state again.
// Watches wake the wait when a task's object changes; if they go quiet or break, the objects are
// read again every QUIET_MS anyway. A group's objects are read by label-selected LISTs (readAhead.ts). A hook that vanishes while running fails instead of hanging.
import { argoKey } from '../sync/objectRef';
import { Context } from '@temporalio/activity';
import { hookCompletion, resourceCompletion, type CustomHealthChecks, type ResourceOutcome } from '../sync/health';
import { stillPending, type TaskUpdate } from '../sync/syncRun';
import { isHook, type SyncTask } from '../sync/types';
import { appSelector } from '../sync/stamp';
import { waitingReason, type WaitingDetails, type WaitingReason } from '../sync/waitingReason';
import type { WatchedObject } from './changeWatch';
import { apiVersionOf, type KubeClient, type LiveObject } from './kubeClient';
import { readLive } from './readAhead';
import { pruneDone } from './pruneObject';
import { finishedUpdate } from './finishedUpdate';

/** Longest wait without reading the objects again, whatever the watches say (the worker's pulse keeps heartbeating meanwhile). */
const QUIET_MS = 5_000;

/**
 * Groups at least this big heartbeat before their first read, which may take a while, and gather
 * what finishes within GATHER_MS of the first outcome into one answer: a thousand Deployments
 * turning healthy one after another would otherwise cost a wait activity (and its input, the
 * group's open tasks) each in history. The group's next wave waits for all of them anyway.
 */
const BIG_GROUP = 50;
const GATHER_MS = 1_000;

/** Resolves with the updates of the tasks that finished, once at least one has (never empty). */
export async function awaitTasks(kube: KubeClient, tasks: readonly SyncTask[], app: string, custom: CustomHealthChecks): Promise<TaskUpdate[]> {
  const watch = kube.changeWatch();
  const beat = heartbeater();
  const big = tasks.length >= BIG_GROUP;
  // A small group's first heartbeat carries its reasons (see heartbeater); a big one says it is
  // alive before it reads, and then every QUIET_MS while it reads.
  if (big) beat({ waitingFor: [] });
  try {
    for (;;) {
      const { done, waiting } = await checkTasks(kube, tasks, app, custom, () => beat());
      if (done.length > 0 && big && waiting.length > 0) return gatherMore(kube, tasks, done, app, custom, () => beat());
      if (done.length > 0 || tasks.length === 0) return done;
      // The reasons ride on the heartbeat: `hooksync sync` and `status --watch` read them from
      // describe(), and the workflow and its history stay unchanged.
      beat({ waitingFor: waiting });
      // Watch trouble only means waiting the quiet period before reading again.
      await watch.cover(tasks.map(watchedObject), appSelector(app)).catch(() => undefined);
      await watch.next(QUIET_MS, (ms) => Context.current().sleep(ms));
    }
  } finally {
    watch.stop();
  }
}

/** `done`, and whatever else of a big group has finished GATHER_MS later. */
async function gatherMore(kube: KubeClient, tasks: readonly SyncTask[], done: TaskUpdate[], app: string, custom: CustomHealthChecks, beat: () => void): Promise<TaskUpdate[]> {
  await Context.current().sleep(GATHER_MS);
  const later = await checkTasks(kube, stillPending(tasks, done), app, custom, beat);
  return [...done, ...later.done];
}

/**
 * Heartbeats: at once with new details, and otherwise (while a big group is read, a thousand
 * objects outlasting the heartbeat timeout) with the last ones once QUIET_MS have passed. Only
 * the new details go out at once: the SDK sends the first heartbeat at once and throttles the
 * rest, so an early one without reasons would hold back the reasons the CLI shows.
 */
function heartbeater(): (details?: WaitingDetails) => void {
  let last: WaitingDetails = { waitingFor: [] };
  let beatAt = Date.now();
  return (details) => {
    if (!details && Date.now() - beatAt < QUIET_MS) return;
    last = details ?? last;
    beatAt = Date.now();
    Context.current().heartbeat(last);
  };
}

/** Reads every task's object (label-selected LISTs where they pay, GETs otherwise) and judges it. */
async function checkTasks(kube: KubeClient, tasks: readonly SyncTask[], app: string, custom: CustomHealthChecks, beat: () => void): Promise<{ done: TaskUpdate[]; waiting: WaitingReason[] }> {
  const lives = await readLive(kube, tasks.map((t) => t.ref), { labelSelector: appSelector(app), progress: beat });
  const done: TaskUpdate[] = [];
  const waiting: WaitingReason[] = [];
  tasks.forEach((task, i) => {
    const outcome = judgeTask(task, lives[i], custom);
    if (outcome.phase === 'Running') waiting.push(waitingReason(task, outcome));
    else done.push(finishedUpdate(task, outcome));
  });
  return { done, waiting };
}

function watchedObject(task: SyncTask): WatchedObject {
  return { apiVersion: apiVersionOf(task.ref), kind: task.ref.kind, namespace: task.ref.namespace, name: task.ref.name };
}

function judgeTask(task: SyncTask, live: LiveObject | undefined, custom: CustomHealthChecks): ResourceOutcome {
  if (task.prune) return pruneDone(task, live) ? { phase: 'Succeeded', message: 'pruned' } : { phase: 'Running', message: `waiting for deletion of ${argoKey(task.ref)}` };
  // Argo CD's words and hook phase (Error) for an object that vanished while the sync waited for it.
  if (!live) {
    const message = `${isHook(task) ? 'hook' : 'resource'} ${argoKey(task.ref)} is missing, it might have been deleted`;
    return isHook(task) ? { phase: 'Error', message } : { phase: 'Error', health: 'Missing', message };
  }
  return isHook(task) ? hookCompletion(live, custom) : resourceCompletion(live, custom);
}
