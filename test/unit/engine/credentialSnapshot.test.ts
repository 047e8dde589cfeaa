// How often a KubeClient request takes client-node's credential step (activities/credentialSnapshot.ts):
// once per second, not per request, yet a rotated client certificate or token is picked up once
// that second is over, and a step that failed is taken again by the next request. Real
// KubeConfig objects over files in a temporary directory; no server is involved.
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Agent as HttpsAgent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { credentialSource, REUSE_MS } from '../../../activities/credentialSnapshot';

const SERVER = 'https://127.0.0.1:6443';

/** A kubeconfig whose client certificate is a file this test can rotate. */
function kubeconfigWithFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'hooksync-creds-'));
  const certFile = join(dir, 'client.crt');
  writeFileSync(certFile, 'cert-1');
  writeFileSync(join(dir, 'client.key'), 'key-1');
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: SERVER, skipTLSVerify: false }],
    users: [{ name: 'u', certFile, keyFile: join(dir, 'client.key') }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return { kc, certFile };
}

const certOf = (agent: unknown) => String((agent as HttpsAgent).options.cert);

test('within a second every request reuses one credential step; after it, a rotated certificate is read', async () => {
  const { kc, certFile } = kubeconfigWithFiles();
  let clock = 0;
  const credentials = credentialSource(kc, SERVER, { now: () => clock });
  const first = await credentials();
  expect(certOf(first.agent)).toBe('cert-1');

  writeFileSync(certFile, 'cert-2');
  clock = REUSE_MS - 1;
  expect(await credentials()).toBe(first);
  clock = REUSE_MS;
  expect(certOf((await credentials()).agent)).toBe('cert-2');
});

test('requests that start together share one step', async () => {
  const { kc } = kubeconfigWithFiles();
  const step = jest.spyOn(kc, 'applySecurityAuthentication');
  const credentials = credentialSource(kc, SERVER, { now: () => 0 });
  const all = await Promise.all(Array.from({ length: 16 }, () => credentials()));
  expect(new Set(all).size).toBe(1);
  expect(step).toHaveBeenCalledTimes(1);
});

test('a failed step is not kept: the next request takes it again', async () => {
  const { kc } = kubeconfigWithFiles();
  jest.spyOn(kc, 'applySecurityAuthentication').mockRejectedValueOnce(new Error('exec plugin failed'));
  const credentials = credentialSource(kc, SERVER, { now: () => 0 });
  await expect(credentials()).rejects.toThrow('exec plugin failed');
  expect(certOf((await credentials()).agent)).toBe('cert-1');
});

test("the headers carry the user's bearer token", async () => {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: SERVER, skipTLSVerify: false }],
    users: [{ name: 'u', token: 'token-abc' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  const credentials = credentialSource(kc, SERVER, { now: () => 0 });
  const { headers } = await credentials();
  expect(headers.Authorization).toBe('Bearer token-abc');
});

test('forgetting refused credentials makes the next call take the step again, once for many refusals', async () => {
  const { kc, certFile } = kubeconfigWithFiles();
  const step = jest.spyOn(kc, 'applySecurityAuthentication');
  const credentials = credentialSource(kc, SERVER, { now: () => 0 });
  const refused = await credentials();
  writeFileSync(certFile, 'cert-2');
  credentials.forget(refused);
  const renewed = await credentials();
  expect(certOf(renewed.agent)).toBe('cert-2');
  // Another request refused with the old ones comes too late to drop the new ones.
  credentials.forget(refused);
  expect(await credentials()).toBe(renewed);
  expect(step).toHaveBeenCalledTimes(2);
});
