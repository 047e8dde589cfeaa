import { argoCdApp, otherHooksyncApp } from '../../../sync/sharedResource';
import { stampResource } from '../../../sync/stamp';
import type { KubeObject } from '../../../sync/manifest';

const object = (annotations: Record<string, string> = {}, apiVersion = 'v1', kind = 'ConfigMap'): KubeObject => ({
  apiVersion, kind, metadata: { name: 'web', namespace: 'shop', annotations },
});

describe('argoCdApp', () => {
  test('reads the application from a tracking id that names this very object', () => {
    expect(argoCdApp(object({ 'argocd.argoproj.io/tracking-id': 'legacy:/ConfigMap:shop/web' }))).toBe('legacy');
    expect(argoCdApp(object({ 'argocd.argoproj.io/tracking-id': 'infra:apps/Deployment:shop/web' }, 'apps/v1', 'Deployment'))).toBe('infra');
  });

  test('a copy under another name, namespace or kind is not tracked by it', () => {
    expect(argoCdApp(object({ 'argocd.argoproj.io/tracking-id': 'legacy:/ConfigMap:shop/original' }))).toBeUndefined();
    expect(argoCdApp(object({ 'argocd.argoproj.io/tracking-id': 'legacy:/ConfigMap:other/web' }))).toBeUndefined();
    expect(argoCdApp(object({ 'argocd.argoproj.io/tracking-id': 'legacy:apps/ConfigMap:shop/web' }))).toBeUndefined();
  });

  test('no annotation or a malformed one: untracked', () => {
    expect(argoCdApp(object())).toBeUndefined();
    expect(argoCdApp(object({ 'argocd.argoproj.io/tracking-id': 'legacy' }))).toBeUndefined();
  });
});

describe('otherHooksyncApp', () => {
  test("names the other app, never the syncing one", () => {
    const live = stampResource(object(), 'first');
    expect(otherHooksyncApp(live, 'second')).toBe('first');
    expect(otherHooksyncApp(live, 'first')).toBeUndefined();
    expect(otherHooksyncApp(object(), 'second')).toBeUndefined();
  });
});
