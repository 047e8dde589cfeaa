// gitops-engine's pkg/sync/sync_context_test.go (now argo-cd/gitops-engine), hooks and terminate,
// replayed as real hooksync syncs. Argo CD's tests set hook health with overrides and count the
// finalizer updates and deletes of a fake client; here the hooks really run on KWOK (a Job that
// succeeds, a Pod that fails or keeps running, see argocdKit.ts) and the live objects tell what
// was released and deleted.
//
// Differences asserted here, each said at its test: HookSucceeded/HookFailed follow the hook's own
// outcome, not the sync's (DESIGN §6); a terminated sync ends `Terminated` (DESIGN §3), where Argo
// CD's operation ends Failed with "Operation terminated"; the first line of a failed sync's message
// names the first failed task of the failed group (README "Semantics", Results).
//
// Skipped, with the reason:
//   TestSync_HookWithReplaceAndBeforeHookCreation_AlreadyDeleted  the Replace sync option
//   TestSync_SyncWaveHook, TestSync_SyncWaveHookError   Argo CD's per-wave callback; hooksync has none
//   Test_executeSyncFailPhase, _DuplicatedMessages, _NoTasks, _RunningHooks, _CompletedHooks
//                                    how Argo CD composes its operation message, unit-level
//   TestTerminate_Hooks_Running_Healthy  a hook that is healthy but not yet recorded when the sync
//                                    is terminated: a window a real sync cannot be held in (hooksync
//                                    records each outcome as soon as its wait sees it)
//   TestTerminate_Hooks_Error        releasing a finalizer fails at terminate: a fault injected into
//                                    a fake client (outages are test/faults' part)
import { HOOK_FINALIZER } from '../../../sync/stamp';
import { queryState, terminateSync } from '../../../client/syncClient';
import { rowOf } from '../../support/syncHarness';
import { documents, jobYaml, useSyncHarness } from '../sync/syncTestKit';
import {
  argoSync, cmYaml, createAsAdmin, dropFinalizers, expectGoneOrGoing, expectLiveWithout, findRow, hookRow, job, liveObject, pod, podRule,
  podYaml, resultOf, rowNames, startArgoSync, stuckDeploymentYaml, whenState,
  configMapQuotaYaml, freshApp, quotaInForce, quotaRule,
} from './argocdKit';

const kit = useSyncHarness({ workerRules: [podRule, quotaRule], healthChecks: quotaInForce });

test('TestSync_SuccessfulSyncWithSyncFailHook', async () => {
  const { ns, app } = await freshApp(kit, 'syncfail-not-run');
  const yaml = documents(
    jobYaml('hook-1', { hook: 'Sync', policy: 'BeforeHookCreation' }),
    podYaml('my-pod'),
    jobYaml('sync-fail-hook', { hook: 'SyncFail', policy: 'HookSucceeded' }),
  );
  const report = await argoSync(kit.h, yaml, { app, namespace: ns });

  expect(report.phase).toBe('Succeeded');
  expect(report.message).toBe('successfully synced (all tasks run)');
  expect(rowNames(report)).toEqual(['Job/hook-1', 'Pod/my-pod']);
  expect(await liveObject(kit.h, job(ns, 'sync-fail-hook'))).toBeUndefined();
});

test('TestSync_FailedSyncWithSyncFailHook_HookFailed', async () => {
  const { ns, app } = await freshApp(kit, 'syncfail-after-hook');
  const yaml = documents(
    podYaml('hook-1', { hook: 'Sync', policy: 'BeforeHookCreation', fail: true }),
    podYaml('my-pod'),
    jobYaml('sync-fail-hook', { hook: 'SyncFail', policy: 'HookSucceeded' }),
  );
  const report = await argoSync(kit.h, yaml, { app, namespace: ns });

  expect(report.phase).toBe('Failed');
  expect(report.message).toContain(`Pod ${ns}/hook-1`);
  expect(rowNames(report)).toEqual(['Job/sync-fail-hook', 'Pod/hook-1', 'Pod/my-pod']);
  expect(rowOf(report, 'Job', 'sync-fail-hook')).toMatchObject(hookRow('SyncFail', 'Succeeded'));
  // It succeeded, so its HookSucceeded policy removed it.
  expect(await liveObject(kit.h, job(ns, 'sync-fail-hook'))).toBeUndefined();
});

