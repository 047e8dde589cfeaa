// Argo CD's test/e2e/hook_test.go, the delete policies and terminate, replayed as real hooksync
// syncs on Argo CD's `hook` fixture (argocdKit.ts). Each test bears the name of the Argo CD test.
// Hooks are deleted by policy when the sync ends, and the sync waits until they are gone (README
// "Semantics", Delete policies), so a deleted hook is checked as soon as the result is in.
//
// Differences asserted here, each said at its test: a terminated sync ends `Terminated`, the
// outcome DESIGN §3 adds, where Argo CD's operation ends `Failed`.
// Nothing of this file is skipped; the hook outcomes are in hookTest.test.ts.
import { HOOK_FINALIZER } from '../../../sync/stamp';
import { terminateSync } from '../../../client/syncClient';
import { rowOf } from '../../support/syncHarness';
import { documents, jobYaml, useSyncHarness } from '../sync/syncTestKit';
import {
  argoSync, expectGoneOrGoing, expectLiveWithout, findRow, hookFixture, hookRow, job, liveObject, pod, podRule, podYaml, resultOf, rowNames,
  startArgoSync, whenState,
  freshApp,
} from './argocdKit';

const kit = useSyncHarness({ workerRules: [podRule] });

test('TestHookDeletePolicyHookSucceededHookExit0', async () => {
  const { ns, app } = await freshApp(kit, 'hs-exit0');
  const report = await argoSync(kit.h, hookFixture({ policy: 'HookSucceeded' }), { app, namespace: ns });

  expect(report.phase).toBe('Succeeded');
  expect(await liveObject(kit.h, job(ns, 'hook'))).toBeUndefined();
});

test('TestHookDeletePolicyHookSucceededHookExit1', async () => {
  const { ns, app } = await freshApp(kit, 'hs-exit1');
  const report = await argoSync(kit.h, hookFixture({ policy: 'HookSucceeded', hookFails: true }), { app, namespace: ns });

  expect(report.phase).toBe('Failed');
  expect(rowNames(report)).toEqual(['Pod/hook', 'Pod/pod']);
  expect(await liveObject(kit.h, pod(ns, 'hook'))).toBeDefined();
});

test('TestHookDeletePolicyHookFailedHookExit0', async () => {
  const { ns, app } = await freshApp(kit, 'hf-exit0');
  const report = await argoSync(kit.h, hookFixture({ policy: 'HookFailed' }), { app, namespace: ns });

  expect(report.phase).toBe('Succeeded');
  expect(rowNames(report)).toEqual(['Job/hook', 'Pod/pod']);
  expect(await liveObject(kit.h, job(ns, 'hook'))).toBeDefined();
});

test('TestHookDeletePolicyHookFailedHookExit1', async () => {
  const { ns, app } = await freshApp(kit, 'hf-exit1');
  const report = await argoSync(kit.h, hookFixture({ policy: 'HookFailed', hookFails: true }), { app, namespace: ns });

  expect(report.phase).toBe('Failed');
  expect(rowNames(report)).toEqual(['Pod/hook', 'Pod/pod']);
  expect(await liveObject(kit.h, pod(ns, 'hook'))).toBeUndefined();
});

test('TestHookBeforeHookCreation', async () => {
  const { ns, app } = await freshApp(kit, 'bhc-twice');
  const yaml = hookFixture({ policy: 'BeforeHookCreation' });

  const first = await argoSync(kit.h, yaml, { app, namespace: ns });
  expect(first.phase).toBe('Succeeded');
  expect(rowNames(first)).toEqual(['Job/hook', 'Pod/pod']);
  expect(rowOf(first, 'Pod', 'pod')).toMatchObject({ health: 'Healthy' });
  // The hook stays until the next sync creates it again.
  const before = await liveObject(kit.h, job(ns, 'hook'));
  expect(before).toBeDefined();

  const second = await argoSync(kit.h, yaml, { app, namespace: ns });
  expect(second.phase).toBe('Succeeded');
  expect(rowNames(second)).toEqual(['Job/hook', 'Pod/pod']);
  // A new object, not the old one re-applied: Argo CD compares creation timestamps (and sleeps a
  // second so that they differ); the uid says it without waiting.
  const after = await liveObject(kit.h, job(ns, 'hook'));
  expect(after?.metadata?.uid).toBeDefined();
  expect(after?.metadata?.uid).not.toBe(before?.metadata?.uid);
});

