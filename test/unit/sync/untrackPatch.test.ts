// untrackPatch: what `delete --cascade=false` sends to each object (sync/untrackPatch.ts).
import { stampHook, stampResource } from '../../../sync/stamp';
import { untrackPatch } from '../../../sync/untrackPatch';
import type { KubeObject } from '../../../sync/manifest';

const configMap: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop', labels: { team: 'blue' } } };
const live = (object: KubeObject, extra: Record<string, unknown> = {}) => ({ ...object, metadata: { ...object.metadata, uid: 'u1', ...extra } });

test('removes the app label, managed-by and the tracking id, each after a test of its value, the uid tested first', () => {
  expect(untrackPatch(live(stampResource(configMap, 'shop')), 'shop')).toEqual([
    { op: 'test', path: '/metadata/uid', value: 'u1' },
    { op: 'test', path: '/metadata/labels/hooksync.io~1app', value: 'shop' },
    { op: 'remove', path: '/metadata/labels/hooksync.io~1app' },
    { op: 'test', path: '/metadata/labels/app.kubernetes.io~1managed-by', value: 'hooksync' },
    { op: 'remove', path: '/metadata/labels/app.kubernetes.io~1managed-by' },
    { op: 'test', path: '/metadata/annotations/hooksync.io~1tracking-id', value: 'shop:/ConfigMap:shop/settings' },
    { op: 'remove', path: '/metadata/annotations/hooksync.io~1tracking-id' },
  ]);
});

test("a hook's finalizer of ours goes too, tested at the index read", () => {
  const hook = live(stampHook({ ...configMap, metadata: { ...configMap.metadata, finalizers: ['other'] } }, { app: 'shop', syncId: 's', attempt: 0, phase: 'PreSync' }));
  expect(untrackPatch(hook, 'shop').slice(-2)).toEqual([
    { op: 'test', path: '/metadata/finalizers/1', value: 'hooksync.io/hook-finalizer' },
    { op: 'remove', path: '/metadata/finalizers/1' },
  ]);
});

test('an object already untracked (a retry after a crash) or another app\'s needs no patch', () => {
  expect(untrackPatch(live(configMap), 'shop')).toEqual([]);
  expect(untrackPatch(live(stampResource(configMap, 'blog')), 'shop')).toEqual([]);
});
