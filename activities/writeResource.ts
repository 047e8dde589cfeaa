// How one resource (not a hook) is written, as its sync options say (README "Sync options"):
// server-side apply by default, a guarded PUT with `Replace=true`, nothing at all with
// `ApplyOutOfSyncOnly=true` when the server says the object would not change, and with
// `Force=true` a delete and re-create when the server refuses a change to an immutable field.
// The dry run before the first write sends the same verb, so that it checks what will be sent.
import { sameStoredObject } from '../sync/liveUnchanged';
import type { KubeObject } from '../sync/manifest';
import { isOff, isOn, taskSyncOptions, type SyncOptions } from '../sync/syncOptions';
import type { SyncTask } from '../sync/types';
import type { KubeClient, LiveObject, WriteOptions } from './kubeClient';
import { statusMessage } from './kubeFailures';
import { crashPoint } from './faults';
import { waitUntilGone } from './waitUntilGone';

/** What happened to the object, for its row's message. */
export type WriteOutcome = 'created' | 'configured' | 'replaced' | 'unchanged' | 're-created';

/** The outcome, and the object as the server answered it (as it stands, for `unchanged`): doneOnApply.ts reads it. */
export interface Written {
  outcome: WriteOutcome;
  answer?: LiveObject;
}

/** Read-decide-write rounds of a guarded PUT before a 409 counts as the server's answer. */
const MAX_REPLACE_ROUNDS = 3;

const codeOf = (err: unknown) => (err as { code?: unknown }).code;

/** `Validate=false` (kubectl's --validate=false): unknown fields are dropped by the server, not refused. */
export function writeOptionsFor(options: SyncOptions, dryRun = false): WriteOptions {
  return { dryRun, fieldValidation: isOff(options, 'Validate') ? 'Ignore' : 'Strict' };
}

/**
 * Writes `body` (the stamped manifest) for `task`; `live` is the object as just read (undefined:
 * absent). Idempotent: after a crash the retry reads again and finds either the old object (and
 * does the same) or the new one (and writes it again, or nothing).
 */
export async function writeResource(kube: KubeClient, task: SyncTask, body: KubeObject, live: LiveObject | undefined, dryRun = false): Promise<Written> {
  const options = taskSyncOptions(task);
  const write = writeOptionsFor(options, dryRun);
  if (live && !dryRun && isOn(options, 'ApplyOutOfSyncOnly') && (await unchangedOnServer(kube, task, body, live, write))) return { outcome: 'unchanged', answer: live };
  let answer: LiveObject;
  try {
    answer = await send(kube, task, body, live, write);
  } catch (err) {
    if (!live || !isOn(options, 'Force') || !refusesImmutableChange(err)) throw err;
    // The dry run cannot re-create: the real write will, so the check lets it by.
    return { outcome: 're-created', ...(dryRun ? {} : { answer: await recreate(kube, task, body, live, write) }) };
  }
  if (!live) return { outcome: 'created', answer };
  return { outcome: isOn(options, 'Replace') ? 'replaced' : 'configured', answer };
}

/**
 * `ApplyOutOfSyncOnly=true`: the write as a dry run stores nothing new. A refused preview counts as
 * a change: the real write then meets the same refusal (or, with `Force=true`, re-creates).
 */
async function unchangedOnServer(kube: KubeClient, task: SyncTask, body: KubeObject, live: LiveObject, write: WriteOptions): Promise<boolean> {
  try {
    return sameStoredObject(await send(kube, task, body, live, { ...write, dryRun: true }), live);
  } catch {
    return false;
  }
}

/** Apply, or with `Replace=true` a PUT (a create when there is nothing to replace). */
async function send(kube: KubeClient, task: SyncTask, body: KubeObject, live: LiveObject | undefined, write: WriteOptions): Promise<LiveObject> {
  if (!isOn(taskSyncOptions(task), 'Replace')) return kube.apply(body, write);
  if (!live) return kube.create(body, write);
  return replaceGuarded(kube, task, body, live, write);
}

/** A PUT that names the resourceVersion it read; when the object changed meanwhile, read and decide again. */
async function replaceGuarded(kube: KubeClient, task: SyncTask, body: KubeObject, live: LiveObject, write: WriteOptions): Promise<LiveObject> {
  let current: LiveObject | undefined = live;
  for (let round = 1; ; round++) {
    try {
      if (!current) return await kube.create(body, write);
      return await kube.replace({ ...body, metadata: { ...body.metadata, resourceVersion: current.metadata.resourceVersion } }, write);
    } catch (err) {
      if (codeOf(err) !== 409 || round === MAX_REPLACE_ROUNDS) throw err;
      current = await kube.read(task.ref);
    }
  }
}

// A server-side apply cannot carry a field its schema lacks, whatever fieldValidation says.
const NOT_IN_SCHEMA = /field not declared in schema/;

/**
 * The server's refusal of a task's write, as its row says it. `Validate=false` cannot drop an
 * unknown field from a server-side apply (the server refuses to build the typed patch, as it does
 * for Argo CD's ServerSideApply=true,Validate=false): the message says what does.
 */
export function refusalMessage(err: unknown, task: SyncTask): string {
  const message = statusMessage(err, task.object);
  const options = taskSyncOptions(task);
  const hint = isOff(options, 'Validate') && !isOn(options, 'Replace') && NOT_IN_SCHEMA.test(message)
    ? ' (Validate=false drops unknown fields from a create or a replace, not from a server-side apply: add Replace=true)'
    : '';
  return `${message}${hint}`;
}

/**
 * The API server refuses a change to an immutable field (a Job's template, a Service's clusterIP,
 * an immutable ConfigMap's data) with 422 and a cause saying "field is immutable".
 */
export function refusesImmutableChange(err: unknown): boolean {
  if (codeOf(err) !== 422) return false;
  const body = (err as { body?: unknown }).body;
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
  return /immutable/i.test(text);
}

/** `Force=true`: delete the very object read (uid precondition), wait until it is gone, create it anew. */
async function recreate(kube: KubeClient, task: SyncTask, body: KubeObject, live: LiveObject, write: WriteOptions): Promise<LiveObject> {
  await kube.delete(task.ref, { uid: live.metadata.uid });
  await waitUntilGone(kube, task.ref, live.metadata.uid);
  crashPoint('crash-after-force-delete', task.ref.name);
  // Guarded by the name: an object someone else created meanwhile answers 409 and is kept.
  return kube.create(body, write);
}
