// The fault harness of the durability tests (issue 5, reliability notes §5): runs a sync with a
// worker child process that carries a fault, replaces the worker when the fault has killed it (as
// a supervisor would), and checks the oracles: creates per hook in the API server's audit log, Job
// UIDs seen by the hooks' pods, finalizers left behind, and the activity attempts in history.
import { randomBytes } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { followSync, startSync, type SyncReport } from '../../client/syncClient';
import { HOOK_FINALIZER } from '../../sync/stamp';
import { auditedWrites } from './auditLog';
import { decodeRawPayload } from './codecEnv';
import { planYaml } from './syncHarness';
import type { TestCluster } from './testCluster';
import { killWorker, startWorkerProcess, type WorkerProcess } from './workerProcess';

export interface FaultRun {
  report: SyncReport;
  /** The first worker died of SIGKILL: the fault really fired. */
  fired: boolean;
  /** Where, as the worker said before it died (`crash-after:5 in applyGroup (db-migrate)`). */
  struck?: string;
  /** From the start of the sync to its end, replacement worker included. */
  seconds: number;
  /** When the first worker was seen to exit (ms since the epoch), if the fault fired. */
  killedAt?: number;
  handle: WorkflowHandle;
}

export interface FaultRunOptions {
  client: Client;
  namespace: string;
  app: string;
  yaml: string;
  /** HOOKSYNC_FAULTS for the first worker; none: an uninterrupted run. */
  fault?: string;
  /** The task queue's cluster name; a fresh one by default. A deletion after a sync names the sync's. */
  clusterName?: string;
}

export const newFaultClusterName = () => `fault-${randomBytes(4).toString('hex')}`;

/** Runs one sync on its own task queue; a worker killed by the fault is replaced at once. */
export async function runWithFault({ client, namespace, app, yaml, fault, clusterName = newFaultClusterName() }: FaultRunOptions): Promise<FaultRun> {
  return runOnFaultyWorker({ clusterName, fault }, async () => {
    const planned = await planYaml(yaml, namespace);
    return startSync(client, { syncId: planned.syncId, app, cluster: clusterName, plan: planned.plan });
  });
}

/**
 * Starts a worker with the fault, then the workflow `start` returns (a sync or a deletion), and
 * follows it to its end; a worker killed by the fault is replaced at once, as a supervisor would.
 */
export async function runOnFaultyWorker({ clusterName, fault }: { clusterName: string; fault?: string }, start: () => Promise<WorkflowHandle>): Promise<FaultRun> {
  const workers: WorkerProcess[] = [];
  const launch = async (env: Record<string, string>) => {
    const worker = startWorkerProcess(clusterName, env);
    workers.push(worker);
    await worker.ready;
    return worker;
  };
  try {
    const first = await launch(fault ? { HOOKSYNC_FAULTS: fault } : {});
    const startedAt = Date.now();
    const handle = await start();
    let exitedAt: number | undefined;
    const exited = new Promise<void>((resolve) => first.child.once('exit', () => { exitedAt = Date.now(); resolve(); }));
    await Promise.race([exited, handle.result().catch(() => undefined)]);
    const fired = first.child.signalCode === 'SIGKILL';
    const struck = /hooksync fault: SIGKILL (.*)/.exec(first.output())?.[1];
    if (fired) await launch({});
    const report = await followSync(handle, () => undefined);
    return { report, fired, struck, seconds: (Date.now() - startedAt) / 1000, handle, ...(fired ? { killedAt: exitedAt } : {}) };
  } finally {
    for (const w of workers) await killWorker(w);
  }
}

export interface Oracle {
  /** Create requests per hook name, as answer codes: [201] is "created exactly once". */
  creates: Record<string, number[]>;
  /** Distinct Job UIDs the hook Jobs' pods were created for, per Job name: 1 is "ran once". */
  jobUids: Record<string, number>;
  /** Objects in the namespace still carrying hooksync's finalizer. */
  finalizersLeft: string[];
}

