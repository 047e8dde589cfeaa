// Which V8 flags `hooksync worker` sets for itself (worker/heapFlags.ts): the memory-saving
// defaults, or exactly what HOOKSYNC_WORKER_V8_FLAGS lists (nothing when it is empty), and a clear
// message naming the variable when it holds something that is not a flag.
import { DEFAULT_WORKER_V8_FLAGS, V8FlagsError, V8_FLAGS_ENV, workerV8Flags } from '../../../worker/heapFlags';

test('unset, the worker keeps the young generation small and prefers compact code', () => {
  expect(workerV8Flags({})).toEqual(['--max-semi-space-size=2', '--semi-space-growth-factor=1', '--optimize-for-size']);
  expect(workerV8Flags({})).toEqual([...DEFAULT_WORKER_V8_FLAGS]);
});

test.each([
  ['empty', '', []],
  ['only blanks', '  \n\t ', []],
  ['one flag', '--max-semi-space-size=4', ['--max-semi-space-size=4']],
  ['several, any whitespace between', ' --optimize-for-size\t --max-old-space-size=300 \n', ['--optimize-for-size', '--max-old-space-size=300']],
  ['a flag with underscores', '--max_semi_space_size=1', ['--max_semi_space_size=1']],
])('set (%s), it replaces the defaults', (_name, value, expected) => {
  expect(workerV8Flags({ [V8_FLAGS_ENV]: value })).toEqual(expected);
});

test.each([
  ['a word without dashes', 'optimize-for-size', '"optimize-for-size"'],
  ['a single dash', '-max-semi-space-size=2', '"-max-semi-space-size=2"'],
  ['a bare double dash', '--optimize-for-size --', '"--"'],
  ['an empty value', '--max-semi-space-size=', '"--max-semi-space-size="'],
  ['a flag in quotes (the shell keeps them inside the variable)', '\'--optimize-for-size\'', '"\'--optimize-for-size\'"'],
])('%s is refused, naming the variable and the word', (_name, value, named) => {
  const parse = () => workerV8Flags({ [V8_FLAGS_ENV]: value });
  expect(parse).toThrow(V8FlagsError);
  expect(parse).toThrow(`${V8_FLAGS_ENV}: ${named} is not a V8 flag`);
});

test('every bad word is named at once', () => {
  expect(() => workerV8Flags({ [V8_FLAGS_ENV]: 'a --optimize-for-size b' })).toThrow(`${V8_FLAGS_ENV}: "a", "b" is not a V8 flag`);
});
