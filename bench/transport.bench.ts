// Benchmark: 200 server-side dry-run applies of ConfigMaps at 16 in flight, sent three ways: over
// plain HTTPS with one keep-alive agent (what baseline B sends with), through hooksync's requester
// (activities/kubeRequest.ts) and through the KubeClient around it (discovery, the in-flight
// limit, Retry-After). Rounds interleaved, the order reversed every other round. Prints the median
// and minimum wall time per 200 and the process's CPU per 200: the CPU is what hooksync's own code
// adds per request, the wall time mostly the API server's. Not part of the test command; run it with
//   HOOKSYNC_BENCH=1 npx jest --selectProjects bench bench/transport.bench.ts
import { createKubeClient } from '../activities/kubeClient';
import { createKeepAliveAgent } from '../activities/keepAliveAgent';
import { createKubeRequester } from '../activities/kubeRequest';
import { boundedParallel } from '../activities/boundedParallel';
import { connectDirectKube } from './baseline/directKube';
import { connectTestCluster, createTestNamespace, deleteTestNamespace } from '../test/support/testCluster';

jest.setTimeout(30 * 60_000);
const ROUNDS = Number(process.env.HOOKSYNC_BENCH_ROUNDS ?? 40);
const COUNT = 200;
const IN_FLIGHT = 16;
const cluster = connectTestCluster();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test(`${COUNT} dry-run applies: plain HTTPS, hooksync's requester, the KubeClient`, async () => {
  const namespace = await createTestNamespace(cluster, 'bench-transport');
  const plain = await connectDirectKube(cluster.kc);
  try {
    const requester = createKubeRequester(cluster.kc, createKeepAliveAgent(), { userAgent: 'hooksync-bench', timeoutMs: 10_000 });
    const kube = createKubeClient(cluster.kc);
    const configMaps = Array.from({ length: COUNT }, (_, i) => ({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace, labels: { app: 'bench' } }, data: { key: `value-${i}`.repeat(10) },
    }));
    const path = `/api/v1/namespaces/${namespace}/configmaps`;
    const query = { fieldManager: 'hooksync', force: true, fieldValidation: 'Strict', dryRun: 'All' };
    const queryText = 'fieldManager=hooksync&force=true&fieldValidation=Strict&dryRun=All';
    type Cm = (typeof configMaps)[number];
    const each = (send: (cm: Cm) => Promise<unknown>) => () => boundedParallel(configMaps, IN_FLIGHT, send);
    const ways: Record<string, () => Promise<unknown>> = {
      'plain HTTPS': each((cm) => plain.send('PATCH', `${path}/${cm.metadata.name}?${queryText}`, cm, 'application/apply-patch+yaml')),
      requester: each((cm) => requester('PATCH', { path: `${path}/${cm.metadata.name}`, query, body: cm, contentType: 'application/apply-patch+yaml' })),
      KubeClient: each((cm) => kube.apply(cm, { dryRun: true, fieldValidation: 'Strict' })),
    };
    const wall: Record<string, number[]> = {};
    const cpu: Record<string, number[]> = {};
    // One untimed round each: connections open, discovery done.
    for (const [name, run] of Object.entries(ways)) {
      await run();
      wall[name] = [];
      cpu[name] = [];
    }
    for (let round = 0; round < ROUNDS; round++) {
      const names = Object.keys(ways);
      if (round % 2 === 1) names.reverse();
      for (const name of names) {
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        await ways[name]();
        wall[name].push(performance.now() - t0);
        const used = process.cpuUsage(cpu0);
        cpu[name].push((used.user + used.system) / 1000);
      }
    }
    const lines = Object.keys(ways).map((name) => `  ${name.padEnd(12)} wall median ${median(wall[name]).toFixed(0)} ms (min ${Math.min(...wall[name]).toFixed(0)}), CPU median ${median(cpu[name]).toFixed(1)} ms`);
    console.log(`${COUNT} dry-run applies at ${IN_FLIGHT} in flight, ${ROUNDS} rounds:\n${lines.join('\n')}`);
    expect(wall.requester).toHaveLength(ROUNDS);
  } finally {
    plain.close();
    await deleteTestNamespace(cluster, namespace);
  }
});
