// Runs a list of async jobs with at most `limit` in flight, results in input order. The dry run
// checks every object of a sync, and a big group applies its objects side by side; one at a time
// they would take as long as the round trips add up to. After a job fails no new one starts, and
// the error is thrown once the jobs in flight have settled: nothing of a failed attempt runs on.

export async function boundedParallel<T, R>(items: readonly T[], limit: number, job: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    while (next < items.length && !failure) {
      const index = next++;
      try {
        results[index] = await job(items[index]);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure) throw failure.error;
  return results;
}
