// The check before the first write (spec §3.5 step 2): every resource and hook of the sync is sent
// to the API server as a server-side dry run (`dryRun=All`, strict field validation), with
// bounded concurrency, so that admission, schema and RBAC refusals fail the sync before a PreSync
// migration runs, not when the sync reaches that wave. Namespaces the objects need are created for
// real first (the server refuses even a dry run into a missing namespace), as Argo CD does.
import { Context } from '@temporalio/activity';
import type { DryRunCheck, DryRunScope } from '../sync/dryRunScope';
import { describeObject } from '../sync/problems';
import { stampHook, stampResource, type Stamp } from '../sync/stamp';
import type { TaskUpdate } from '../sync/syncRun';
import { isHook, taskKey, type SyncTask } from '../sync/types';
import { applyTask, ownedElsewhere, refusedUpdate } from './applyTask';
import { boundedParallel } from './boundedParallel';
import { isKindNotServed } from './discovery';
import type { KubeClient, LiveObject } from './kubeClient';
import { APPLY_CONCURRENCY } from './applyGroup';
import { readAhead } from './readAhead';
import { objectKey } from '../sync/objectRef';
import { isPermanent, kubeFailure } from './kubeFailures';
import { taskSyncOptions } from '../sync/syncOptions';
import { refusalMessage, writeOptionsFor, writeResource } from './writeResource';

/** Requests in flight at once: as many as a group's apply (applyGroup.ts). */
const DRY_RUN_CONCURRENCY = APPLY_CONCURRENCY;

export interface DryRunOutcome {
  /** Rows of the namespaces created for real before the check. */
  created: TaskUpdate[];
  /** One per refused object; empty when the sync may go on. */
  refused: TaskUpdate[];
}

export async function dryRunTasks(kube: KubeClient, scope: DryRunScope, stamp: Stamp): Promise<DryRunOutcome> {
  const created = await createNamespacesFirst(kube, scope.createFirst, stamp);
  const createdKeys = new Set(created.map((u) => u.key));
  const checks = scope.check.filter((c) => !createdKeys.has(taskKey(c.task)));
  let done = 0;
  const beat = () => Context.current().heartbeat(`dry run: ${done} of ${checks.length} checked`);
  beat();
  // The ownership check reads each resource: by one LIST per big collection, as the apply does.
  const known = await readAhead(kube, checks.filter((c) => !isHook(c.task)).map((c) => c.task.ref), { labelSelector: '', progress: beat });
  const results = await boundedParallel(checks, DRY_RUN_CONCURRENCY, async (check) => {
    const refusal = await dryRun(kube, check, stamp, known.get(objectKey(check.task.ref)));
    done++;
    beat();
    return refusal;
  });
  return { created, refused: results.filter((r): r is TaskUpdate => r !== undefined) };
}

async function createNamespacesFirst(kube: KubeClient, namespaces: readonly SyncTask[], stamp: Stamp): Promise<TaskUpdate[]> {
  const created: TaskUpdate[] = [];
  for (const task of namespaces) {
    // A declared namespace that exists is applied in its own group, in plan order, as usual.
    if (task.createOnly || !(await kube.read(task.ref))) created.push(await applyTask(kube, task, stamp));
  }
  return created;
}

/**
 * Only a refusal of the object as written fails the dry run: invalid (422), malformed or an
 * unknown field (400), or not fitting its schema (the apply's 500). Others may hang on what an
 * earlier wave of the same sync creates, which does not exist yet (a Role a RoleBinding grants, the
 * ServiceAccount a Pod runs as: both answered 403 or 404): the real write decides those, in order.
 */
function refusesTheObjectItself(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === 400 || code === 422 || code === 500;
}

/** The refusal of one object's dry run, or undefined when the server accepted it. */
async function dryRun(kube: KubeClient, { task, skipIfKindMissing }: DryRunCheck, stamp: Stamp, prior: LiveObject | null | undefined): Promise<TaskUpdate | undefined> {
  const key = taskKey(task);
  try {
    if (isHook(task)) await kube.create(stampHook(task.object, { ...stamp, phase: task.phase }), writeOptionsFor(taskSyncOptions(task), true));
    else return await dryRunResource(kube, task, stamp.app, prior);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    // A hook left by an earlier sync: what happens to it (BeforeHookCreation) is the real run's call.
    if (isHook(task) && code === 409) return undefined;
    const kindMissing = code === 404 || isKindNotServed(err);
    if (kindMissing && skipIfKindMissing) return undefined;
    if (isKindNotServed(err)) return refusedUpdate(key, `dry run: the cluster does not serve ${task.ref.kind} in ${task.object.apiVersion}`);
    if (!isPermanent(err)) throw kubeFailure(err, `dry run of ${describeObject(task.ref)}`, task.object);
    return refusesTheObjectItself(err) ? refusedUpdate(key, `dry run: ${refusalMessage(err, task)}`) : undefined;
  }
  return undefined;
}

async function dryRunResource(kube: KubeClient, task: SyncTask, app: string, prior: LiveObject | null | undefined): Promise<TaskUpdate | undefined> {
  const live = prior === undefined ? await kube.read(task.ref) : prior ?? undefined;
  const refusal = ownedElsewhere(live, task, app);
  if (refusal) return refusedUpdate(taskKey(task), refusal);
  // The verb the real write will use (Replace=true: a PUT), with the same field validation.
  await writeResource(kube, task, stampResource(task.object, app), live, true);
  return undefined;
}
