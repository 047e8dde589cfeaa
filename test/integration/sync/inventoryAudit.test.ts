// Proof by the API server's own record (issue 12): a sync without --prune sends no LIST of a kind
// outside its plan, and a --prune sync with a known inventory lists only the inventory's kinds.
// The shared cluster does not log reads, so this runs on a private cluster whose audit policy logs
// every LIST (test/fixtures/audit/), with the shared Temporal server and a worker of its own.
import { join } from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { startAuditedCluster, type AuditedCluster } from '../../support/auditedCluster';
import { repoRoot } from '../../support/paths';
import { runSync, startSyncHarness, type SyncHarness } from '../../support/syncHarness';

jest.setTimeout(240_000);
let audited: AuditedCluster;
let h: SyncHarness;
const namespace = 'audited';

beforeAll(async () => {
  audited = startAuditedCluster('audit', join(repoRoot, 'test', 'fixtures', 'audit', 'list-audit-policy.yaml'));
  await audited.kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: namespace } } });
  h = await startSyncHarness({ kc: audited.kc });
});
afterAll(async () => {
  await h?.stop();
  audited?.delete();
});

/** The resources hooksync's LISTs named since `from` (an index into the log), in order. */
function hooksyncLists(from: number): string[] {
  return audited.events().slice(from)
    .filter((e) => e.verb === 'list' && String(e.userAgent ?? '').startsWith('hooksync/'))
    .map((e) => (e.objectRef as { resource?: string } | undefined)?.resource ?? '');
}

const CONFIG_MAP = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: audited\ndata: {k: v}\n`;

test('LISTs: every kind for the first --prune sync, none outside the plan without --prune, only the inventory with it', async () => {
  const app = 'audited';
  let mark = audited.events().length;
  expect((await runSync(h, CONFIG_MAP, { app, namespace, prune: true })).report.phase).toBe('Succeeded');
  // Positive control: the policy logs the worker's LISTs, and with no inventory they cover every kind.
  expect(new Set(hooksyncLists(mark)).size).toBeGreaterThan(20);

  mark = audited.events().length;
  expect((await runSync(h, CONFIG_MAP, { app, namespace })).report.phase).toBe('Succeeded');
  expect(hooksyncLists(mark).filter((r) => r !== 'configmaps')).toEqual([]);

  mark = audited.events().length;
  expect((await runSync(h, CONFIG_MAP, { app, namespace, prune: true })).report.phase).toBe('Succeeded');
  const lists = hooksyncLists(mark);
  expect(lists).toContain('configmaps');
  expect(lists.filter((r) => r !== 'configmaps')).toEqual([]);
});
