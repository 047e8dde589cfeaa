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
import { eventually, EVENTUALLY_TIMEOUT_MS } from '../../test/support/eventually';
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

/**
 * Runs `work` in a fresh namespace, deleted afterwards. The next run starts once it is gone: the
 * namespace controller's deletion of hundreds of objects would otherwise run beside that run and
 * slow it, by as much as the difference the bench measures (S3 200 came out 1.07-1.88x right
 * after a run of 1,000, 1.11-1.71x without).
 */
export async function inNamespace<T>(ctx: BenchContext, prefix: string, work: (namespace: string) => Promise<T>): Promise<T> {
  const namespace = await createTestNamespace(ctx.cluster, prefix);
  try {
    return await work(namespace);
  } finally {
    await deleteTestNamespace(ctx.cluster, namespace).catch(() => undefined);
    await namespaceGone(ctx, namespace);
  }
}

/** Until reading the namespace answers 404; a deletion that hangs is logged, and the bench goes on. */
async function namespaceGone(ctx: BenchContext, namespace: string): Promise<void> {
  try {
    await eventually(async () => {
      const found = await ctx.cluster.core.readNamespace({ name: namespace }).then(() => true, (err: { code?: number }) => err.code !== 404);
      if (found) throw new Error(`namespace ${namespace} is still there`);
    }, { intervalMs: 200 });
  } catch (err) {
    ctx.log(`${(err as Error).message} after ${EVENTUALLY_TIMEOUT_MS / 1000} s; going on`);
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

/**
 * `rounds` interleaved rounds of one manifest set, the sides taking turns at going first (hooksync
 * first in odd rounds, B in even ones), so that neither always runs on what the other left behind
 * (connections, caches, the API server's work). Failed runs count as NaN.
 */
export async function runPairs(ctx: BenchContext, label: string, yaml: string, rounds: number): Promise<PairSamples> {
  const out: PairSamples = { hs: [], b: [], failures: [] };
  for (let round = 1; round <= rounds; round++) {
    const runHs = () => inNamespace(ctx, 'bench-hs', (ns) => hooksyncIn(ctx, yaml, ns));
    const runB = () => inNamespace(ctx, 'bench-b', (ns) => baselineIn(ctx, yaml, ns));
    const hsFirst = round % 2 === 1;
    const first = await (hsFirst ? runHs() : runB());
    const second = await (hsFirst ? runB() : runHs());
    const [hs, b] = hsFirst ? [first, second] : [second, first];
    out.hs.push(hs.phase === 'Succeeded' ? hs.seconds : NaN);
    out.b.push(b.phase === 'Succeeded' ? b.seconds : NaN);
    if (hs.phase !== 'Succeeded') out.failures.push(`hooksync ${hs.phase}`);
    if (b.phase !== 'Succeeded') out.failures.push(`B ${b.phase}`);
    ctx.log(`${label} round ${round}/${rounds}: hooksync ${fmt(hs.seconds)} (${hs.phase}), B ${fmt(b.seconds)} (${b.phase})`);
  }
  return out;
}

export const fmt = (seconds: number) => (Number.isFinite(seconds) ? `${seconds.toFixed(2)} s` : 'n/a');
