// Requests the API server turned away for load: 429 (API Priority and Fairness) or 503, with a
// Retry-After header saying when to come back. Such a request was not processed, so sending it
// again is safe, writes included. client-go waits the hinted time and retries; client-node does
// not retry at all (reliability notes §2.5), so this does, a few times and briefly: anything
// longer is left to Temporal's activity retry with backoff, which also survives a worker restart.
// Each wait is the hint plus up to half of it again, at random: requests turned away together
// would otherwise all come back in the same millisecond and be turned away together again.

/** Hinted waits are capped: a server that asks for longer is left to Temporal's backoff. */
export const MAX_HINTED_WAIT_MS = 3_000;
export const MAX_HINTED_RETRIES = 3;

interface ResponseErrorLike {
  code?: number | string;
  headers?: Record<string, string | undefined>;
}

/** The server's hint in milliseconds, when `err` is a 429 or 503 that carries a Retry-After in seconds. */
export function retryAfterMs(err: unknown): number | undefined {
  const { code, headers } = (err ?? {}) as ResponseErrorLike;
  if (code !== 429 && code !== 503) return undefined;
  const value = headers?.['retry-after'] ?? headers?.['Retry-After'];
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Math.min(Number(value) * 1000, MAX_HINTED_WAIT_MS);
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface HintedRetryOptions {
  wait?: (ms: number) => Promise<void>;
  /** A number in [0, 1): how much of the extra half-hint a wait takes. */
  random?: () => number;
}

/** Runs `call`, waiting and sending it again while the server answers with a Retry-After hint. */
export async function honouringRetryAfter<T>(call: () => Promise<T>, { wait = delay, random = Math.random }: HintedRetryOptions = {}): Promise<T> {
  for (let retries = 0; ; retries++) {
    try {
      return await call();
    } catch (err) {
      const hint = retryAfterMs(err);
      if (hint === undefined || retries >= MAX_HINTED_RETRIES) throw err;
      await wait(Math.round(hint * (1 + random() / 2)));
    }
  }
}
