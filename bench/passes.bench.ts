// Benchmark: S3's two passes over 200 ConfigMaps (the dry run and the apply) as hooksync's
// activity code runs them, in this process inside Temporal's (mock) activity context, against
// B doing the same sync, rounds interleaved, each in a fresh namespace. It tells the cost of
// hooksync's own code per pass apart from what the worker process around it adds (compare with the
// activities' times in S3's histories). Not part of the test command; run it with
//   HOOKSYNC_BENCH=1 npx jest --selectProjects bench bench/passes.bench.ts
import { MockActivityEnvironment } from '@temporalio/testing';
import { applyGroup } from '../activities/applyGroup';
import { dryRunTasks } from '../activities/dryRunTasks';
import { createKubeClient, type KubeClient } from '../activities/kubeClient';
import { dryRunScope } from '../sync/dryRunScope';
import { planTasks } from '../sync/types';
import { connectDirectKube } from './baseline/directKube';
import { directSync } from './baseline/directSync';
import { wideWave } from './support/manifests';
import { planYaml } from '../test/support/syncHarness';
import { connectTestCluster, createTestNamespace, deleteTestNamespace } from '../test/support/testCluster';

jest.setTimeout(30 * 60_000);
const ROUNDS = Number(process.env.HOOKSYNC_BENCH_ROUNDS ?? 10);
const COUNT = Number(process.env.HOOKSYNC_BENCH_COUNT ?? 200);
const cluster = connectTestCluster();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function passes(kube: KubeClient, namespace: string): Promise<{ dry: number; apply: number }> {
  const planned = await planYaml(wideWave(COUNT), namespace);
  const tasks = planTasks(planned.plan);
  const stamp = { app: namespace, syncId: planned.syncId, attempt: 0 };
  const env = new MockActivityEnvironment();
  const run = <T>(work: () => Promise<T>) => env.run<[], T, () => Promise<T>>(work);
  const t0 = performance.now();
  const outcome = await run(() => dryRunTasks(kube, dryRunScope(tasks), stamp));
  const t1 = performance.now();
  const updates = await run(() => applyGroup(kube, tasks, stamp, { finishDone: true }));
  const t2 = performance.now();
  if (outcome.refused.length > 0 || updates.some((u) => u.state !== 'Succeeded')) throw new Error('a pass did not succeed');
  return { dry: t1 - t0, apply: t2 - t1 };
}

test(`two passes over ${COUNT} ConfigMaps: hooksync's activity code against B`, async () => {
  const kube = await connectDirectKube(cluster.kc);
  // One client for every round, as a worker has: connections open and discovery done once.
  const client = createKubeClient(cluster.kc);
  const samples = { hs: [] as number[][], b: [] as number[] };
  const inNamespace = async <T>(work: (ns: string) => Promise<T>) => {
    const ns = await createTestNamespace(cluster, 'bench-pass');
    try {
      return await work(ns);
    } finally {
      await deleteTestNamespace(cluster, ns).catch(() => undefined);
    }
  };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const p = await inNamespace((ns) => passes(client, ns));
      samples.hs.push([p.dry, p.apply]);
      samples.b.push(await inNamespace(async (ns) => {
        const planned = await planYaml(wideWave(COUNT), ns);
        const t0 = performance.now();
        await directSync({ kube, plan: planned.plan, stamp: { app: ns, syncId: planned.syncId, attempt: 0 }, concurrency: 16, limitSeconds: 60 });
        return performance.now() - t0;
      }));
    }
  } finally {
    kube.close();
  }
  const show = (xs: number[][]) => `dry run ${median(xs.map((x) => x[0])).toFixed(0)} ms, apply ${median(xs.map((x) => x[1])).toFixed(0)} ms, both ${median(xs.map((x) => x[0] + x[1])).toFixed(0)} ms`;
  console.log(`medians over ${ROUNDS} rounds, ${COUNT} ConfigMaps:\n  hooksync's activities: ${show(samples.hs)}\n  B, whole sync:         ${median(samples.b).toFixed(0)} ms`);
  expect(samples.b.length).toBe(ROUNDS);
});
