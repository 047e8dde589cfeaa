import { backoffSeconds, nextAutoRetry, retryPolicyProblems, shouldRetry, withRetriedCount, type AutoRetry, type RetryPolicy } from '../../../sync/autoRetry';
import { inputProblems } from '../../../sync/inputProblems';

const policy: RetryPolicy = { limit: 3, backoffSeconds: 5, factor: 2, maxBackoffSeconds: 180 };
const after = (retried: number, p = policy): AutoRetry => ({ policy: p, retried });

describe('backoff (Argo CD: duration × factor^retries, capped)', () => {
  it('waits the duration before the first retry, then multiplies by the factor', () => {
    expect([0, 1, 2, 3].map((n) => backoffSeconds(policy, n))).toEqual([5, 10, 20, 40]);
  });

  it('never waits longer than the maximum', () => {
    expect(backoffSeconds(policy, 6)).toBe(180);
    expect(backoffSeconds({ ...policy, maxBackoffSeconds: 12 }, 2)).toBe(12);
  });

  it('stays at the maximum when the power overflows', () => {
    expect(backoffSeconds(policy, 5000)).toBe(180);
  });

  it('keeps the duration with factor 1', () => {
    expect(backoffSeconds({ ...policy, factor: 1 }, 7)).toBe(5);
  });
});

describe('shouldRetry', () => {
  it('retries a Failed or Error attempt while retries are left', () => {
    expect(shouldRetry(after(0), 'Failed')).toBe(true);
    expect(shouldRetry(after(2), 'Error')).toBe(true);
    expect(shouldRetry(after(3), 'Failed')).toBe(false);
  });

  it('never retries a success or a terminate', () => {
    expect(shouldRetry(after(0), 'Succeeded')).toBe(false);
    expect(shouldRetry(after(0), 'Terminated')).toBe(false);
  });

  it('retries without end when the limit is negative, and never with limit 0', () => {
    expect(shouldRetry(after(1000, { ...policy, limit: -1 }), 'Failed')).toBe(true);
    expect(shouldRetry(after(0, { ...policy, limit: 0 }), 'Failed')).toBe(false);
  });
});

describe('the next attempt and the final message', () => {
  it('counts the retry and remembers how the attempt before ended', () => {
    const previous = { attempt: 0, phase: 'Failed' as const, message: 'PreSync wave 0: Job x failed' };
    expect(nextAutoRetry(after(0), previous)).toEqual({ policy, retried: 1, previous });
  });

  it('ends the message with "(retried N times)" once there were retries', () => {
    expect(withRetriedCount('successfully synced (all tasks run)', 2)).toBe('successfully synced (all tasks run) (retried 2 times)');
    expect(withRetriedCount('successfully synced (all tasks run)', 0)).toBe('successfully synced (all tasks run)');
  });
});

describe('retryPolicyProblems', () => {
  it('accepts the defaults', () => {
    expect(retryPolicyProblems(policy)).toEqual([]);
  });

  it('names each bad field', () => {
    expect(retryPolicyProblems({ limit: 1.5, backoffSeconds: 0, factor: 0.5, maxBackoffSeconds: -1 })).toEqual([
      'limit must be a whole number (negative: no limit)',
      'backoffSeconds must be a number of seconds above 0',
      'maxBackoffSeconds must be a number of seconds above 0',
      'factor must be a number from 1',
    ]);
    expect(retryPolicyProblems(undefined)).toHaveLength(4);
  });

  it('makes a workflow input with a bad policy a problem', () => {
    const input = { syncId: 's', app: 'a', cluster: 'c', attempt: 0, prune: false, plan: { groups: [], skippedPrunes: [] } };
    expect(inputProblems({ ...input, autoRetry: { policy, retried: 0 } })).toEqual([]);
    expect(inputProblems({ ...input, autoRetry: { policy: { ...policy, factor: 0 }, retried: 0 } })).toEqual([
      expect.stringContaining('autoRetry must hold a policy'),
    ]);
    expect(inputProblems({ ...input, syncOptions: [1] })).toEqual(['syncOptions must be a list of strings']);
  });
});
