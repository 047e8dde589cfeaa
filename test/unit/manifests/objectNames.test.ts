// Names the API server would refuse (client/manifests/objectNames.ts).
import { nameProblem, namespaceProblem } from '../../../client/manifests/objectNames';

describe('nameProblem', () => {
  test.each<{ name: string; kind: string; value: string; ok: boolean }>([
    { name: 'a DNS subdomain ConfigMap name', kind: 'ConfigMap', value: 'web.config-1', ok: true },
    { name: 'upper case in a ConfigMap', kind: 'ConfigMap', value: 'Web', ok: false },
    { name: 'an underscore in a Job', kind: 'Job', value: 'db_migrate', ok: false },
    { name: 'a ConfigMap of 253 characters', kind: 'ConfigMap', value: 'a'.repeat(253), ok: true },
    { name: 'a ConfigMap of 254 characters', kind: 'ConfigMap', value: 'a'.repeat(254), ok: false },
    { name: 'a dot in a Service (a DNS label)', kind: 'Service', value: 'web.v1', ok: false },
    { name: 'a Service of 64 characters', kind: 'Service', value: 'a'.repeat(64), ok: false },
    { name: 'a trailing dash', kind: 'Deployment', value: 'web-', ok: false },
    { name: 'a colon in a ClusterRole, as system roles have', kind: 'ClusterRole', value: 'system:auth-delegator', ok: true },
    { name: 'a slash in a custom resource', kind: 'Widget', value: 'a/b', ok: false },
    { name: '".." in a custom resource', kind: 'Widget', value: '..', ok: false },
    { name: 'upper case in a custom resource (its schema decides)', kind: 'Widget', value: 'Gizmo', ok: true },
  ])('$name', ({ kind, value, ok }) => {
    expect(nameProblem(kind, value) === undefined).toBe(ok);
  });

  test('the message says what a valid name looks like', () => {
    expect(nameProblem('ConfigMap', 'Web_Config')).toBe('not a valid ConfigMap name: use lowercase letters, digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters');
  });
});

describe('namespaceProblem', () => {
  test.each([['shop', true], ['shop-prod', true], ['Shop', false], ['shop.prod', false], ['a'.repeat(64), false]] as const)('%s', (value, ok) => {
    expect(namespaceProblem(value) === undefined).toBe(ok);
  });
});
