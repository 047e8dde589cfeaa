// Every request of one KubeClient shares a keep-alive connection (activities/keepAliveAgent.ts),
// on the real API server. Connections are counted for the whole process from Node's diagnostics
// channel (test/support/connectionCounter.ts), not by the code under test; a control run through
// client-node's own API client shows that the counter does see one connection per request there,
// so a pass cannot come from a counter that sees nothing.
import { CoreV1Api } from '@kubernetes/client-node';
import { createKubeClient, type KubeClient } from '../../../activities/kubeClient';
import { MAX_SOCKETS } from '../../../activities/keepAliveAgent';
import { EVENTUALLY_TIMEOUT_MS } from '../../support/eventually';
import { countConnections, type ConnectionCounter } from '../../support/connectionCounter';
import { connectTestCluster, createTestNamespace, deleteTestNamespace, type TestCluster } from '../../support/testCluster';

const READS = 50;
const WATCH_LABEL = 'hooksync.io/keep-alive-test';
let cluster: TestCluster;
let ns: string;
let counter: ConnectionCounter;

beforeAll(async () => {
  cluster = connectTestCluster();
  ns = await createTestNamespace(cluster, 'keep-alive');
  await cluster.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'probe' }, data: { a: '1' } } });
  counter = countConnections(cluster.kc.getCurrentCluster()!.server);
});
afterAll(async () => {
  counter.stop();
  await deleteTestNamespace(cluster, ns);
});

const probe = () => ({ group: '', version: 'v1', kind: 'ConfigMap', namespace: ns, name: 'probe' });

async function sequentialReads(kube: KubeClient): Promise<void> {
  for (let i = 0; i < READS; i++) expect((await kube.read(probe()))?.data).toEqual({ a: '1' });
}

test('the counter sees a new connection for each request client-node sends on its own', async () => {
  const plain = cluster.kc.makeApiClient(CoreV1Api);
  counter.reset();
  for (let i = 0; i < 5; i++) await plain.readNamespacedConfigMap({ namespace: ns, name: 'probe' });
  expect(counter.read()).toEqual({ requests: 5, newConnections: 5 });
});

test(`${READS} sequential reads share one or two connections`, async () => {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
  process.on('warning', onWarning);
  try {
    counter.reset();
    await sequentialReads(createKubeClient(cluster.kc));
    const { requests, newConnections } = counter.read();
    // At least the reads themselves (client-node may first ask for the resource's plural name).
    expect(requests).toBeGreaterThanOrEqual(READS);
    // One, or two when the server happened to close the first one in between.
    expect(newConnections).toBeGreaterThanOrEqual(1);
    expect(newConnections).toBeLessThanOrEqual(2);
    // A listener added per request on a reused socket would show up here (MaxListenersExceeded).
    expect(warnings).toEqual([]);
  } finally {
    process.off('warning', onWarning);
  }
});

test('long-lived watches take none of the connections requests need, and keep working', async () => {
  const kube = createKubeClient(cluster.kc);
  const watch = kube.changeWatch();
  try {
    // More watches than the pool has sockets, one per namespace (watching a namespace that does
    // not exist is allowed and stays open); were they pooled, the reads below would queue forever.
    const watched = Array.from({ length: MAX_SOCKETS + 1 }, (_, i) => (i === 0 ? ns : `${ns}-absent-${i}`));
    const objects = watched.map((namespace) => ({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name: 'woken' }));
    await watch.cover(objects, `${WATCH_LABEL}=yes`);
    await watch.next(0, async () => {}); // forget any wake-up so far: the one below must be new
    counter.reset();
    await sequentialReads(kube);
    expect(counter.read().newConnections).toBeLessThanOrEqual(2);

    // The watch of the first namespace still delivers: creating the watched object wakes it.
    await cluster.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'woken', labels: { [WATCH_LABEL]: 'yes' } } } });
    let timer: NodeJS.Timeout | undefined;
    let quiet = false;
    const sleep = (ms: number) => new Promise<void>((resolve) => { timer = setTimeout(() => { quiet = true; resolve(); }, ms); });
    await watch.next(EVENTUALLY_TIMEOUT_MS, sleep);
    clearTimeout(timer);
    expect({ wokenByTheWatch: !quiet }).toEqual({ wokenByTheWatch: true });
  } finally {
    watch.stop();
  }
});
