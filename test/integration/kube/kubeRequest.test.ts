// The KubeClient's own transport (activities/kubeRequest.ts) on the real API server: a LIST big
// enough for the server to compress arrives gzipped and is read whole, and refusals keep the shape
// the rest of the activities read (status code, the server's Status). What the server sent is
// read from Node's diagnostics channel, not from the code under test.
import diagnostics from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { createKubeClient, type KubeClient } from '../../../activities/kubeClient';
import { connectTestCluster, createTestNamespace, deleteTestNamespace, type TestCluster } from '../../support/testCluster';

const CONFIG_MAPS = 40;
/** 40 × 5,000 characters: well over the 128 KiB from which the API server compresses an answer. */
const VALUE = 'x'.repeat(5_000);
let cluster: TestCluster;
let kube: KubeClient;
let ns: string;

beforeAll(async () => {
  cluster = connectTestCluster();
  kube = createKubeClient(cluster.kc);
  ns = await createTestNamespace(cluster, 'kube-request');
  await Promise.all(Array.from({ length: CONFIG_MAPS }, (_, i) =>
    cluster.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: `big-${i}` }, data: { value: VALUE } } })));
});
afterAll(() => deleteTestNamespace(cluster, ns));

/** The content encodings of the answers to requests whose path contains `fragment`, while `work` runs. */
async function encodingsDuring(fragment: string, work: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const onFinish = (message: unknown) => {
    const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
    if (request.path.includes(fragment)) seen.push(String(response.headers['content-encoding'] ?? 'identity'));
  };
  diagnostics.subscribe('http.client.response.finish', onFinish);
  try {
    await work();
  } finally {
    diagnostics.unsubscribe('http.client.response.finish', onFinish);
  }
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
  expect(big.every((item) => (item as { data?: { value?: string } }).data?.value === VALUE)).toBe(true);
  expect(big[0]).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap' });
});

test("a refusal carries the HTTP status and the server's Status; a missing object reads as absent", async () => {
  const bad = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bad', namespace: ns }, dataa: { a: '1' } };
  const refusal = await kube.create(bad).then(() => undefined, (err: unknown) => err as { code?: unknown; body?: { message?: string } });
  expect(refusal?.code).toBe(400);
  expect(refusal?.body?.message).toContain('dataa');
  await expect(kube.read({ group: '', version: 'v1', kind: 'ConfigMap', namespace: ns, name: 'absent' })).resolves.toBeUndefined();
});
