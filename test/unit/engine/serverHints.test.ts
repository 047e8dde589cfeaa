import { honouringRetryAfter, MAX_HINTED_RETRIES, MAX_HINTED_WAIT_MS, retryAfterMs } from '../../../activities/serverHints';
import { kubeFailure } from '../../../activities/kubeFailures';

const throttled = (retryAfter?: string, code = 429) => Object.assign(new Error('Too many requests'), { code, headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter } });

describe('Retry-After on 429 and 503', () => {
  test('the hint is read in seconds from a 429 or 503, capped, and ignored elsewhere', () => {
    expect(retryAfterMs(throttled('1'))).toBe(1000);
    expect(retryAfterMs(throttled('2', 503))).toBe(2000);
    expect(retryAfterMs(throttled('120'))).toBe(MAX_HINTED_WAIT_MS);
    expect(retryAfterMs(throttled())).toBeUndefined();
    expect(retryAfterMs(throttled('Wed, 21 Oct 2026 07:28:00 GMT'))).toBeUndefined();
    expect(retryAfterMs(throttled('1', 500))).toBeUndefined();
    expect(retryAfterMs(new Error('ECONNRESET'))).toBeUndefined();
  });

  test('a hinted answer is waited out and sent again, then the call succeeds', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await honouringRetryAfter(async () => {
      calls++;
      if (calls < 3) throw throttled('1');
      return 'ok';
    }, { wait: async (ms) => { waits.push(ms); }, random: () => 0 });
    expect([result, calls, waits]).toEqual(['ok', 3, [1000, 1000]]);
  });

  test('each wait is the hint plus up to half of it again, so requests turned away together come back apart', async () => {
    const waits: number[] = [];
    const draws = [0, 0.5, 0.999];
    await expect(honouringRetryAfter(async () => { throw throttled('2'); }, {
      wait: async (ms) => { waits.push(ms); },
      random: () => draws[waits.length],
    })).rejects.toThrow('Too many requests');
    expect(waits).toEqual([2000, 2500, 2999]);
  });

  test('after a few hinted retries the error goes to Temporal, whose backoff takes over', async () => {
    let calls = 0;
    const call = honouringRetryAfter(async () => { calls++; throw throttled('1'); }, { wait: async () => undefined });
    await expect(call).rejects.toThrow('Too many requests');
    expect(calls).toBe(MAX_HINTED_RETRIES + 1);
  });

  test('an answer without a hint is not retried here', async () => {
    let calls = 0;
    await expect(honouringRetryAfter(async () => { calls++; throw throttled(); }, { wait: async () => undefined })).rejects.toThrow();
    expect(calls).toBe(1);
  });

  test('a request cut off by the per-request timeout is a retryable failure without a bogus HTTP code', () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    const failure = kubeFailure(timeout, 'read Job a/b');
    expect([failure.message, failure.nonRetryable]).toEqual(['read Job a/b: The operation was aborted due to timeout', false]);
  });
});