test('TestSync_FailedSyncWithSyncFailHook_ApplyFailed', async () => {
  const { ns, app } = await freshApp(kit, 'syncfail-after-apply');
  // Argo CD's fake client fails the apply of the pod and of one SyncFail hook. Here a quota applied
  // in wave -1, after the dry run, makes the API server refuse every new ConfigMap: the resource
  // `my-pod` and the SyncFail hook `failed-sync-fail-hook` are ConfigMaps for that reason.
  const yaml = documents(
    configMapQuotaYaml,
    cmYaml('my-pod'),
    jobYaml('successful-sync-fail-hook', { hook: 'SyncFail', policy: 'BeforeHookCreation' }),
    cmYaml('failed-sync-fail-hook', { hook: 'SyncFail', policy: 'BeforeHookCreation' }),
  );
  const report = await argoSync(kit.h, yaml, { app, namespace: ns });

  expect(report.phase).toBe('Failed');
  // As in Argo CD, the message gives the main failure, then the SyncFail hook that could not run.
  const [main, syncFail] = report.message.split('\n');
  expect(main).toContain(`ConfigMap ${ns}/my-pod`);
  expect(syncFail).toMatch(/^one or more SyncFail hooks failed, reason: .*exceeded quota/);
  expect(rowOf(report, 'ConfigMap', 'my-pod')).toMatchObject({ status: 'SyncFailed', hookPhase: 'Failed' });
  expect(rowOf(report, 'ConfigMap', 'failed-sync-fail-hook')).toMatchObject({ status: 'SyncFailed', hookPhase: 'Failed', syncPhase: 'SyncFail' });
  // One SyncFail hook failing does not stop the others.
  expect(rowOf(report, 'Job', 'successful-sync-fail-hook')).toMatchObject(hookRow('SyncFail', 'Succeeded'));
});

/** A hook Job left in the cluster by an earlier run that never released our finalizer (a crash, say). */
async function leftoverHook(ns: string, name: string, hook: string, policy: string): Promise<string> {
  const created = await createAsAdmin(kit.h, {
    apiVersion: 'batch/v1', kind: 'Job',
    metadata: { name, namespace: ns, finalizers: [HOOK_FINALIZER], annotations: { 'argocd.argoproj.io/hook': hook, 'argocd.argoproj.io/hook-delete-policy': policy } },
    spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: `${name}:1` }] } } },
  } as never);
  return created.metadata!.uid!;
}

test('TestBeforeHookCreation', async () => {
  const { ns, app } = await freshApp(kit, 'bhc-finalizer');
  try {
    const oldUid = await leftoverHook(ns, 'my-hook', 'Sync', 'BeforeHookCreation');
    const report = await argoSync(kit.h, jobYaml('my-hook', { hook: 'Sync', policy: 'BeforeHookCreation' }), { app, namespace: ns });

    // The leftover's finalizer was released, the leftover deleted, and the hook created anew.
    expect(report.phase).toBe('Succeeded');
    expect(rowOf(report, 'Job', 'my-hook')).toMatchObject(hookRow('Sync', 'Succeeded'));
    const live = await expectLiveWithout(kit.h, job(ns, 'my-hook'), HOOK_FINALIZER);
    expect(live.metadata?.uid).not.toBe(oldUid);
  } finally {
    await dropFinalizers(kit.h, job(ns, 'my-hook'));
  }
});

test('TestSync_ExistingHooksWithFinalizer', async () => {
  const { ns, app } = await freshApp(kit, 'leftovers-finalizer');
  const hooks = [['existing-hook-1', 'BeforeHookCreation'], ['existing-hook-2', 'HookFailed'], ['existing-hook-3', 'HookSucceeded']] as const;
  try {
    const uids = new Map<string, string>();
    for (const [name, policy] of hooks) uids.set(name, await leftoverHook(ns, name, 'PreSync', policy));
    const report = await argoSync(kit.h, documents(...hooks.map(([name, policy]) => jobYaml(name, { hook: 'PreSync', policy }))), { app, namespace: ns });

    // Argo CD deletes only the BeforeHookCreation leftover and re-applies the others. hooksync
    // re-creates that one and refuses the other two (README "Semantics": a fixed-name hook left
    // over without BeforeHookCreation fails its task), so the sync fails.
    expect(report.phase).toBe('Failed');
    expect(rowOf(report, 'Job', 'existing-hook-1')).toMatchObject(hookRow('PreSync', 'Succeeded'));
    expect((await liveObject(kit.h, job(ns, 'existing-hook-1')))?.metadata?.uid).not.toBe(uids.get('existing-hook-1'));
    for (const name of ['existing-hook-2', 'existing-hook-3']) {
      const row = rowOf(report, 'Job', name);
      expect(row).toMatchObject({ status: 'SyncFailed', hookPhase: 'Failed' });
      expect(row.message).toContain('already exists');
      expect((await liveObject(kit.h, job(ns, name)))?.metadata?.uid).toBe(uids.get(name));
    }
    // As in Argo CD, no leftover keeps our finalizer: it would block their deletion for good.
    for (const [name] of hooks) await expectLiveWithout(kit.h, job(ns, name), HOOK_FINALIZER);
  } finally {
    for (const [name] of hooks) await dropFinalizers(kit.h, job(ns, name));
  }
});

