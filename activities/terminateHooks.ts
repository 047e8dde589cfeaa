// What terminate does to the hooks a sync still counts as running (spec §6.3, Argo CD's
// TestTerminateWithRunningHooks): each is read again; one that completed meanwhile keeps its real
// outcome and stays (deleted only when it failed and has HookFailed); one still running is deleted
// and reported Failed, "Terminated". Our finalizer comes off either way.
import { hookCompletion, type CustomHealthChecks } from '../sync/health';
import type { TaskUpdate } from '../sync/syncRun';
import { deletesOnFailure, taskKey, type SyncTask } from '../sync/types';
import { describeObject } from '../sync/problems';
import { deleteHooks, releaseHooks } from './hookCleanup';
import type { KubeClient } from './kubeClient';
import { kubeFailure } from './kubeFailures';

const TERMINATED = 'Terminated';

export async function terminateHooks(kube: KubeClient, tasks: readonly SyncTask[], custom: CustomHealthChecks): Promise<TaskUpdate[]> {
  const updates: TaskUpdate[] = [];
  for (const task of tasks) updates.push(await terminateHook(kube, task, custom));
  return updates;
}

async function terminateHook(kube: KubeClient, task: SyncTask, custom: CustomHealthChecks): Promise<TaskUpdate> {
  const key = taskKey(task);
  let live;
  try {
    live = await kube.read(task.ref);
  } catch (err) {
    throw kubeFailure(err, `read ${describeObject(task.ref)}`);
  }
  const outcome = live ? hookCompletion(live, custom) : undefined;
  await releaseHooks(kube, [task.ref]);
  if (!outcome || outcome.phase === 'Running') {
    if (live) await deleteHooks(kube, [task.ref]);
    return { key, state: 'Failed', hookPhase: 'Failed', message: TERMINATED };
  }
  if (outcome.phase !== 'Succeeded' && deletesOnFailure(task)) await deleteHooks(kube, [task.ref]);
  return { key, state: outcome.phase === 'Succeeded' ? 'Succeeded' : 'Failed', hookPhase: outcome.phase, message: outcome.message };
}
