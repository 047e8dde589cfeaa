// A running hook's object between creation and the moment its outcome is recorded (spec §2.5
// R2.8-R2.10, §6.2 "Hook object deleted by someone while running", DESIGN §4 finalizer rule): a
// hook deleted by hand fails the sync instead of hanging, and a Job whose TTL would remove it the
// moment it finishes is still recorded correctly, because our finalizer holds it until then.
import { HOOK_FINALIZER } from '../../../sync/stamp';
import { auditedWrites } from '../../support/auditLog';
import { eventually } from '../../support/eventually';
import { rowOf } from '../../support/syncHarness';
import { configMapYaml, documents, hooksyncRequests, jobYaml, syncWithin, useSyncHarness, jobOrUndefined } from './syncTestKit';

const kit = useSyncHarness();
const { namespace } = kit;

/**
 * Test clean-up only: a Job still carrying our finalizer after a failed test would keep its
 * namespace Terminating for ever, since no sync is left to release it.
 */
async function releaseLeftoverFinalizer(ns: string, name: string): Promise<void> {
  const live = await jobOrUndefined(kit.h, ns, name);
  const finalizers = live?.metadata?.finalizers ?? [];
  if (!finalizers.includes(HOOK_FINALIZER)) return;
  await kit.h.cluster.batch.patchNamespacedJob(
    { namespace: ns, name, body: [{ op: 'replace', path: '/metadata/finalizers', value: finalizers.filter((f) => f !== HOOK_FINALIZER) }] },
  );
}

const configMap = configMapYaml();

test('§6.2 "hook object deleted by someone while running" / R2.10: the sync fails naming the hook, and does not hang', async () => {
  const ns = await namespace('hook-deleted');
  const yaml = documents(jobYaml('long-migrate', { hook: 'PreSync', runFor: '30s' }), configMap);
  // A sync that missed the deletion would wait for ever: syncWithin's deadline ends it.
  const run = syncWithin(kit.h, yaml, { app: 'hook-deleted', namespace: ns });
  run.catch(() => undefined); // awaited below; keeps an early rejection from going unhandled
  try {
    // Once the hook's pod is running, a user deletes the Job the way kubectl does.
    await eventually(async () => {
      const live = await jobOrUndefined(kit.h, ns, 'long-migrate');
      expect(live?.status?.active).toBe(1);
      expect(live?.metadata?.finalizers).toContain(HOOK_FINALIZER);
    });
    await kit.h.cluster.batch.deleteNamespacedJob({ namespace: ns, name: 'long-migrate', propagationPolicy: 'Background' });

    const { report } = await run;
    expect(report.phase).toBe('Failed');
    expect(report.message).toContain(`Job ${ns}/long-migrate`);
    expect(report.message).toMatch(/deleted/);
    const row = rowOf(report, 'Job', 'long-migrate');
    expect(['Failed', 'Error']).toContain(row.hookPhase);
    expect(row.message).toMatch(/deleted/);
    // The Sync phase never started.
    expect(report.resources.some((r) => r.name === 'app-config')).toBe(false);
    expect(hooksyncRequests(ns).some((e) => e.resource === 'configmaps')).toBe(false);
    // Our finalizer does not keep the deleted Job Terminating forever.
    await eventually(async () => expect(await jobOrUndefined(kit.h, ns, 'long-migrate')).toBeUndefined());
  } finally {
    await releaseLeftoverFinalizer(ns, 'long-migrate');
  }
});

test('R2.8-R2.10 / DESIGN §4: a Job hook with ttlSecondsAfterFinished: 0 is held by our finalizer until recorded Succeeded', async () => {
  const ns = await namespace('hook-ttl');
  // `slow` keeps the PreSync group open for 20 s after `migrate` has finished, so the TTL controller
  // deletes `migrate` well before the group's outcome is recorded and its finalizer released, and
  // the check below sees it in between even on a loaded machine.
  const yaml = documents(
    jobYaml('migrate', { hook: 'PreSync', ttlSecondsAfterFinished: 0 }),
    jobYaml('slow', { hook: 'PreSync', runFor: '20s' }),
    configMap,
  );
  const run = syncWithin(kit.h, yaml, { app: 'hook-ttl', namespace: ns });
  run.catch(() => undefined); // awaited below

  // The TTL controller has asked for the deletion; the finalizer keeps the finished Job readable.
  await eventually(async () => {
    const live = await jobOrUndefined(kit.h, ns, 'migrate');
    expect(live?.metadata?.deletionTimestamp).toBeDefined();
    expect(live?.metadata?.finalizers).toContain(HOOK_FINALIZER);
    expect(live?.status?.conditions?.some((c) => c.type === 'Complete' && c.status === 'True')).toBe(true);
  }, { intervalMs: 100 });

  const { report } = await run;
  expect(report.phase).toBe('Succeeded');
  expect(rowOf(report, 'Job', 'migrate')).toMatchObject({ syncPhase: 'PreSync', status: 'Synced', hookPhase: 'Succeeded' });
  expect(rowOf(report, 'ConfigMap', 'app-config')).toMatchObject({ status: 'Synced' });
  // Once hooksync has released it, the TTL controller's delete completes and the Job is gone.
  await eventually(async () => expect(await jobOrUndefined(kit.h, ns, 'migrate')).toBeUndefined());
  // Hooksync created it once and later only patched it (the finalizer release), after the TTL
  // controller's delete; the default policy (BeforeHookCreation) deletes nothing at the end.
  const jobRequests = hooksyncRequests(ns).filter((e) => e.resource === 'jobs' && e.name === 'migrate');
  expect(jobRequests.map((e) => e.verb)).toEqual(['create', 'patch']);
  const ttlDelete = auditedWrites(ns).find((e) => e.verb === 'delete' && e.resource === 'jobs' && e.name === 'migrate' && !e.userAgent.startsWith('hooksync/'));
  expect(ttlDelete).toBeDefined();
  expect(ttlDelete!.receivedAt < jobRequests[1].receivedAt).toBe(true);
});

test('R2.4 with a TTL: a HookSucceeded PostSync Job with ttlSecondsAfterFinished: 0 is recorded and its deletion tolerates the TTL', async () => {
  const ns = await namespace('hook-ttl-policy');
  const yaml = documents(configMap, jobYaml('smoke', { hook: 'PostSync', policy: 'HookSucceeded', ttlSecondsAfterFinished: 0, runFor: '1s' }));

  const { report } = await syncWithin(kit.h, yaml, { app: 'hook-ttl-policy', namespace: ns });

  expect(report.phase).toBe('Succeeded');
  expect(rowOf(report, 'Job', 'smoke')).toMatchObject({ syncPhase: 'PostSync', status: 'Synced', hookPhase: 'Succeeded' });
  expect(await jobOrUndefined(kit.h, ns, 'smoke')).toBeUndefined();
});
