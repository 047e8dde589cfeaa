import { collectionsOf } from '../../../sync/collections';
import { kindRuns } from '../../../sync/kindRuns';
import { forWaiting } from '../../../sync/waitTask';
import type { ObjectRef, SyncTask } from '../../../sync/types';

function ref(kind: string, name: string, namespace = 'ns', group = '', version = 'v1'): ObjectRef {
  return { group, version, kind, namespace, name };
}

function task(r: ObjectRef): SyncTask {
  return {
    phase: 'Sync', wave: 0, ref: r, hookTypes: [], deletePolicies: [], prune: false, generatedName: false,
    object: { apiVersion: r.group ? `${r.group}/${r.version}` : r.version, kind: r.kind, metadata: { name: r.name, namespace: r.namespace } },
  };
}

const names = (runs: SyncTask[][]) => runs.map((run) => run.map((t) => `${t.ref.kind}/${t.ref.name}`));

describe('kindRuns', () => {
  test('consecutive tasks of one kind form a run; runs keep plan order', () => {
    const tasks = [ref('Namespace', 'a', ''), ref('ConfigMap', 'c1'), ref('ConfigMap', 'c2'), ref('Service', 's'), ref('Deployment', 'd')].map(task);
    expect(names(kindRuns(tasks))).toEqual([['Namespace/a'], ['ConfigMap/c1', 'ConfigMap/c2'], ['Service/s'], ['Deployment/d']]);
  });

  test('a task pulled in front of a kind (a Namespace a ConfigMap needs) splits that kind in two runs', () => {
    const tasks = [ref('ConfigMap', 'c1'), ref('Namespace', 'late', ''), ref('ConfigMap', 'c2')].map(task);
    expect(names(kindRuns(tasks))).toEqual([['ConfigMap/c1'], ['Namespace/late'], ['ConfigMap/c2']]);
  });

  test('same kind name in two API groups is two kinds', () => {
    const tasks = [ref('Widget', 'a', 'ns', 'a.example.com'), ref('Widget', 'b', 'ns', 'b.example.com')].map(task);
    expect(kindRuns(tasks)).toHaveLength(2);
  });

  test('no tasks, no runs', () => {
    expect(kindRuns([])).toEqual([]);
  });
});

describe('collectionsOf', () => {
  test('one collection per API version, kind and namespace, in order of first appearance', () => {
    const refs = [ref('ConfigMap', 'a', 'x'), ref('ConfigMap', 'b', 'y'), ref('ConfigMap', 'c', 'x'), ref('ClusterRole', 'r', '', 'rbac.authorization.k8s.io')];
    const collections = collectionsOf(refs);
    expect(collections.map((c) => [c.first.kind, c.first.namespace, c.refs.map((r) => r.name)])).toEqual([
      ['ConfigMap', 'x', ['a', 'c']],
      ['ConfigMap', 'y', ['b']],
      ['ClusterRole', '', ['r']],
    ]);
  });
});

describe('forWaiting', () => {
  test('keeps identity, kind of task and a prune\'s uid; drops the manifest and its source', () => {
    const full: SyncTask = {
      ...task(ref('ConfigMap', 'a')),
      prune: true,
      source: { file: 'x.yaml', index: 0 } as unknown as SyncTask['source'],
      object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'ns', uid: 'u-1', labels: { x: 'y' } }, data: { big: 'x'.repeat(1000) } },
    };
    const slim = forWaiting(full);
    expect(slim).toEqual({ ...full, source: undefined, object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'ns', uid: 'u-1' } } });
    expect('source' in slim).toBe(false);
    expect(forWaiting(task(ref('ConfigMap', 'b'))).object.metadata).toEqual({ name: 'b', namespace: 'ns' });
  });
});
