// Many requests of one KubeClient at once, on the real API server: more than the keep-alive pool
// has sockets. A Job's answer comes chunked, which is what node-fetch's check for a cut-off body
// looks at; a request queued inside the agent used to get the socket of the response that had just
// ended, and that response then failed with "Premature close" (activities/inFlightLimit.ts). The
// control sends the same reads through a bare keep-alive agent of the same size, as the KubeClient
// did before, and must see that failure, so a pass cannot come from reads that never overlap.
import { createConfiguration, KubernetesObjectApi, ServerConfiguration, type RequestContext, type ResponseContext } from '@kubernetes/client-node';
import { createKubeClient } from '../../../activities/kubeClient';
import { createKeepAliveAgent, MAX_SOCKETS } from '../../../activities/keepAliveAgent';
import { connectTestCluster, createTestNamespace, deleteTestNamespace, type TestCluster } from '../../support/testCluster';

const AT_ONCE = 4 * MAX_SOCKETS;
let cluster: TestCluster;
let ns: string;

beforeAll(async () => {
  cluster = connectTestCluster();
  ns = await createTestNamespace(cluster, 'rss-at-once');
  await cluster.batch.createNamespacedJob({
    namespace: ns,
    body: { metadata: { name: 'probe' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'registry.example/probe:1' }] } } } },
  });
});
afterAll(async () => {
  await deleteTestNamespace(cluster, ns);
});

const probe = () => ({ group: 'batch', version: 'v1', kind: 'Job', namespace: ns, name: 'probe' });

/** How the reads ended: 'ok', or the end of the error message. */
async function outcomes(read: () => Promise<unknown>): Promise<Record<string, number>> {
  const ends = await Promise.all(Array.from({ length: AT_ONCE }, () => read().then(() => 'ok', (err: Error) => err.message.replace(/^.*: /, ''))));
  const counts: Record<string, number> = {};
  for (const end of ends) counts[end] = (counts[end] ?? 0) + 1;
  return counts;
}

test(`control: ${AT_ONCE} reads at once through a bare keep-alive agent of ${MAX_SOCKETS} sockets fail past the first ones`, async () => {
  const pool = createKeepAliveAgent();
  const server = cluster.kc.getCurrentCluster()!.server;
  const configuration = createConfiguration({
    baseServer: new ServerConfiguration(server, {}),
    authMethods: { default: cluster.kc },
    promiseMiddleware: [{
      async pre(ctx: RequestContext) {
        const agent = pool.agentFor(ctx.getAgent());
        if (agent) ctx.setAgent(agent);
        return ctx;
      },
      post: async (res: ResponseContext) => res,
    }],
  });
  const api = new KubernetesObjectApi(configuration);
  const counts = await outcomes(() => api.read({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'probe', namespace: ns } }));
  expect(counts['Premature close']).toBeGreaterThan(0);
});

test(`${AT_ONCE} reads at once through one KubeClient all succeed`, async () => {
  const kube = createKubeClient(cluster.kc);
  expect(await outcomes(() => kube.read(probe()))).toEqual({ ok: AT_ONCE });
});