const threeHooks = (o: { firstRunsFor?: string; firstFails?: boolean } = {}) => documents(
  o.firstFails
    ? podYaml('hook-1', { hook: 'PreSync', policy: 'BeforeHookCreation', fail: true })
    : jobYaml('hook-1', { hook: 'PreSync', policy: 'BeforeHookCreation', runFor: o.firstRunsFor }),
  jobYaml('hook-2', { hook: 'PreSync', policy: 'HookFailed' }),
  jobYaml('hook-3', { hook: 'PreSync', policy: 'HookSucceeded' }),
);

test('TestSync_HooksNotDeletedIfPhaseNotCompleted', async () => {
  const { ns, app } = await freshApp(kit, 'phase-not-done');
  const handle = await startArgoSync(kit.h, threeHooks({ firstRunsFor: '10s' }), { app, namespace: ns });

  // hook-3 has succeeded while hook-1 still runs: the phase is not complete.
  await whenState(handle, (s) => expect(findRow(s, 'Job', 'hook-3')).toMatchObject({ hookPhase: 'Succeeded' }));
  const hook3 = await liveObject(kit.h, job(ns, 'hook-3'));
  const still = await queryState(handle, 5_000);
  expect(findRow(still, 'Job', 'hook-1')).toMatchObject({ state: 'Running' });
  // So nothing was deleted or released yet.
  expect(hook3).toBeDefined();
  expect(hook3?.metadata?.finalizers).toContain(HOOK_FINALIZER);

  const report = await resultOf(kit.h, handle);
  expect(report.phase).toBe('Succeeded');
  expect(await liveObject(kit.h, job(ns, 'hook-3'))).toBeUndefined();
});

test('TestSync_HooksDeletedAfterSyncSucceeded', async () => {
  const { ns, app } = await freshApp(kit, 'deleted-after-success');
  const report = await argoSync(kit.h, threeHooks(), { app, namespace: ns });

  expect(report.phase).toBe('Succeeded');
  expect(report.message).toBe('successfully synced (all tasks run)');
  // HookSucceeded goes; BeforeHookCreation and HookFailed stay, released.
  expect(await liveObject(kit.h, job(ns, 'hook-3'))).toBeUndefined();
  for (const name of ['hook-1', 'hook-2']) await expectLiveWithout(kit.h, job(ns, name), HOOK_FINALIZER);
});

test('TestSync_HooksDeletedAfterSyncFailed', async () => {
  const { ns, app } = await freshApp(kit, 'deleted-after-failure');
  const report = await argoSync(kit.h, threeHooks({ firstFails: true }), { app, namespace: ns });

  expect(report.phase).toBe('Failed');
  // Argo CD deletes hook-2 (HookFailed) because the sync failed, though hook-2 itself succeeded.
  // DESIGN §6 difference: the policy follows the hook's own outcome, so hook-2 stays and hook-3
  // (HookSucceeded, succeeded) goes; hook-1 failed under BeforeHookCreation and stays.
  expect(rowOf(report, 'Pod', 'hook-1')).toMatchObject(hookRow('PreSync', 'Failed'));
  expect(await liveObject(kit.h, job(ns, 'hook-3'))).toBeUndefined();
  await expectLiveWithout(kit.h, job(ns, 'hook-2'), HOOK_FINALIZER);
  await expectLiveWithout(kit.h, pod(ns, 'hook-1'), HOOK_FINALIZER);
});