/** What the cluster says happened in `namespace` to the given hook objects. */
export async function readOracle(cluster: TestCluster, namespace: string, hooks: readonly string[], jobs: readonly string[]): Promise<Oracle> {
  const writes = auditedWrites(namespace).filter((e) => e.verb === 'create' && hooks.includes(e.name));
  const creates = Object.fromEntries(hooks.map((h) => [h, writes.filter((e) => e.name === h).map((e) => e.code)]));
  const pods = (await cluster.core.listNamespacedPod({ namespace })).items;
  const jobUids = Object.fromEntries(jobs.map((job) => {
    const uids = pods.filter((p) => p.metadata?.labels?.['job-name'] === job).map((p) => p.metadata?.labels?.['controller-uid']);
    return [job, new Set(uids).size];
  }));
  const objects = [...(await cluster.batch.listNamespacedJob({ namespace })).items, ...(await cluster.core.listNamespacedConfigMap({ namespace })).items];
  const finalizersLeft = objects.filter((o) => o.metadata?.finalizers?.includes(HOOK_FINALIZER)).map((o) => o.metadata?.name ?? '');
  return { creates, jobUids, finalizersLeft };
}

export interface ActivityRun {
  type: string;
  summary: string;
  /** Highest attempt that started: 2 or more means the activity ran again after a fault. */
  attempts: number;
  /** Scheduled to completed (or failed), in seconds. */
  seconds: number;
  /** When it completed, by the Temporal server's clock (ms since the epoch); 0 while it has not. */
  completedAt: number;
  /** The failure of the attempt before the last one, as Temporal recorded it. */
  lastFailure?: string;
}

/** The activities of a run in the order they were scheduled, from its history. */
export async function activityRuns(handle: WorkflowHandle): Promise<ActivityRun[]> {
  const events = (await handle.fetchHistory()).events ?? [];
  const runs = new Map<string, ActivityRun & { scheduledAt: number }>();
  for (const e of events) {
    const id = String(e.eventId);
    const at = timeOf(e);
    const scheduled = e.activityTaskScheduledEventAttributes;
    if (scheduled) runs.set(id, { type: scheduled.activityType?.name ?? '', summary: await summaryOf(e), attempts: 0, seconds: 0, completedAt: 0, scheduledAt: at });
    const started = e.activityTaskStartedEventAttributes;
    const run = runs.get(String(started?.scheduledEventId ?? e.activityTaskCompletedEventAttributes?.scheduledEventId ?? ''));
    if (run && started) run.attempts = Math.max(run.attempts, started.attempt ?? 0);
    if (run && started?.lastFailure?.message) run.lastFailure = await failureMessage(started.lastFailure);
    if (run && e.activityTaskCompletedEventAttributes) Object.assign(run, { seconds: (at - run.scheduledAt) / 1000, completedAt: at });
  }
  return [...runs.values()].map(({ scheduledAt: _, ...run }) => run);
}

/** When the Temporal server recorded the event, in ms since the epoch. */
export function timeOf(e: temporal.api.history.v1.IHistoryEvent): number {
  return Number(e.eventTime?.seconds ?? 0) * 1000 + Math.floor((e.eventTime?.nanos ?? 0) / 1e6);
}

/** The activity's summary as the UI shows it (a JSON string payload, encrypted with the codec on). */
async function summaryOf(e: temporal.api.history.v1.IHistoryEvent): Promise<string> {
  const summary = e.userMetadata?.summary;
  if (!summary?.data) return '';
  const value = await decodeRawPayload(summary);
  return value === undefined ? '(encoded)' : String(value);
}

/** A failure's message; with the codec on, it is in the encoded attributes ("Encoded failure"). */
async function failureMessage(failure: temporal.api.failure.v1.IFailure): Promise<string> {
  const encoded = failure.encodedAttributes ? await decodeRawPayload(failure.encodedAttributes) as { message?: string } | undefined : undefined;
  return encoded?.message ?? failure.message ?? '';
}

/** Runs `work` over `items`, at most `limit` at once, keeping the order of results. */
export async function inBatches<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** True once an activity of this type has been picked up by a worker and is running. */
export async function activityIsRunning(handle: WorkflowHandle, type: string): Promise<boolean> {
  const { raw } = await handle.describe();
  const STARTED = 2; // temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
  return (raw.pendingActivities ?? []).some((a) => a.activityType?.name === type && a.state === STARTED);
}

/**
 * True once Temporal is running an activity again after a failed attempt whose message matches
 * `failure`: the fault was felt while the workflow runs (history shows it only when the activity ends).
 */
export async function activityRetriedAfter(handle: WorkflowHandle, failure: RegExp): Promise<boolean> {
  const { raw } = await handle.describe();
  for (const a of raw.pendingActivities ?? []) {
    if ((a.attempt ?? 0) >= 2 && a.lastFailure && failure.test(await failureMessage(a.lastFailure))) return true;
  }
  return false;
}
