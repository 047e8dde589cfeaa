// hooksync_waiting_tasks' counts: labels without the reason's words, and the change between beats.
import { countWaiting, waitingDelta, waitingLabels } from '../../../worker/waitingCounts';
import type { WaitingReason } from '../../../sync/waitingReason';

const reason = (kind: string, text: string, phase: WaitingReason['phase'] = 'Sync'): WaitingReason => ({ phase, kind, namespace: 'ns', name: 'x', reason: text });

test('the status is the health status a reason starts with, or Waiting', () => {
  expect(waitingLabels(reason('Deployment', 'Progressing: Waiting for rollout to finish: 0 of 1'))).toEqual({ phase: 'Sync', kind: 'Deployment', status: 'Progressing' });
  expect(waitingLabels(reason('Job', 'job has 1 active pod', 'PreSync'))).toEqual({ phase: 'PreSync', kind: 'Job', status: 'Waiting' });
  expect(waitingLabels(reason('Job', 'Progressingly odd'))).toMatchObject({ status: 'Waiting' });
});

test('reasons of one label set add up; details of another shape count nothing', () => {
  const counts = countWaiting({ waitingFor: [reason('Job', 'a'), reason('Job', 'b'), reason('Pod', 'Missing: gone')] });
  expect([...counts.values()]).toEqual([
    { labels: { phase: 'Sync', kind: 'Job', status: 'Waiting' }, count: 2 },
    { labels: { phase: 'Sync', kind: 'Pod', status: 'Missing' }, count: 1 },
  ]);
  expect(countWaiting(undefined).size).toBe(0);
  expect(countWaiting({ waitingFor: ['job/a'] }).size).toBe(0);
});

test('the delta brings each label set from before to after, and drops what went away', () => {
  const before = countWaiting({ waitingFor: [reason('Job', 'a'), reason('Job', 'b'), reason('Pod', 'Missing: gone')] });
  const after = countWaiting({ waitingFor: [reason('Job', 'a'), reason('Deployment', 'Progressing: 0 of 1')] });
  expect(waitingDelta(before, after)).toEqual([
    { labels: { phase: 'Sync', kind: 'Job', status: 'Waiting' }, change: -1 },
    { labels: { phase: 'Sync', kind: 'Pod', status: 'Missing' }, change: -1 },
    { labels: { phase: 'Sync', kind: 'Deployment', status: 'Progressing' }, change: 1 },
  ]);
  expect(waitingDelta(after, after)).toEqual([]);
});