test('TestTerminate', async () => {
  const { ns, app } = await freshApp(kit, 'terminate-resource');
  const handle = await startArgoSync(kit.h, stuckDeploymentYaml('my-pod'), { app, namespace: ns });
  await whenState(handle, (s) => expect(findRow(s, 'Deployment', 'my-pod')).toMatchObject({ state: 'Running', status: 'Synced' }));

  await terminateSync(kit.h.client, handle.workflowId);
  const report = await resultOf(kit.h, handle);

  // DESIGN §3: Terminated, where Argo CD's operation is Failed, "Operation terminated".
  expect(report.phase).toBe('Terminated');
  expect(report.message).toBe('sync terminated by the user');
  expect(rowOf(report, 'Deployment', 'my-pod')).toMatchObject({ state: 'Failed' });
});

const POLICIES = ['BeforeHookCreation', 'HookFailed', 'HookSucceeded'];

test('TestTerminate_Hooks_Running', async () => {
  const { ns, app } = await freshApp(kit, 'terminate-running');
  // Three Sync hooks that keep running (KWOK never ends a bare Pod), beside a resource that never
  // turns healthy.
  const yaml = documents(stuckDeploymentYaml('my-pod'), ...POLICIES.map((policy, i) => podYaml(`hook-${i + 1}`, { hook: 'Sync', policy })));
  const handle = await startArgoSync(kit.h, yaml, { app, namespace: ns });
  await whenState(handle, (s) => {
    for (let i = 1; i <= 3; i++) expect(findRow(s, 'Pod', `hook-${i}`)).toMatchObject({ state: 'Running', status: 'Synced' });
  });

  await terminateSync(kit.h.client, handle.workflowId);
  const report = await resultOf(kit.h, handle);

  expect(report.phase).toBe('Terminated');
  expect(rowNames(report)).toEqual(['Deployment/my-pod', 'Pod/hook-1', 'Pod/hook-2', 'Pod/hook-3']);
  for (let i = 1; i <= 3; i++) {
    expect(rowOf(report, 'Pod', `hook-${i}`)).toMatchObject(hookRow('Sync', 'Failed', { message: 'Terminated' }));
    // Every running hook is deleted, whatever its policy, with nothing of ours holding it.
    await expectGoneOrGoing(kit.h, pod(ns, `hook-${i}`));
  }
});

test('TestTerminate_Hooks_Completed', async () => {
  const { ns, app } = await freshApp(kit, 'terminate-completed');
  // hook-1 and hook-3 succeed, hook-2 fails; the resource beside them keeps the wave open. Argo CD's
  // hook-3 ends in Error, which no real hook here can be brought to; it succeeds instead.
  const yaml = documents(
    stuckDeploymentYaml('my-pod'),
    jobYaml('hook-1', { hook: 'Sync', policy: 'BeforeHookCreation' }),
    podYaml('hook-2', { hook: 'Sync', policy: 'HookFailed', fail: true }),
    jobYaml('hook-3', { hook: 'Sync', policy: 'HookSucceeded' }),
  );
  const handle = await startArgoSync(kit.h, yaml, { app, namespace: ns });
  const done = await whenState(handle, (s) => {
    expect(findRow(s, 'Job', 'hook-1')).toMatchObject({ hookPhase: 'Succeeded' });
    expect(findRow(s, 'Pod', 'hook-2')).toMatchObject({ hookPhase: 'Failed' });
    expect(findRow(s, 'Job', 'hook-3')).toMatchObject({ hookPhase: 'Succeeded' });
  });

  await terminateSync(kit.h.client, handle.workflowId);
  const report = await resultOf(kit.h, handle);

  expect(report.phase).toBe('Terminated');
  expect(report.resources).toHaveLength(4);
  // Completed hooks keep the outcome and message they had, and are neither deleted (whatever their
  // policy says) nor left holding our finalizer.
  for (const [kind, name] of [['Job', 'hook-1'], ['Pod', 'hook-2'], ['Job', 'hook-3']]) {
    const before = findRow(done, kind, name)!;
    expect(rowOf(report, kind, name)).toMatchObject({ hookPhase: before.hookPhase, message: before.message });
  }
  await expectLiveWithout(kit.h, job(ns, 'hook-1'), HOOK_FINALIZER);
  await expectLiveWithout(kit.h, pod(ns, 'hook-2'), HOOK_FINALIZER);
  await expectLiveWithout(kit.h, job(ns, 'hook-3'), HOOK_FINALIZER);
  expect(rowOf(report, 'Deployment', 'my-pod')).toMatchObject({ state: 'Failed' });
});
