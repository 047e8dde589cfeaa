// The marks hooksync leaves on the objects it writes (sync/stamp.ts, DESIGN §3).
import { type KubeObject } from '../../../sync/manifest';
import {
  APP_LABEL, ATTEMPT_ANNOTATION, HOOK_FINALIZER, MANAGED_BY_LABEL, SYNC_ID_ANNOTATION,
  appSelector, carriesStamp, owningApp, stampHook, stampResource, type HookStamp,
} from '../../../sync/stamp';

const stamp: HookStamp = { app: 'shop', syncId: 'sync-7', attempt: 2, phase: 'PreSync' };

function object(metadata: KubeObject['metadata'] = {}): KubeObject {
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate', namespace: 'apps', ...metadata }, spec: { template: {} } };
}

describe('constants', () => {
  test('names other tools rely on (DESIGN §3)', () => {
    expect([MANAGED_BY_LABEL, APP_LABEL, SYNC_ID_ANNOTATION, ATTEMPT_ANNOTATION, HOOK_FINALIZER]).toEqual([
      'app.kubernetes.io/managed-by', 'hooksync.io/app', 'hooksync.io/sync-id', 'hooksync.io/attempt', 'hooksync.io/hook-finalizer',
    ]);
  });
});

describe('appSelector', () => {
  test.each([
    ['shop', 'app.kubernetes.io/managed-by=hooksync,hooksync.io/app=shop'],
    ['guestbook-prod', 'app.kubernetes.io/managed-by=hooksync,hooksync.io/app=guestbook-prod'],
  ])('%s', (app, selector) => {
    expect(appSelector(app)).toBe(selector);
  });
});

describe('stampResource', () => {
  test.each<{ name: string; labels: Record<string, string> | undefined; expected: Record<string, string> }>([
    { name: 'no labels', labels: undefined, expected: { 'app.kubernetes.io/managed-by': 'hooksync', 'hooksync.io/app': 'shop' } },
    { name: 'user labels kept', labels: { tier: 'web' }, expected: { tier: 'web', 'app.kubernetes.io/managed-by': 'hooksync', 'hooksync.io/app': 'shop' } },
    { name: 'our labels win over the manifest\'s', labels: { 'app.kubernetes.io/managed-by': 'helm', 'hooksync.io/app': 'other' }, expected: { 'app.kubernetes.io/managed-by': 'hooksync', 'hooksync.io/app': 'shop' } },
  ])('$name', ({ labels, expected }) => {
    const input = object(labels ? { labels } : {});
    const before = structuredClone(input);
    const out = stampResource(input, 'shop');
    expect(out.metadata.labels).toEqual(expected);
    const annotations = { 'hooksync.io/tracking-id': 'shop:batch/Job:apps/migrate' };
    expect(out).toEqual({ ...before, metadata: { ...before.metadata, labels: expected, annotations } });
    expect(input).toEqual(before);
  });

  test('adds the tracking id and no finalizer; user annotations kept', () => {
    const out = stampResource(object({ annotations: { note: 'x' } }), 'shop');
    expect(out.metadata.annotations).toEqual({ note: 'x', 'hooksync.io/tracking-id': 'shop:batch/Job:apps/migrate' });
    expect(out.metadata.finalizers).toBeUndefined();
  });

  test('a cluster-scoped object has an empty namespace in its tracking id', () => {
    const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } };
    expect(stampResource(ns, 'shop').metadata.annotations).toEqual({ 'hooksync.io/tracking-id': 'shop:/Namespace:/shop' });
  });
});

describe('stampHook', () => {
  test.each<{ name: string; metadata: KubeObject['metadata']; annotations: Record<string, string>; finalizers: string[] }>([
    {
      name: 'bare hook',
      metadata: {},
      annotations: { 'hooksync.io/sync-id': 'sync-7', 'hooksync.io/attempt': '2', 'hooksync.io/phase': 'PreSync', 'hooksync.io/tracking-id': 'shop:batch/Job:apps/migrate' },
      finalizers: ['hooksync.io/hook-finalizer'],
    },
    {
      name: 'user annotations and finalizers kept, ours appended',
      metadata: { annotations: { 'argocd.argoproj.io/hook': 'PreSync' }, finalizers: ['example.com/keep'] },
      annotations: { 'argocd.argoproj.io/hook': 'PreSync', 'hooksync.io/sync-id': 'sync-7', 'hooksync.io/attempt': '2', 'hooksync.io/phase': 'PreSync', 'hooksync.io/tracking-id': 'shop:batch/Job:apps/migrate' },
      finalizers: ['example.com/keep', 'hooksync.io/hook-finalizer'],
    },
    {
      name: 'finalizer already present is not added twice',
      metadata: { finalizers: ['hooksync.io/hook-finalizer', 'example.com/keep'] },
      annotations: { 'hooksync.io/sync-id': 'sync-7', 'hooksync.io/attempt': '2', 'hooksync.io/phase': 'PreSync', 'hooksync.io/tracking-id': 'shop:batch/Job:apps/migrate' },
      finalizers: ['hooksync.io/hook-finalizer', 'example.com/keep'],
    },
    {
      name: 'a stale stamp in the manifest is replaced',
      metadata: { annotations: { 'hooksync.io/sync-id': 'old', 'hooksync.io/attempt': '0' } },
      annotations: { 'hooksync.io/sync-id': 'sync-7', 'hooksync.io/attempt': '2', 'hooksync.io/phase': 'PreSync', 'hooksync.io/tracking-id': 'shop:batch/Job:apps/migrate' },
      finalizers: ['hooksync.io/hook-finalizer'],
    },
  ])('$name', ({ metadata, annotations, finalizers }) => {
    const input = object(metadata);
    const before = structuredClone(input);
    const out = stampHook(input, stamp);
    expect(out.metadata).toEqual({
      ...before.metadata,
      labels: { 'app.kubernetes.io/managed-by': 'hooksync', 'hooksync.io/app': 'shop' },
      annotations,
      finalizers,
    });
    expect(out.spec).toEqual(before.spec);
    expect(input).toEqual(before);
  });

  test('stamping twice gives the same object', () => {
    const once = stampHook(object({ finalizers: ['a'] }), stamp);
    expect(stampHook(once, stamp)).toEqual(once);
  });

  test('attempt 0 is written as "0"', () => {
    expect(stampHook(object(), { ...stamp, attempt: 0 }).metadata.annotations?.[ATTEMPT_ANNOTATION]).toBe('0');
  });
});

