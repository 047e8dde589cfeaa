// `Force=true` deletes an object and creates it again (activities/writeResource.ts). A worker
// SIGKILLed between the two must not leave the object deleted: the retried activity reads again,
// finds nothing, and creates it, once.
import type { Client } from '@temporalio/client';
import { auditedWrites } from '../../support/auditLog';
import { runWithFault } from '../../support/faultHarness';
import { connectTestClient } from '../../support/syncHarness';
import { connectTestCluster, createTestNamespace, deleteTestNamespace } from '../../support/testCluster';

const cluster = connectTestCluster();
let client: Client;
let ns: string;

beforeAll(async () => {
  client = await connectTestClient();
  ns = await createTestNamespace(cluster, 'options-force-crash');
});
afterAll(async () => {
  await client.connection.close();
  await deleteTestNamespace(cluster, ns);
});

const frozen = (value: string) => `
apiVersion: v1
kind: ConfigMap
metadata:
  name: frozen
  annotations: { argocd.argoproj.io/sync-options: "Force=true" }
immutable: true
data: { k: ${value} }
`;

test('a worker killed after the Force delete and before the create: the replacement creates the object once', async () => {
  const app = 'options-force-crash';
  expect((await runWithFault({ client, namespace: ns, app, yaml: frozen('v1') })).report.phase).toBe('Succeeded');
  const before = await cluster.core.readNamespacedConfigMap({ namespace: ns, name: 'frozen' });

  const run = await runWithFault({ client, namespace: ns, app, yaml: frozen('v2'), fault: 'crash-after-force-delete:frozen' });

  expect(run.fired).toBe(true);
  expect(run.struck).toContain('crash-after-force-delete:frozen');
  expect(run.report.phase).toBe('Succeeded');
  const after = await cluster.core.readNamespacedConfigMap({ namespace: ns, name: 'frozen' });
  expect(after.data).toEqual({ k: 'v2' });
  expect(after.metadata?.uid).not.toBe(before.metadata?.uid);
  const writes = auditedWrites(ns).filter((e) => e.name === 'frozen' && e.userAgent.startsWith('hooksync/') && e.code < 300);
  // First sync: the apply that created it. Second: the refused apply is no write; one delete, then
  // the retry finds nothing and applies (creates) it.
  expect(writes.map((e) => e.verb)).toEqual(['patch', 'delete', 'patch']);
});
