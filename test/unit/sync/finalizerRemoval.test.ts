// The guarded JSON patch that takes our hook finalizer off an object (sync/finalizerRemoval.ts).
import { finalizerRemoval, type FinalizerView, type JsonPatchOperation } from '../../../sync/finalizerRemoval';

const OURS = 'hooksync.io/hook-finalizer';

interface Case {
  name: string;
  view: FinalizerView;
  patch: JsonPatchOperation[] | undefined;
}

const cases: Case[] = [
  { name: 'no finalizers at all', view: { uid: 'u1' }, patch: undefined },
  { name: 'an empty list', view: { uid: 'u1', finalizers: [] }, patch: undefined },
  { name: 'only others', view: { uid: 'u1', finalizers: ['example.com/other', 'foregroundDeletion'] }, patch: undefined },
  {
    name: 'ours alone',
    view: { uid: 'u1', finalizers: [OURS] },
    patch: [
      { op: 'test', path: '/metadata/uid', value: 'u1' },
      { op: 'test', path: '/metadata/finalizers/0', value: OURS },
      { op: 'remove', path: '/metadata/finalizers/0' },
    ],
  },
  {
    name: 'ours after the garbage collector\'s: only our index is removed',
    view: { uid: 'u2', finalizers: ['foregroundDeletion', OURS, 'example.com/other'] },
    patch: [
      { op: 'test', path: '/metadata/uid', value: 'u2' },
      { op: 'test', path: '/metadata/finalizers/1', value: OURS },
      { op: 'remove', path: '/metadata/finalizers/1' },
    ],
  },
  {
    name: 'listed twice: the first entry, the next read finds the other',
    view: { uid: 'u3', finalizers: [OURS, OURS] },
    patch: [
      { op: 'test', path: '/metadata/uid', value: 'u3' },
      { op: 'test', path: '/metadata/finalizers/0', value: OURS },
      { op: 'remove', path: '/metadata/finalizers/0' },
    ],
  },
  {
    name: 'a view without a uid tests the entry only',
    view: { finalizers: ['example.com/other', OURS] },
    patch: [
      { op: 'test', path: '/metadata/finalizers/1', value: OURS },
      { op: 'remove', path: '/metadata/finalizers/1' },
    ],
  },
];

test.each(cases)('$name', ({ view, patch }) => {
  expect(finalizerRemoval(view, OURS)).toEqual(patch);
});

test('every remove is preceded by a test of the very entry it removes', () => {
  const patch = finalizerRemoval({ uid: 'u', finalizers: ['a', 'b', OURS] }, OURS) ?? [];
  const removes = patch.flatMap((op, i) => (op.op === 'remove' ? [i] : []));
  expect(removes).toHaveLength(1);
  expect(patch[removes[0] - 1]).toEqual({ op: 'test', path: patch[removes[0]].path, value: OURS });
});
