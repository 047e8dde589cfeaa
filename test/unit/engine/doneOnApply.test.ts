// Which resources the apply itself finishes (activities/doneOnApply.ts): those whose server answer
// passes their health rule, with the row a wait would have left; hooks, prunes, refusals and
// answers that are not healthy yet stay as the apply left them, for the wait.
import { doneOnApply } from '../../../activities/doneOnApply';
import type { AppliedTask } from '../../../activities/applyTask';
import type { LiveObject } from '../../../activities/kubeClient';
import { planSync } from '../../../sync/planSync';
import { planTasks, taskKey, type SyncTask } from '../../../sync/types';
import { loadFixture } from '../health/fixtures';
import { hookAnnotation, manifest } from '../sync/manifests';

function taskOf(m: ReturnType<typeof manifest>): SyncTask {
  const planned = planSync([m], { syncId: 's', attempt: 0, defaultNamespace: 'shop' });
  expect(planned.problems).toEqual([]);
  return planTasks(planned.plan)[0];
}

function appliedAs(task: SyncTask, answer: LiveObject | undefined): AppliedTask {
  return { update: { key: taskKey(task), state: 'Running', status: 'Synced', hookPhase: 'Running', message: `${task.ref.kind.toLowerCase()}/${task.ref.name} created` }, answer };
}

const fixture = (name: string) => loadFixture(name) as LiveObject;

test('a kind without a health check is finished by its apply, and keeps the apply message', () => {
  const task = taskOf(manifest('ConfigMap', 'settings'));
  expect(doneOnApply(task, appliedAs(task, fixture('configmap-no-health-check')))).toEqual({
    key: taskKey(task), state: 'Succeeded', status: 'Synced', hookPhase: 'Succeeded', message: 'configmap/settings created',
  });
});

test('a kind healthy in the answer is finished with the health and message its rule gives, as after a wait', () => {
  const task = taskOf(manifest('Service', 'web'));
  const answer = fixture('service-clusterip');
  expect(answer.kind).toBe('Service');
  expect(doneOnApply(task, appliedAs(task, answer))).toMatchObject({ key: taskKey(task), state: 'Succeeded', status: 'Synced', hookPhase: 'Succeeded', health: 'Healthy' });
});

test.each([
  ['a Deployment still progressing', () => taskOf(manifest('Deployment', 'web')), 'deployment-progressing'],
  ['a Deployment that looks degraded (the wait reads it again)', () => taskOf(manifest('Deployment', 'web')), 'deployment-degraded'],
  ['a LoadBalancer Service without its address yet', () => taskOf(manifest('Service', 'web')), 'service-loadbalancer-pending'],
  ['an object being deleted', () => taskOf(manifest('ConfigMap', 'settings')), 'configmap-pending-deletion'],
  ['a hook, whose completion is its workload\'s', () => taskOf(manifest('ConfigMap', 'notify', { annotations: hookAnnotation('PostSync') })), 'configmap-no-health-check'],
])('%s is left running for the wait', (_what, task, answerFixture) => {
  const t = task();
  const applied = appliedAs(t, fixture(answerFixture));
  expect(doneOnApply(t, applied)).toBe(applied.update);
});

test('an apply without an answer (a refusal, a prune) keeps its update', () => {
  const task = taskOf(manifest('ConfigMap', 'settings'));
  const refused: AppliedTask = { update: { key: taskKey(task), state: 'Failed', status: 'SyncFailed', hookPhase: 'Failed', message: 'forbidden' } };
  expect(doneOnApply(task, refused)).toBe(refused.update);
  const unanswered = appliedAs(task, undefined);
  expect(doneOnApply(task, unanswered)).toBe(unanswered.update);
});
