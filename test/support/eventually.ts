// Polls an expectation until it holds or the time is up; the last failure is what the test reports.
// Tests wait with this, never with sleep-then-assert.
//
// The deadline only ends a wait that would never end (a hung sync, a condition that cannot come
// true); it never paces a test, so it is generous: on a loaded machine (load 12-16 on 2 cores) a
// sync's first step alone can take a minute. Callers wait for a condition, not for a duration.
export const EVENTUALLY_TIMEOUT_MS = 3 * 60_000;

export async function eventually<T>(
  check: () => Promise<T> | T,
  { timeoutMs = EVENTUALLY_TIMEOUT_MS, intervalMs = 250 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() >= deadline) throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
