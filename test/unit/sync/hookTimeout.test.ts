// hooksync.io/timeout: parsing (sync/hookTimeout.ts) and deadlines (sync/hookDeadline.ts).
import { expiredUpdates, nextDeadline } from '../../../sync/hookDeadline';
import { formatTimeout, parseHookTimeout } from '../../../sync/hookTimeout';
import { planSync } from '../../../sync/planSync';
import { planTasks } from '../../../sync/types';
import { manifest } from './manifests';

const withTimeout = (value: unknown) => manifest('Job', 'migrate', { annotations: { 'argocd.argoproj.io/hook': 'PreSync', 'hooksync.io/timeout': value } });

describe('parseHookTimeout', () => {
  test.each<[string, unknown, number | undefined]>([
    ['seconds', '90s', 90], ['minutes', '5m', 300], ['hours and minutes', '1h30m', 5400], ['all three', '1h2m3s', 3723],
  ])('%s: %s -> %s', (_name, raw, seconds) => {
    const parsed = parseHookTimeout(withTimeout(raw), true);
    expect(parsed.problems).toEqual([]);
    expect(parsed.value).toBe(seconds);
  });

  test.each<[string, unknown, string]>([
    ['a bare number', '90', 'not a duration'], ['days', '1d', 'not a duration'], ['empty', '', 'not a duration'],
    ['zero', '0s', 'must be more than zero'], ['fractions', '1.5m', 'not a duration'],
  ])('%s (%s) is a problem naming the annotation', (_name, raw, message) => {
    const parsed = parseHookTimeout(withTimeout(raw), true);
    expect(parsed.value).toBeUndefined();
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatchObject({ field: 'metadata.annotations["hooksync.io/timeout"]', message });
  });

  test('absent: no deadline, no problem', () => {
    expect(parseHookTimeout(manifest('Job', 'migrate'), true)).toEqual({ value: undefined, problems: [], warnings: [] });
  });

  test('on a plain resource it is ignored with a warning', () => {
    const parsed = parseHookTimeout(manifest('ConfigMap', 'c', { annotations: { 'hooksync.io/timeout': '5s' } }), false);
    expect(parsed.value).toBeUndefined();
    expect(parsed.warnings.map((w) => w.message)).toEqual(['a timeout applies only to hooks; ignored']);
  });
});

test.each([[90, '1m30s'], [5, '5s'], [3600, '1h'], [3723, '1h2m3s'], [0, '0s']])('formatTimeout(%s) = %s', (seconds, text) => {
  expect(formatTimeout(seconds)).toBe(text);
});

describe('deadlines', () => {
  const plan = planSync([withTimeout('10s'), manifest('Job', 'free', { annotations: { 'argocd.argoproj.io/hook': 'PreSync' } })],
    { syncId: 's', attempt: 0, defaultNamespace: 'apps' }).plan;
  const tasks = planTasks(plan);

  test('the planned hook carries its timeout; the other none', () => {
    expect(tasks.map((t) => [t.ref.name, t.timeoutSeconds])).toEqual([['free', undefined], ['migrate', 10]]);
  });
  test('nextDeadline: start + the shortest timeout; none without timeouts', () => {
    expect(nextDeadline(tasks, 1_000)).toBe(11_000);
    expect(nextDeadline(tasks.filter((t) => t.ref.name === 'free'), 1_000)).toBeUndefined();
  });
  test('expiredUpdates fails exactly the hooks whose time is up', () => {
    expect(expiredUpdates(tasks, 1_000, 10_999)).toEqual([]);
    expect(expiredUpdates(tasks, 1_000, 11_000)).toEqual([
      { key: 'PreSync/batch/Job/apps/migrate', state: 'Failed', hookPhase: 'Failed', message: 'timed out after 10s (hooksync.io/timeout)' },
    ]);
  });
});
