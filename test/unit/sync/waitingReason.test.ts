// The waiting reasons the waiting activity heartbeats (sync/waitingReason.ts).
import { isWaitingDetails, waitingReason } from '../../../sync/waitingReason';
import type { SyncTask } from '../../../sync/types';

const task = { phase: 'Sync', ref: { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'shop', name: 'web' } } as SyncTask;

test('a resource: its health status before the rule\'s message', () => {
  expect(waitingReason(task, { health: 'Progressing', message: 'Waiting for rollout to finish: 0 of 1 updated replicas are available...' }))
    .toEqual({ phase: 'Sync', kind: 'Deployment', namespace: 'shop', name: 'web', reason: 'Progressing: Waiting for rollout to finish: 0 of 1 updated replicas are available...' });
});

test('a hook: the message alone (its phase is Running while it waits)', () => {
  expect(waitingReason(task, { message: 'Waiting for Job to complete: 1 active, 0 succeeded, 0 failed pods' }).reason)
    .toBe('Waiting for Job to complete: 1 active, 0 succeeded, 0 failed pods');
});

test.each<[string, unknown, boolean]>([
  ['these details', { waitingFor: [{ phase: 'Sync', kind: 'Job', namespace: '', name: 'x', reason: 'r' }] }, true],
  ['nothing to wait for', { waitingFor: [] }, true],
  ['an older worker\'s strings', { waitingFor: ['Job x: waiting'] }, false],
  ['the apply heartbeat (a string)', 'applied 1 of 2', false],
  ['no details', undefined, false],
])('isWaitingDetails: %s', (_, value, expected) => {
  expect(isWaitingDetails(value)).toBe(expected);
});
