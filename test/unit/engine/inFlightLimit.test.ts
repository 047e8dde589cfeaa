// The bound on a KubeClient's requests in flight (activities/inFlightLimit.ts): never more than the
// limit at once, waiting calls start in the order they came, a failed call gives its slot back
// like a successful one, and a slot is free again only after the turn of the event loop in which
// its call settled (when the socket of a finished response is back in the agent's free list).
import { inFlightLimit } from '../../../activities/inFlightLimit';

interface Gate {
  open(): void;
  fail(): void;
  promise: Promise<string>;
}

function gate(name: string): Gate {
  let open = () => {};
  let fail = () => {};
  const promise = new Promise<string>((resolve, reject) => {
    open = () => resolve(name);
    fail = () => reject(new Error(`${name} failed`));
  });
  return { open, fail, promise };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Enough turns for every release and start that is due to have happened. */
const settle = async () => { for (let i = 0; i < 3; i++) await nextTurn(); };

test('at most `limit` calls run at once; the others start in order as slots come back', async () => {
  const limited = inFlightLimit(2);
  const gates = ['a', 'b', 'c', 'd'].map(gate);
  const started: string[] = [];
  const results = gates.map((g, i) => limited(() => { started.push('abcd'[i]); return g.promise; }));
  await settle();
  expect(started).toEqual(['a', 'b']);
  gates[1].open();
  await settle();
  expect(started).toEqual(['a', 'b', 'c']);
  gates[0].open();
  gates[2].open();
  await settle();
  expect(started).toEqual(['a', 'b', 'c', 'd']);
  gates[3].open();
  await expect(Promise.all(results)).resolves.toEqual(['a', 'b', 'c', 'd']);
});

test('a failed call gives its slot back and its caller gets the error', async () => {
  const limited = inFlightLimit(1);
  const first = gate('first');
  const second = gate('second');
  const failed = limited(() => first.promise);
  const waiting = limited(() => second.promise);
  first.fail();
  await expect(failed).rejects.toThrow('first failed');
  await settle();
  second.open();
  await expect(waiting).resolves.toBe('second');
});

test('a call that throws before it returns a promise frees its slot too', async () => {
  const limited = inFlightLimit(1);
  await expect(limited(() => { throw new Error('bad request'); })).rejects.toThrow('bad request');
  await expect(limited(async () => 'next')).resolves.toBe('next');
});

test('the slot is free again only on the turn after the call settled, not in the same one', async () => {
  const limited = inFlightLimit(1);
  const events: string[] = [];
  const first = limited(async () => { events.push('first'); });
  const second = limited(async () => { events.push('second'); });
  await first;
  // Microtasks after `first` settled run before the released slot is handed on.
  await Promise.resolve();
  events.push('after first settled');
  await second;
  expect(events).toEqual(['first', 'after first settled', 'second']);
});
