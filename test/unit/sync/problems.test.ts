import { describeObject, formatProblem, formatSource, formatWarning } from '../../../sync/problems';

describe('problems', () => {
  test.each([
    [{ kind: 'Job', namespace: 'db', name: 'migrate' }, 'Job db/migrate'],
    [{ kind: 'ClusterRole', namespace: '', name: 'reader' }, 'ClusterRole reader'],
    [{ kind: '', namespace: '', name: '' }, '<no kind> <no name>'],
  ])('describeObject(%j) is %j', (ref, text) => {
    expect(describeObject(ref)).toBe(text);
  });

  test.each([
    [{ file: 'app.yaml', document: 0, line: 1 }, 'app.yaml:1 (document 1)'],
    [{ file: '<stdin>', document: 3 }, '<stdin> (document 4)'],
    [{ file: 'list.yaml', document: 0, line: 5, listItem: 2 }, 'list.yaml:5 (document 1, item 3)'],
  ])('formatSource(%j) is %j', (source, text) => {
    expect(formatSource(source)).toBe(text);
  });

  test('a problem is one line naming file, document, object, field, value and allowed values', () => {
    const line = formatProblem({
      source: { file: 'charts/app.yaml', document: 2, line: 40 },
      object: 'Job db/migrate',
      field: 'metadata.annotations["argocd.argoproj.io/hook"]',
      value: 'Presync',
      allowed: ['PreSync', 'Sync'],
      message: 'unknown hook type',
    });
    expect(line).toBe('charts/app.yaml:40 (document 3): Job db/migrate: metadata.annotations["argocd.argoproj.io/hook"]: unknown hook type (found "Presync"); allowed: PreSync, Sync');
    expect(line).not.toContain('\n');
  });

  test('a missing value and an open set of values are left out of the line', () => {
    const line = formatProblem({ source: { file: 'a.yaml', document: 0 }, object: 'ConfigMap x', field: 'metadata.name', allowed: [], message: 'missing' });
    expect(line).toBe('a.yaml (document 1): ConfigMap x: metadata.name: missing');
  });

  test('a warning without a source or field is still one readable line', () => {
    expect(formatWarning({ object: 'ConfigMap a/b', message: 'careful' })).toBe('ConfigMap a/b: careful');
  });
});
