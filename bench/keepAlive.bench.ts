// Benchmark: 100 sequential GETs of one ConfigMap, through the activities' KubeClient and through
// client-node's own API client (a new TLS connection per request), rounds interleaved so that the
// machine's load weighs on both alike. Prints the median milliseconds per 100 GETs and the
// connections each opened. Not part of the test command; run it with
//   HOOKSYNC_BENCH=1 npx jest --selectProjects bench bench/keepAlive.bench.ts
import { CoreV1Api } from '@kubernetes/client-node';
import { createKubeClient } from '../activities/kubeClient';
import { countConnections, type ConnectionCount } from '../test/support/connectionCounter';
import { connectTestCluster, createTestNamespace, deleteTestNamespace } from '../test/support/testCluster';

jest.setTimeout(30 * 60_000);
const ROUNDS = Number(process.env.HOOKSYNC_BENCH_ROUNDS ?? 5);
const GETS = 100;
const cluster = connectTestCluster();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Round extends ConnectionCount {
  ms: number;
}

test('100 GETs: KubeClient against client-node per request', async () => {
  const namespace = await createTestNamespace(cluster, 'bench-conn');
  const counter = countConnections(cluster.kc.getCurrentCluster()!.server);
  try {
    await cluster.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'probe' }, data: { a: '1' } } });
    const kube = createKubeClient(cluster.kc);
    const plain = cluster.kc.makeApiClient(CoreV1Api);
    const ref = { group: '', version: 'v1', kind: 'ConfigMap', namespace, name: 'probe' };
    const ways: Record<string, () => Promise<unknown>> = {
      kubeClient: () => kube.read(ref),
      clientNode: () => plain.readNamespacedConfigMap({ namespace, name: 'probe' }),
    };
    const rounds: Record<string, Round[]> = { kubeClient: [], clientNode: [] };
    for (let r = 0; r < ROUNDS; r++) {
      for (const [name, get] of Object.entries(ways)) rounds[name].push(await timed(counter, get));
    }
    for (const [name, list] of Object.entries(rounds)) {
      const ms = list.map((x) => x.ms);
      console.log(`${name}: ${GETS} GETs median ${median(ms).toFixed(0)} ms (min ${Math.min(...ms).toFixed(0)}), ` +
        `connections per round ${list.map((x) => x.newConnections).join(' ')}, requests ${list.map((x) => x.requests).join(' ')}`);
    }
  } finally {
    counter.stop();
    await deleteTestNamespace(cluster, namespace);
  }
});

async function timed(counter: ReturnType<typeof countConnections>, get: () => Promise<unknown>): Promise<Round> {
  counter.reset();
  const start = performance.now();
  for (let i = 0; i < GETS; i++) await get();
  const ms = performance.now() - start;
  return { ms, ...counter.read() };
}
