// A KubeClient request whose kept credentials the API server no longer accepts (activities/
// credentialSnapshot.ts keeps client-node's credential step for a second): the answer 401 makes
// the requester take the step afresh and send the request once more, so a token that expired or
// was revoked within that second costs one round trip instead of failing a task. The token comes
// from an exec plugin reading a file, as EKS's and GKE's do from their CLIs; it is a real bound
// ServiceAccount token, revoked by deleting the Secret it is bound to.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { createKeepAliveAgent } from '../../../activities/keepAliveAgent';
import { createKubeRequester } from '../../../activities/kubeRequest';
import { eventually } from '../../support/eventually';
import { connectTestCluster, createTestNamespace, deleteTestNamespace, type TestCluster } from '../../support/testCluster';

let cluster: TestCluster;
let ns: string;
beforeAll(async () => {
  cluster = connectTestCluster();
  ns = await createTestNamespace(cluster, 'cred-renewal');
  await cluster.core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'reader' } } });
});
afterAll(() => deleteTestNamespace(cluster, ns));

/** A token of ServiceAccount `reader` that holds only while Secret `anchor` exists. */
async function boundToken(anchor: string): Promise<string> {
  await cluster.core.createNamespacedSecret({ namespace: ns, body: { metadata: { name: anchor } } });
  const request = await cluster.core.createNamespacedServiceAccountToken({
    namespace: ns, name: 'reader', body: { spec: { audiences: [], expirationSeconds: 3600, boundObjectRef: { apiVersion: 'v1', kind: 'Secret', name: anchor } } },
  });
  return request.status!.token;
}

/** A kubeconfig for the test cluster with `user` as its credentials. */
function kubeConfigAs(user: Record<string, unknown>): KubeConfig {
  const admin = cluster.kc.getCurrentCluster()!;
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'kwok', server: admin.server, caData: admin.caData, caFile: admin.caFile, skipTLSVerify: false }],
    users: [{ name: 'reader', ...user }],
    contexts: [{ name: 'reader', cluster: 'kwok', user: 'reader', namespace: ns }],
    currentContext: 'reader',
  });
  return kc;
}

/** An exec plugin that prints the token in `tokenFile`, naming no expiry (client-node runs it at every step). */
function execUser(tokenFile: string): Record<string, unknown> {
  const script = join(dirname(tokenFile), 'credential.sh');
  writeFileSync(script, `#!/bin/sh\nprintf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}' "$(cat '${tokenFile}')"\n`);
  chmodSync(script, 0o700);
  return { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: script, interactiveMode: 'Never' } };
}

const requesterFor = (kc: KubeConfig, credentialReuseMs?: number) =>
  createKubeRequester(kc, createKeepAliveAgent(), { userAgent: 'hooksync-test', timeoutMs: 10_000, ...(credentialReuseMs === undefined ? {} : { credentialReuseMs }) });
const codeOf = (call: Promise<unknown>) => call.then(() => 200, (err: { code?: number }) => err.code);

test('a kept token the server refuses (401) is replaced by a fresh credential step, and the request goes through', async () => {
  const tokenFile = join(mkdtempSync(join(tmpdir(), 'hooksync-exec-')), 'token');
  const first = await boundToken('anchor-1');
  writeFileSync(tokenFile, first);
  // Kept for ten minutes: only the answer 401 can make this requester take the step again.
  const requester = requesterFor(kubeConfigAs(execUser(tokenFile)), 600_000);
  const configMaps = { path: `/api/v1/namespaces/${ns}/configmaps` };
  // Authenticated as the ServiceAccount, which may not list ConfigMaps: 403, not 401.
  expect(await codeOf(requester('GET', configMaps))).toBe(403);

  writeFileSync(tokenFile, await boundToken('anchor-2'));
  await cluster.core.deleteNamespacedSecret({ namespace: ns, name: 'anchor-1' });
  // The server may accept the first token a little longer (it caches what it validated): wait
  // until it refuses it to a requester that holds nothing else.
  const firstOnly = requesterFor(kubeConfigAs({ token: first }));
  await eventually(async () => expect(await codeOf(firstOnly('GET', configMaps))).toBe(401));

  expect(await codeOf(requester('GET', configMaps))).toBe(403);
});
