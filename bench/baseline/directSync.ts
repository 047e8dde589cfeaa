// Baseline B: the Kubernetes work of a hooksync sync done directly, without Temporal. Same plan
// (same objects, same groups, same order), same stamps, same rules: a server-side dry run of every
// object first, then per group server-side apply of resources (field manager `hooksync`) and
// create of hooks (with hooksync's finalizer), a wait until each object satisfies the same pure
// completion rule hooksync uses (sync/health), the hooks' finalizer released, and at the end the
// hooks deleted by policy. Objects are observed through one watch per kind, opened at the start;
// every request shares one keep-alive agent. What B costs is API and workload time.
import { hookCompletion, resourceCompletion, type LiveObject } from '../../sync/health';
import { HOOK_FINALIZER, stampHook, stampResource, type Stamp } from '../../sync/stamp';
import { splitGroups } from '../../sync/syncRun';
import { deletesOnSuccess, isHook, type ObjectRef, type SyncPlan, type SyncTask } from '../../sync/types';
import type { DirectKube } from './directKube';

export interface DirectSyncOptions {
  kube: DirectKube;
  plan: SyncPlan;
  stamp: Stamp;
  /** Requests in flight at once within a group (and in the dry run). */
  concurrency: number;
  /** A group that waits longer than this fails the run (the bench must end). */
  limitSeconds: number;
  /** Called with performance.now() when each object is first written for real (S4 uses it). */
  onWrite?: (task: SyncTask, at: number) => void;
}

export interface DirectSyncResult {
  phase: 'Succeeded' | 'Failed';
  message: string;
}

const objectKey = (ref: Pick<ObjectRef, 'kind' | 'namespace' | 'name'>) => `${ref.kind}/${ref.namespace}/${ref.name}`;

