// The activities of the sync workflow, built around one cluster's Kubernetes client. The worker
// for a cluster holds that cluster's credentials; none of them ever enters workflow history.
import type { KubeObject } from '../sync/manifest';
import type { Stamp } from '../sync/stamp';
import type { TaskUpdate } from '../sync/syncRun';
import type { ObjectRef, SyncTask } from '../sync/types';
import { applyGroup, type ApplyOptions } from './applyGroup';
import type { DryRunScope } from '../sync/dryRunScope';
import { dryRunTasks, type DryRunOutcome } from './dryRunTasks';
import { dryRunThenApply, type DryRunThenApplyOutcome, type DryRunThenApplyRequest } from './dryRunThenApply';
import { terminateHooks } from './terminateHooks';
import { awaitTasks } from './awaitTasks';
import { deleteHooks, releaseHooks } from './hookCleanup';
import type { KubeClient } from './kubeClient';
import type { LiveKind } from '../sync/inventory';
import { listAppObjects, listLiveObjects } from './listAppObjects';
import { noCustomHealthChecks, type CustomHealthChecks } from '../sync/health';
import { untrackObjects } from './untrackObjects';

export interface GroupRequest {
  stamp: Stamp;
  tasks: SyncTask[];
}

export interface ActivityOptions {
  /** The operator's health rules (`hooksync worker --health-checks`), for every wait on health. */
  healthChecks?: CustomHealthChecks;
}

export function createActivities(kube: KubeClient, { healthChecks = noCustomHealthChecks }: ActivityOptions = {}) {
  return {
    /**
     * Applies every task of a group: kinds in plan order, the objects of a kind side by side
     * (applyGroup.ts). With `finishDone`, resources healthy in the server's answer come back
     * finished; hooks named in `release` (earlier groups, outcome recorded) lose our finalizer.
     */
    async applyGroup({ stamp, tasks, ...options }: GroupRequest & ApplyOptions): Promise<TaskUpdate[]> {
      return applyGroup(kube, tasks, stamp, { ...options, healthChecks });
    },
    /** Waits until one or more of the given tasks have finished; returns their updates. */
    async awaitGroup({ stamp, tasks }: GroupRequest): Promise<TaskUpdate[]> {
      return awaitTasks(kube, tasks, stamp.app, healthChecks);
    },
    /** Creates the namespaces the sync needs, then dry-runs every object it will write (dryRunTasks.ts). */
    async dryRunSync({ stamp, scope }: { stamp: Stamp; scope: DryRunScope }): Promise<DryRunOutcome> {
      return dryRunTasks(kube, scope, stamp);
    },
    /** dryRunSync, then (unless it refused an object) applyGroup of the first group (dryRunThenApply.ts). */
    async dryRunThenApply(request: DryRunThenApplyRequest): Promise<DryRunThenApplyOutcome> {
      return dryRunThenApply(kube, request, healthChecks);
    },
    /** Terminate: running hooks deleted, hooks that completed meanwhile keep their outcome. */
    async terminateHooks({ tasks }: { tasks: SyncTask[] }): Promise<TaskUpdate[]> {
      return terminateHooks(kube, tasks, healthChecks);
    },
    async releaseHooks(refs: ObjectRef[]): Promise<void> {
      await releaseHooks(kube, refs);
    },
    async deleteHooks(refs: ObjectRef[]): Promise<void> {
      await deleteHooks(kube, refs);
    },
    /** The app's live objects (identity only) in the given kinds, or in every kind without them, for pruning. */
    async listLiveObjects({ app, kinds }: { app: string; kinds?: LiveKind[] }): Promise<KubeObject[]> {
      return listLiveObjects(kube, app, kinds);
    },
    /** `delete --cascade=false`: hooksync's labels and tracking id taken off each object, which stays. */
    async untrackObjects({ app, objects }: { app: string; objects: KubeObject[] }): Promise<TaskUpdate[]> {
      return untrackObjects(kube, app, objects);
    },
    /** The app's live objects in every kind: kept for syncs started before the inventory. */
    async listAppObjects(app: string): Promise<KubeObject[]> {
      return listAppObjects(kube, app);
    },
  };
}

export type SyncActivities = ReturnType<typeof createActivities>;
