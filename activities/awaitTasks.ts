// Waits until every task of a group is done: hooks complete (spec §5.2), resources healthy
// (§5.4). One heartbeating activity per group, not one activity per poll: history stays small, a
// dead worker is noticed within the heartbeat timeout, and the next attempt simply reads the live
// state again. A hook that vanishes while running fails instead of hanging.
import { Context } from '@temporalio/activity';
import { hookCompletion, resourceCompletion, type ResourceOutcome } from '../sync/health';
import { describeObject } from '../sync/problems';
import type { TaskUpdate } from '../sync/syncRun';
import { isHook, taskKey, type SyncTask } from '../sync/types';
import type { KubeClient } from './kubeClient';
import { kubeFailure } from './kubeFailures';

const POLL_MS = 500;

export async function awaitTasks(kube: KubeClient, tasks: readonly SyncTask[]): Promise<TaskUpdate[]> {
  const done = new Map<string, TaskUpdate>();
  for (;;) {
    const waiting: string[] = [];
    for (const task of tasks.filter((t) => !done.has(taskKey(t)))) {
      const outcome = await checkTask(kube, task);
      if (outcome.phase === 'Running') waiting.push(`${describeObject(task.ref)}: ${outcome.message}`);
      else done.set(taskKey(task), toUpdate(task, outcome));
    }
    if (waiting.length === 0) return tasks.map((t) => done.get(taskKey(t))!);
    Context.current().heartbeat({ waitingFor: waiting });
    await Context.current().sleep(POLL_MS);
  }
}

async function checkTask(kube: KubeClient, task: SyncTask): Promise<ResourceOutcome> {
  let live;
  try {
    live = await kube.read(task.ref);
  } catch (err) {
    throw kubeFailure(err, `read ${describeObject(task.ref)}`);
  }
  if (!live) {
    if (isHook(task)) return { phase: 'Failed', message: 'hook was deleted while it was running' };
    return { phase: 'Failed', health: 'Missing', message: 'resource was deleted while the sync waited for it' };
  }
  return isHook(task) ? hookCompletion(live) : resourceCompletion(live);
}

function toUpdate(task: SyncTask, outcome: ResourceOutcome): TaskUpdate {
  const key = taskKey(task);
  if (isHook(task)) return { key, hookPhase: outcome.phase, message: outcome.message };
  // A kind without a health check keeps its apply message ("configmap/x created").
  return outcome.health ? { key, health: outcome.health, message: outcome.message } : { key };
}
