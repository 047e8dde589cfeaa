import { sameStoredObject } from '../../../sync/liveUnchanged';
import type { KubeObject } from '../../../sync/manifest';

const live: KubeObject = {
  apiVersion: 'v1', kind: 'ConfigMap',
  metadata: { name: 'web', namespace: 'shop', resourceVersion: '41', managedFields: [{ manager: 'hooksync', time: '2026-12-03T05:00:00Z' }], labels: { a: '1', b: '2' } },
  data: { k: 'v' },
};

test('what a dry run would store equals the live object when only bookkeeping and key order differ', () => {
  const wouldBe: KubeObject = {
    kind: 'ConfigMap', apiVersion: 'v1', data: { k: 'v' },
    metadata: { labels: { b: '2', a: '1' }, namespace: 'shop', name: 'web', resourceVersion: '42', managedFields: [{ manager: 'hooksync', time: '2026-12-03T06:00:00Z' }] },
  };
  expect(sameStoredObject(wouldBe, live)).toBe(true);
});

test('a changed value, an added field or a removed label is a difference', () => {
  expect(sameStoredObject({ ...live, data: { k: 'w' } }, live)).toBe(false);
  expect(sameStoredObject({ ...live, data: { k: 'v', extra: 'x' } }, live)).toBe(false);
  expect(sameStoredObject({ ...live, metadata: { ...live.metadata, labels: { a: '1' } } }, live)).toBe(false);
});