test('TestHookBeforeHookCreationFailure', async () => {
  const { ns, app } = await freshApp(kit, 'bhc-terminate');
  // Argo CD's hook sleeps beyond a 1 s operation timeout and the operation is terminated while it
  // runs. Here the hook is a Pod that keeps running (KWOK never ends it) and the test terminates
  // the sync once the hook is running.
  const yaml = documents(podYaml('pod'), podYaml('hook', { hook: 'Sync', policy: 'BeforeHookCreation' }));
  const handle = await startArgoSync(kit.h, yaml, { app, namespace: ns });
  await whenState(handle, (s) => expect(findRow(s, 'Pod', 'hook')).toMatchObject({ state: 'Running', status: 'Synced' }));

  await terminateSync(kit.h.client, handle.workflowId);
  const report = await resultOf(kit.h, handle);

  // DESIGN §3: hooksync's outcome for a terminated sync is Terminated; Argo CD's is Failed.
  expect(report.phase).toBe('Terminated');
  expect(rowNames(report)).toEqual(['Pod/hook', 'Pod/pod']);
  expect(rowOf(report, 'Pod', 'hook')).toMatchObject(hookRow('Sync', 'Failed', { message: 'Terminated' }));
  await expectGoneOrGoing(kit.h, pod(ns, 'hook'));
});

// Argo CD's six PreSync hook Pods: three that sleep for 300 s, three that exit at once, one of each
// for every delete policy. Here the running ones are Pods KWOK keeps running and the completed ones
// Jobs, since only a Job's Pods run to completion on KWOK.
const POLICIES = [['success', 'HookSucceeded'], ['create', 'BeforeHookCreation'], ['failed', 'HookFailed']] as const;
const running = POLICIES.map(([suffix]) => `running-delete-on-${suffix}`);
const complete = POLICIES.map(([suffix]) => `complete-delete-on-${suffix}`);

test('TestTerminateWithRunningHooks', async () => {
  const { ns, app } = await freshApp(kit, 'terminate-hooks');
  const yaml = documents(
    hookFixture(),
    ...POLICIES.map(([suffix, policy]) => podYaml(`running-delete-on-${suffix}`, { hook: 'PreSync', policy })),
    ...POLICIES.map(([suffix, policy]) => jobYaml(`complete-delete-on-${suffix}`, { hook: 'PreSync', policy })),
  );
  const handle = await startArgoSync(kit.h, yaml, { app, namespace: ns });

  // The three quick hooks have completed while the sync still waits for the other three.
  const state = await whenState(handle, (s) => {
    for (const name of complete) expect(findRow(s, 'Job', name)).toMatchObject(hookRow('PreSync', 'Succeeded', { group: 'batch', namespace: ns }));
  });
  expect(state.phase).toBe('Running');
  for (const name of running) expect(findRow(state, 'Pod', name)).toMatchObject(hookRow('PreSync', 'Running'));

  await terminateSync(kit.h.client, handle.workflowId);
  const report = await resultOf(kit.h, handle);

  // DESIGN §3: Terminated, where Argo CD says Failed. Only the PreSync phase ran: six rows.
  expect(report.phase).toBe('Terminated');
  expect(report.resources).toHaveLength(6);
  for (const name of running) expect(rowOf(report, 'Pod', name)).toMatchObject(hookRow('PreSync', 'Failed', { version: 'v1', namespace: ns, message: 'Terminated' }));
  for (const name of complete) expect(rowOf(report, 'Job', name)).toMatchObject(hookRow('PreSync', 'Succeeded'));
  // The running hooks are deleted and nothing of ours holds them; the completed ones are kept,
  // whatever their delete policy, without our finalizer.
  for (const name of running) await expectGoneOrGoing(kit.h, pod(ns, name));
  for (const name of complete) await expectLiveWithout(kit.h, job(ns, name), HOOK_FINALIZER);
});