describe('carriesStamp', () => {
  test.each<{ name: string; annotations: Record<string, string> | undefined; expected: boolean }>([
    { name: 'same sync, attempt and phase', annotations: { 'hooksync.io/sync-id': 'sync-7', 'hooksync.io/attempt': '2', 'hooksync.io/phase': 'PreSync' }, expected: true },
    { name: 'R1.6 same sync and attempt, another phase of a multi-phase hook', annotations: { 'hooksync.io/sync-id': 'sync-7', 'hooksync.io/attempt': '2', 'hooksync.io/phase': 'PostSync' }, expected: false },
    { name: 'same sync and attempt, no phase', annotations: { 'hooksync.io/sync-id': 'sync-7', 'hooksync.io/attempt': '2' }, expected: false },
    { name: 'another attempt of the same sync', annotations: { 'hooksync.io/sync-id': 'sync-7', 'hooksync.io/attempt': '1', 'hooksync.io/phase': 'PreSync' }, expected: false },
    { name: 'another sync, same attempt', annotations: { 'hooksync.io/sync-id': 'sync-6', 'hooksync.io/attempt': '2', 'hooksync.io/phase': 'PreSync' }, expected: false },
    { name: 'sync id only', annotations: { 'hooksync.io/sync-id': 'sync-7' }, expected: false },
    { name: 'attempt only', annotations: { 'hooksync.io/attempt': '2' }, expected: false },
    { name: 'attempt not in canonical form', annotations: { 'hooksync.io/sync-id': 'sync-7', 'hooksync.io/attempt': '02' }, expected: false },
    { name: 'no annotations', annotations: undefined, expected: false },
  ])('$name -> $expected', ({ annotations, expected }) => {
    expect(carriesStamp(object(annotations ? { annotations } : {}), stamp)).toBe(expected);
  });

  test('what stampHook writes is recognised', () => {
    expect(carriesStamp(stampHook(object(), stamp), stamp)).toBe(true);
    expect(carriesStamp(stampHook(object(), stamp), { ...stamp, attempt: 3 })).toBe(false);
    expect(carriesStamp(stampHook(object(), stamp), { ...stamp, phase: 'PostSync' })).toBe(false);
  });
});

describe('owningApp', () => {
  test.each<{ name: string; id: string | undefined; expected: string | undefined }>([
    { name: 'tracking id of this very object', id: 'shop:batch/Job:apps/migrate', expected: 'shop' },
    { name: 'app names may contain dashes', id: 'shop-prod:batch/Job:apps/migrate', expected: 'shop-prod' },
    { name: 'a copy under another name is not owned', id: 'shop:batch/Job:apps/migrate-old', expected: undefined },
    { name: 'a copy in another namespace is not owned', id: 'shop:batch/Job:other/migrate', expected: undefined },
    { name: 'another kind with the same name is not owned', id: 'shop:/ConfigMap:apps/migrate', expected: undefined },
    { name: 'no app before the colon', id: ':batch/Job:apps/migrate', expected: undefined },
    { name: 'not a tracking id', id: 'shop', expected: undefined },
    { name: 'no tracking id (labels alone do not own)', id: undefined, expected: undefined },
  ])('$name -> $expected', ({ id, expected }) => {
    const labels = { 'app.kubernetes.io/managed-by': 'hooksync', 'hooksync.io/app': 'shop' };
    expect(owningApp(object(id ? { labels, annotations: { 'hooksync.io/tracking-id': id } } : { labels }))).toBe(expected);
  });

  test('what stampResource writes names the app', () => {
    expect(owningApp(stampResource(object(), 'shop'))).toBe('shop');
  });
});
