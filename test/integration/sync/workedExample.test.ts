// Spec §3.8's worked example, synced for real: it succeeds, objects are written in plan order
// (read back from the apiserver's audit log), and hooks are deleted by their own policies.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hooksyncWrites } from '../../support/auditLog';
import { repoRoot } from '../../support/paths';
import { rowOf, runSync } from '../../support/syncHarness';
import { useSyncHarness } from './syncTestKit';

const workedExample = readFileSync(join(repoRoot, 'test/fixtures/plans/worked-example/app.yaml'), 'utf8');
const kit = useSyncHarness();
let ns: string;

beforeAll(async () => {
  ns = await kit.namespace('worked-example');
});

test('§3.8 worked example: succeeds, in plan order, hooks deleted by policy', async () => {
  const { report } = await runSync(kit.h, workedExample, { app: 'worked-example', namespace: ns });
  expect(report.phase).toBe('Succeeded');
  expect(report.message).toBe('successfully synced (all tasks run)');

  expect(rowOf(report, 'Job', 'migrate')).toMatchObject({ syncPhase: 'PreSync', hookType: 'PreSync', hookPhase: 'Succeeded', status: 'Synced' });
  // A Secret has no health check: no health, and the apply message stays.
  expect(rowOf(report, 'Secret', 'db')).toMatchObject({ syncPhase: 'Sync', wave: -1, status: 'Synced', message: 'secret/db created' });
  expect(rowOf(report, 'Secret', 'db').health).toBeUndefined();
  expect(rowOf(report, 'Deployment', 'api')).toMatchObject({ wave: 0, status: 'Synced', health: 'Healthy' });
  const smoke = report.resources.find((r) => r.kind === 'Job' && r.syncPhase === 'PostSync');
  expect(smoke).toMatchObject({ hookType: 'PostSync', hookPhase: 'Succeeded' });
  // The SyncFail hook never ran, so it is not in the result (as in Argo CD).
  expect(report.resources.some((r) => r.syncPhase === 'SyncFail')).toBe(false);

  // First write of each object, in the order the API server received them.
  const firstWrite = new Map<string, number>();
  hooksyncWrites(ns).forEach((e, i) => { if (!firstWrite.has(`${e.resource}/${e.name}`)) firstWrite.set(`${e.resource}/${e.name}`, i); });
  const order = (key: string) => {
    const at = firstWrite.get(key);
    if (at === undefined) throw new Error(`${key} was never written; writes: ${[...firstWrite.keys()].join(', ')}`);
    return at;
  };
  expect(order('jobs/migrate')).toBeLessThan(order('secrets/db'));
  expect(order('secrets/db')).toBeLessThan(order('services/api'));
  expect(order('services/api')).toBeLessThan(order('deployments/api'));
  expect(order('deployments/api')).toBeLessThan(order(`jobs/${smoke!.name}`));
  expect(firstWrite.has('jobs/notify-fail')).toBe(false);

  // HookSucceeded: migrate is gone. BeforeHookCreation: the smoke Job stays for the next sync.
  const jobs = (await kit.h.cluster.batch.listNamespacedJob({ namespace: ns })).items.map((j) => j.metadata?.name);
  expect(jobs).toEqual([smoke!.name]);
  const kept = await kit.h.cluster.batch.readNamespacedJob({ namespace: ns, name: smoke!.name });
  expect(kept.metadata?.finalizers ?? []).not.toContain('hooksync.io/hook-finalizer');
});
