// `hooksync worker` sets its V8 flags from HOOKSYNC_WORKER_V8_FLAGS (worker/heapFlags.ts): a value
// that is not a list of flags is bad input, exit 2 with one line naming the variable, no stack
// trace and no worker; the defaults and an empty value start a worker that polls.
import { startWorkerProcess, killWorker } from '../../support/workerProcess';

const exitOf = (worker: ReturnType<typeof startWorkerProcess>) =>
  new Promise<number | null>((resolve) => worker.child.once('exit', (code) => resolve(code)));

test('a value that is not a flag: exit 2, the variable and the word named, no stack trace', async () => {
  const worker = startWorkerProcess('rss-v8flags-bad', { HOOKSYNC_WORKER_V8_FLAGS: 'max-semi-space-size=2' });
  worker.ready.catch(() => undefined);
  expect(await exitOf(worker)).toBe(2);
  expect(worker.output().trim()).toBe('hooksync: HOOKSYNC_WORKER_V8_FLAGS: "max-semi-space-size=2" is not a V8 flag such as --max-semi-space-size=2 (leave the variable empty for none)');
});

test.each([
  ['unset (the defaults)', {}],
  ['empty (none)', { HOOKSYNC_WORKER_V8_FLAGS: '' }],
])('%s: the worker starts and polls, with nothing else in its log', async (_name, env) => {
  const worker = startWorkerProcess(`rss-v8flags-${Object.keys(env).length}`, env);
  try {
    await worker.ready;
    expect(worker.output().trim()).toMatch(/^hooksync worker for cluster rss-v8flags-\d polling task queue hooksync\.rss-v8flags-\d$/);
  } finally {
    await killWorker(worker);
  }
});
