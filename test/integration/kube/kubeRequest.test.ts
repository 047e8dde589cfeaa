// The KubeClient's own transport (activities/kubeRequest.ts) on the real API server: a LIST big
// enough for the server to compress arrives gzipped and is read whole, a connection cut in the
// middle of that answer fails the request instead of leaving it waiting, and refusals keep the
// shape the rest of the activities read (status code, the server's Status); an answer that stalls
// mid-body ends at the request's timeout. What the server sent is read from Node's diagnostics
// channel, not from the code under test; the cut and the stall are made by a byte-forwarding TCP
// proxy in front of the real server.
import { randomBytes } from 'node:crypto';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { createKubeClient, type KubeClient } from '../../../activities/kubeClient';
import { createKeepAliveAgent } from '../../../activities/keepAliveAgent';
import { createKubeRequester } from '../../../activities/kubeRequest';
import { whileWatchingResponses } from '../../support/httpResponses';
import { connectTestCluster, createTestNamespace, deleteTestNamespace, type TestCluster } from '../../support/testCluster';

const CONFIG_MAPS = 40;
/**
 * 40 × 5,000 characters: well over the 128 KiB from which the API server compresses an answer, and
 * random, each its own, so that the compressed answer stays big enough to be cut in its middle.
 */
const VALUES = Array.from({ length: CONFIG_MAPS }, () => randomBytes(3_750).toString('base64'));
let cluster: TestCluster;
let kube: KubeClient;
let ns: string;

beforeAll(async () => {
  cluster = connectTestCluster();
  kube = createKubeClient(cluster.kc);
  ns = await createTestNamespace(cluster, 'kube-request');
  await Promise.all(Array.from({ length: CONFIG_MAPS }, (_, i) =>
    cluster.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: `big-${i}` }, data: { value: VALUES[i] } } })));
});
afterAll(() => deleteTestNamespace(cluster, ns));

/** The content encodings of the answers to requests whose path contains `fragment`, while `work` runs. */
async function encodingsDuring(fragment: string, work: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  await whileWatchingResponses((request, response) => {
    if (request.path.includes(fragment)) seen.push(String(response.headers['content-encoding'] ?? 'identity'));
  }, work);
  return seen;
}

test('a LIST the server answers gzipped is read whole', async () => {
  let items: Awaited<ReturnType<KubeClient['list']>> = [];
  const encodings = await encodingsDuring(`/namespaces/${ns}/configmaps`, async () => {
    items = await kube.list('v1', 'ConfigMap', ns, '');
  });
  expect(encodings).toEqual(['gzip']);
  const big = items.filter((item) => item.metadata.name?.startsWith('big-'));
  expect(big).toHaveLength(CONFIG_MAPS);
  expect(big.every((item) => (item as { data?: { value?: string } }).data?.value === VALUES[Number(item.metadata.name?.slice('big-'.length))])).toBe(true);
  expect(big[0]).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap' });
});

test("a refusal carries the HTTP status and the server's Status; a missing object reads as absent", async () => {
  const bad = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bad', namespace: ns }, dataa: { a: '1' } };
  const refusal = await kube.create(bad).then(() => undefined, (err: unknown) => err as { code?: unknown; body?: { message?: string } });
  expect(refusal?.code).toBe(400);
  expect(refusal?.body?.message).toContain('dataa');
  await expect(kube.read({ group: '', version: 'v1', kind: 'ConfigMap', namespace: ns, name: 'absent' })).resolves.toBeUndefined();
});

/**
 * Forwards TCP to `target`; once armed, cuts the next connection that has sent `cutAfter` bytes
 * back, or with `stall` keeps it open and forwards nothing more on it.
 */
function cuttingProxy(target: URL, cutAfter: number, { stall = false } = {}): Promise<{ server: Server; url: string; arm(): void; cuts(): number }> {
  let armed = false;
  let cuts = 0;
  const server = createServer((client: Socket) => {
    const upstream = connect(Number(target.port), target.hostname);
    let sent = 0;
    let stalled = false;
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      if (armed) sent += chunk.length;
      if (armed && sent > cutAfter) {
        armed = false;
        cuts++;
        stalled = stall;
        if (!stall) {
          client.destroy();
          upstream.destroy();
        }
        return;
      }
      if (!stalled) client.write(chunk);
    });
    const close = () => { client.destroy(); upstream.destroy(); };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('end', () => client.end());
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    resolve({ server, url: `https://127.0.0.1:${port}`, arm: () => { armed = true; }, cuts: () => cuts });
  }));
}

/** The test cluster's kubeconfig with its server replaced by `url`. */
function pointedAt(url: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(cluster.kc.exportConfig());
  kc.clusters = kc.clusters.map((c) => (c.name === kc.getCurrentCluster()!.name ? { ...c, server: url } : c));
  return kc;
}

test('a connection cut in the middle of a gzipped answer fails the request; it does not wait', async () => {
  const target = new URL(cluster.kc.getCurrentCluster()!.server);
  // Past the answer's headers, well inside its compressed body (over 100 kB of random data).
  const proxy = await cuttingProxy(target, 20_000);
  try {
    const throughProxy = createKubeClient(pointedAt(proxy.url));
    // Discovery and the TLS handshake first, so that the cut falls in the LIST's answer.
    await throughProxy.read({ group: '', version: 'v1', kind: 'ConfigMap', namespace: ns, name: 'big-0' });
    proxy.arm();
    const failure = await throughProxy.list('v1', 'ConfigMap', ns, '').then(() => undefined, (err: unknown) => err as Error & { code?: unknown });
    expect(proxy.cuts()).toBe(1);
    // The connection's own error, not the 10 s request timeout.
    expect(failure).toBeDefined();
    expect(failure?.name).not.toBe('TimeoutError');
  } finally {
    proxy.server.close();
  }
});

test('an answer that stops in the middle of its body fails the request at its timeout, as a TimeoutError', async () => {
  const target = new URL(cluster.kc.getCurrentCluster()!.server);
  const proxy = await cuttingProxy(target, 20_000, { stall: true });
  try {
    const requester = createKubeRequester(pointedAt(proxy.url), createKeepAliveAgent(), { userAgent: 'hooksync-test', timeoutMs: 1_000 });
    const path = `/api/v1/namespaces/${ns}/configmaps`;
    // The TLS handshake first, so that the stall falls in the LIST's body, past its headers.
    await requester('GET', { path: `${path}/big-0` });
    proxy.arm();
    const failure = await requester('GET', { path, query: { limit: 500 } }).then(() => undefined, (err: unknown) => err as Error);
    expect(proxy.cuts()).toBe(1);
    expect([failure?.name, failure?.message]).toEqual(['TimeoutError', 'The operation was aborted due to timeout']);
  } finally {
    proxy.server.close();
  }
});
