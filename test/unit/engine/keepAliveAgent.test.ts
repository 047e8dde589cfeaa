// Which agent a KubeClient request goes out with (activities/keepAliveAgent.ts): the shared
// keep-alive one for as long as the kubeconfig's TLS material stays the same, a new one when it
// changes, and client-node's own for what the shared agent cannot carry (proxies, plain HTTP).
// No connection is opened here: agents only connect when a request is sent.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { createKeepAliveAgent, IDLE_SOCKET_MS, MAX_SOCKETS } from '../../../activities/keepAliveAgent';

const material = { ca: Buffer.from('ca-1'), cert: Buffer.from('cert-1'), key: Buffer.from('key-1') };
// client-node builds a new agent per request from freshly read files: equal bytes, new Buffers.
const perRequest = (overrides: Record<string, unknown> = {}) =>
  new HttpsAgent({ ca: Buffer.from(material.ca), cert: Buffer.from(material.cert), key: Buffer.from(material.key), ...overrides });

test('requests with the same TLS material share one keep-alive agent with a bounded pool', () => {
  const pool = createKeepAliveAgent();
  const first = pool.agentFor(perRequest()) as HttpsAgent;
  expect(pool.agentFor(perRequest())).toBe(first);
  expect(first.options).toMatchObject({ ...material, keepAlive: true, timeout: IDLE_SOCKET_MS });
  expect(first.maxSockets).toBe(MAX_SOCKETS);
});

test.each([
  ['a rotated client certificate', { cert: Buffer.from('cert-2') }],
  ['a rotated CA', { ca: Buffer.from('ca-2') }],
  ['verification turned off (insecure-skip-tls-verify)', { rejectUnauthorized: false }],
  ['a TLS server name', { servername: 'kubernetes.default' }],
])('%s gets a new agent carrying it', (_name, change) => {
  const pool = createKeepAliveAgent();
  const before = pool.agentFor(perRequest());
  const after = pool.agentFor(perRequest(change)) as HttpsAgent;
  expect(after).not.toBe(before);
  expect(after.options).toMatchObject(change);
});

test('verification is left to Node (NODE_TLS_REJECT_UNAUTHORIZED) unless the kubeconfig sets it', () => {
  const agent = createKeepAliveAgent().agentFor(perRequest()) as HttpsAgent;
  expect('rejectUnauthorized' in agent.options).toBe(false);
});

test("what is not a plain https.Agent (a proxy's, plain HTTP) is sent with client-node's own agent", () => {
  class ProxyAgent extends HttpsAgent {}
  const pool = createKeepAliveAgent();
  for (const own of [new ProxyAgent(), new HttpAgent(), undefined]) expect(pool.agentFor(own)).toBe(own);
});
