// What every scenario shares: a Temporal client, a warm hooksync worker (a real `hooksync worker`
// process polling its own task queue), the baseline's keep-alive client, and the paired runner
// that times one sync as hooksync and as B, each in a fresh namespace.
import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { connectDirectKube, type DirectKube } from '../baseline/directKube';
import { directSync } from '../baseline/directSync';
import type { SyncTask } from '../../sync/types';
import { connectTestCluster, createTestNamespace, deleteTestNamespace, type TestCluster } from '../../test/support/testCluster';
import { connectTestClient, planYaml } from '../../test/support/syncHarness';
import { killWorker, startWorkerProcess, type WorkerProcess } from '../../test/support/workerProcess';
import { runHooksync, type HooksyncRun } from './hooksyncRun';
import type { Knobs } from './knobs';

export interface BenchContext {
  knobs: Knobs;
  client: Client;
  cluster: TestCluster;
  kube: DirectKube;
  /** The task queue's cluster name of the shared warm worker. */
  workerCluster: string;
  log(line: string): void;
}

export interface BaselineRun {
  seconds: number;
  phase: string;
}

export async function openContext(knobs: Knobs): Promise<{ ctx: BenchContext; close(): Promise<void> }> {
  const cluster = connectTestCluster();
  const client = await connectTestClient();
  const kube = await connectDirectKube(cluster.kc);
  const workerCluster = `bench-${randomBytes(4).toString('hex')}`;
  const worker: WorkerProcess = startWorkerProcess(workerCluster);
  await worker.ready;
  const log = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
  return {
    ctx: { knobs, client, cluster, kube, workerCluster, log },
    async close() {
      await killWorker(worker);
      kube.close();
      await client.connection.close();
    },
  };
}

/** Runs `work` in a fresh namespace, deleted afterwards (in the background). */
export async function inNamespace<T>(ctx: BenchContext, prefix: string, work: (namespace: string) => Promise<T>): Promise<T> {
  const namespace = await createTestNamespace(ctx.cluster, prefix);
  try {
    return await work(namespace);
  } finally {
    await deleteTestNamespace(ctx.cluster, namespace).catch(() => undefined);
  }
}

/** One sync as hooksync on the shared worker (or on `cluster`'s). */
export function hooksyncIn(ctx: BenchContext, yaml: string, namespace: string, cluster = ctx.workerCluster): Promise<HooksyncRun> {
  return runHooksync(ctx.client, cluster, yaml, namespace, ctx.knobs.limitSeconds);
}

/** The same sync as B; planning is outside the timing on both sides. */
export async function baselineIn(ctx: BenchContext, yaml: string, namespace: string, onWrite?: (task: SyncTask, at: number) => void): Promise<BaselineRun> {
  const planned = await planYaml(yaml, namespace);
  const started = performance.now();
  const result = await directSync({
    kube: ctx.kube, plan: planned.plan, stamp: { app: namespace, syncId: planned.syncId, attempt: 0 }, concurrency: ctx.knobs.concurrency, limitSeconds: ctx.knobs.limitSeconds, onWrite,
  }).catch((err: Error) => ({ phase: `error: ${err.message}` }));
  return { seconds: (performance.now() - started) / 1000, phase: result.phase };
}

export interface PairSamples {
  hs: number[];
  b: number[];
  /** Runs that did not succeed, one line each. */
  failures: string[];
}

/** `rounds` interleaved rounds (hooksync, then B) of one manifest set; failed runs count as NaN. */
export async function runPairs(ctx: BenchContext, label: string, yaml: string, rounds: number): Promise<PairSamples> {
  const out: PairSamples = { hs: [], b: [], failures: [] };
  for (let round = 1; round <= rounds; round++) {
    const hs = await inNamespace(ctx, 'bench-hs', (ns) => hooksyncIn(ctx, yaml, ns));
    const b = await inNamespace(ctx, 'bench-b', (ns) => baselineIn(ctx, yaml, ns));
    out.hs.push(hs.phase === 'Succeeded' ? hs.seconds : NaN);
    out.b.push(b.phase === 'Succeeded' ? b.seconds : NaN);
    if (hs.phase !== 'Succeeded') out.failures.push(`hooksync ${hs.phase}`);
    if (b.phase !== 'Succeeded') out.failures.push(`B ${b.phase}`);
    ctx.log(`${label} round ${round}/${rounds}: hooksync ${fmt(hs.seconds)} (${hs.phase}), B ${fmt(b.seconds)} (${b.phase})`);
  }
  return out;
}

export const fmt = (seconds: number) => (Number.isFinite(seconds) ? `${seconds.toFixed(2)} s` : 'n/a');