/** Runs `job` over `items` with at most `limit` at once, in order of start. */
async function inParallel<T>(items: readonly T[], limit: number, job: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await job(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

function expectOk(what: string, res: { status: number; body: unknown }): void {
  if (res.status >= 200 && res.status < 300) return;
  throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
}

/** The live state of the plan's objects, kept current by one watch per kind. */
class LiveState {
  private readonly objects = new Map<string, LiveObject>();
  private waiters: Array<() => void> = [];
  private readonly stops: Array<() => void> = [];

  async open(kube: DirectKube, tasks: readonly SyncTask[], selector: string): Promise<void> {
    const kinds = new Map<string, SyncTask>();
    for (const t of tasks) kinds.set(`${t.ref.group}/${t.ref.kind}/${t.ref.namespace}`, t);
    await Promise.all([...kinds.values()].map(async (t) => {
      const path = await kube.collectionPath(t.ref);
      const list = await kube.send('GET', `${path}?labelSelector=${encodeURIComponent(selector)}`);
      expectOk(`list ${path}`, list);
      const rv = (list.body as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
      const query = `watch=1&allowWatchBookmarks=false&resourceVersion=${rv}&labelSelector=${encodeURIComponent(selector)}`;
      this.stops.push(await kube.watch(`${path}?${query}`, (type, object) => this.onEvent(type, t.ref.kind, object as unknown as LiveObject)));
    }));
  }

  private onEvent(type: string, kind: string, object: LiveObject): void {
    const key = objectKey({ kind, namespace: object.metadata.namespace ?? '', name: object.metadata.name ?? '' });
    if (type === 'DELETED') this.objects.delete(key);
    else if (type === 'ADDED' || type === 'MODIFIED') this.objects.set(key, { ...object, kind });
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  get(ref: ObjectRef): LiveObject | undefined {
    return this.objects.get(objectKey(ref));
  }

  /** Resolves once `done()` holds, re-checked on every watch event; fails at `deadline` (performance.now()). */
  async until(done: () => boolean, deadline: number): Promise<void> {
    while (!done()) {
      let timer: NodeJS.Timeout | undefined;
      const woken = await new Promise<boolean>((resolve) => {
        this.waiters.push(() => resolve(true));
        timer = setTimeout(() => resolve(false), Math.max(0, deadline - performance.now()));
      });
      clearTimeout(timer);
      if (!woken && !done()) throw new Error('not finished within the bench time limit');
    }
  }

  close(): void {
    for (const stop of this.stops) stop();
  }
}

function outcomeOf(task: SyncTask, live: LiveObject | undefined) {
  if (!live) return undefined;
  return isHook(task) ? hookCompletion(live) : resourceCompletion(live);
}

async function write(kube: DirectKube, task: SyncTask, stamp: Stamp, dryRun: boolean): Promise<void> {
  const path = await kube.collectionPath(task.ref);
  const dry = dryRun ? '&dryRun=All' : '';
  if (isHook(task)) {
    const body = stampHook(task.object, { ...stamp, phase: task.phase });
    return expectOk(`create ${task.ref.name}`, await kube.send('POST', `${path}?fieldManager=hooksync&fieldValidation=Strict${dry}`, body));
  }
  const body = stampResource(task.object, stamp.app);
  const query = `fieldManager=hooksync&force=true&fieldValidation=Strict${dry}`;
  expectOk(`apply ${task.ref.name}`, await kube.send('PATCH', `${path}/${task.ref.name}?${query}`, body, 'application/apply-patch+yaml'));
}

/** Removes hooksync's finalizer from a hook, guarded by a test of its position (as hooksync does). */
async function releaseFinalizer(kube: DirectKube, task: SyncTask, live: LiveObject | undefined): Promise<void> {
  const finalizers = (live?.metadata as { finalizers?: string[] } | undefined)?.finalizers ?? [];
  const at = finalizers.indexOf(HOOK_FINALIZER);
  if (at < 0) return;
  const path = `${await kube.collectionPath(task.ref)}/${task.ref.name}`;
  const patch = [{ op: 'test', path: `/metadata/finalizers/${at}`, value: HOOK_FINALIZER }, { op: 'remove', path: `/metadata/finalizers/${at}` }];
  expectOk(`release ${task.ref.name}`, await kube.send('PATCH', path, patch, 'application/json-patch+json'));
}

export async function directSync({ kube, plan, stamp, concurrency, limitSeconds, onWrite }: DirectSyncOptions): Promise<DirectSyncResult> {
  const groups = splitGroups(plan).main;
  const tasks = groups.flatMap((g) => g.tasks).filter((t) => !t.prune);
  const live = new LiveState();
  const deadline = performance.now() + limitSeconds * 1000;
  try {
    await live.open(kube, tasks, `app.kubernetes.io/managed-by=hooksync,hooksync.io/app=${stamp.app}`);
    await inParallel(tasks, concurrency, (t) => write(kube, t, stamp, true));
    const succeededHooks: SyncTask[] = [];
    for (const group of groups) {
      const applied = group.tasks.filter((t) => !t.prune);
      await inParallel(applied, concurrency, async (t) => {
        await write(kube, t, stamp, false);
        onWrite?.(t, performance.now());
      });
      // Running until the object is seen and its rule says it finished.
      await live.until(() => applied.every((t) => live.get(t.ref) !== undefined && outcomeOf(t, live.get(t.ref))?.phase !== 'Running'), deadline);
      const failed = applied.filter((t) => outcomeOf(t, live.get(t.ref))?.phase !== 'Succeeded');
      const hooks = applied.filter(isHook);
      await inParallel(hooks, concurrency, (t) => releaseFinalizer(kube, t, live.get(t.ref)));
      if (failed.length > 0) return { phase: 'Failed', message: `${failed.map((t) => t.ref.name).join(', ')} failed` };
      succeededHooks.push(...hooks);
    }
    await inParallel(succeededHooks.filter(deletesOnSuccess), concurrency, async (t) => {
      const path = `${await kube.collectionPath(t.ref)}/${t.ref.name}`;
      const res = await kube.send('DELETE', path, { propagationPolicy: 'Background' });
      if (res.status !== 404) expectOk(`delete ${t.ref.name}`, res);
    });
    return { phase: 'Succeeded', message: 'successfully synced (all tasks run)' };
  } finally {
    live.close();
  }
}
