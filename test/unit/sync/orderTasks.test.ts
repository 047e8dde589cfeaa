import { compareTasks, orderTasks } from '../../../sync/orderTasks';
import { type SyncPhase, type SyncTask } from '../../../sync/types';

interface TaskSpec {
  phase?: SyncPhase;
  wave?: number;
  apiVersion?: string;
  kind: string;
  name: string;
  namespace?: string;
  prune?: boolean;
  spec?: unknown;
}

function task(t: TaskSpec): SyncTask {
  const apiVersion = t.apiVersion ?? 'v1';
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const namespace = t.namespace ?? '';
  return {
    phase: t.phase ?? 'Sync',
    wave: t.wave ?? 0,
    ref: { group, version: apiVersion.split('/').pop() ?? '', kind: t.kind, namespace, name: t.name },
    hookTypes: t.phase && t.phase !== 'Sync' ? [t.phase] : [],
    deletePolicies: [],
    prune: t.prune ?? false,
    generatedName: false,
    object: { apiVersion, kind: t.kind, metadata: { name: t.name, namespace }, spec: t.spec },
  };
}

/** `phase/wave Kind ns/name`, the facts each case asserts. */
function show(tasks: SyncTask[]): string[] {
  return tasks.map((t) => `${t.phase}/${t.wave} ${t.ref.kind} ${t.ref.namespace ? `${t.ref.namespace}/` : ''}${t.ref.name}`);
}

const crd = (name: string, group: string, kind: string, wave = 0): SyncTask =>
  task({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name, wave, spec: { group, names: { kind } } });

const cases: Array<{ name: string; tasks: SyncTask[]; order: string[] }> = [
  {
    name: '§3.2 phases run PreSync, Sync, PostSync, SyncFail',
    tasks: [task({ phase: 'SyncFail', kind: 'Job', name: 'a' }), task({ phase: 'PostSync', kind: 'Job', name: 'b' }), task({ kind: 'Job', name: 'c' }), task({ phase: 'PreSync', kind: 'Job', name: 'd' })],
    order: ['PreSync/0 Job d', 'Sync/0 Job c', 'PostSync/0 Job b', 'SyncFail/0 Job a'],
  },
  {
    name: '§3.4 waves order tasks inside a phase only: PreSync wave 10 runs before Sync wave -10',
    tasks: [task({ kind: 'Secret', name: 'a', wave: -10 }), task({ phase: 'PreSync', kind: 'Job', name: 'b', wave: 10 }), task({ kind: 'Secret', name: 'c', wave: -20 })],
    order: ['PreSync/10 Job b', 'Sync/-20 Secret c', 'Sync/-10 Secret a'],
  },
  {
    name: '§3.2 kind order inside a wave: Service before Deployment before Job',
    tasks: [task({ apiVersion: 'batch/v1', kind: 'Job', name: 'a' }), task({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'a' }), task({ kind: 'Service', name: 'z' })],
    order: ['Sync/0 Service z', 'Sync/0 Deployment a', 'Sync/0 Job a'],
  },
  {
    name: '§3.2 kinds not in the list rank after every listed kind, then by name',
    tasks: [task({ apiVersion: 'x.io/v1', kind: 'Widget', name: 'b' }), task({ apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', name: 'z' }), task({ apiVersion: 'y.io/v1', kind: 'Alpha', name: 'c' })],
    order: ['Sync/0 APIService z', 'Sync/0 Widget b', 'Sync/0 Alpha c'],
  },
  {
    name: '§3.2 names compare byte-wise',
    tasks: [task({ kind: 'ConfigMap', name: 'b' }), task({ kind: 'ConfigMap', name: 'a.b' }), task({ kind: 'ConfigMap', name: 'a-b' })],
    order: ['Sync/0 ConfigMap a-b', 'Sync/0 ConfigMap a.b', 'Sync/0 ConfigMap b'],
  },
  {
    name: '§3.2 objects that tie on phase, wave, kind and name are ordered by namespace',
    tasks: [task({ kind: 'ConfigMap', name: 'a', namespace: 'y' }), task({ kind: 'ConfigMap', name: 'a', namespace: 'x' })],
    order: ['Sync/0 ConfigMap x/a', 'Sync/0 ConfigMap y/a'],
  },
  {
    name: '§3.3 a Namespace is pulled into PreSync, in front of a hook that lives in it',
    tasks: [task({ kind: 'Namespace', name: 'shop', wave: -100 }), task({ phase: 'PreSync', wave: 3, kind: 'Job', name: 'migrate', namespace: 'shop' })],
    order: ['PreSync/3 Namespace shop', 'PreSync/3 Job shop/migrate'],
  },
  {
    name: '§3.3 a Namespace already in front of its users keeps its phase and wave',
    tasks: [task({ kind: 'ConfigMap', name: 'c', namespace: 'shop', wave: 2 }), task({ kind: 'Namespace', name: 'shop', wave: -1 })],
    order: ['Sync/-1 Namespace shop', 'Sync/2 ConfigMap shop/c'],
  },
  {
    name: '§3.3 a Namespace of another API group is not a dependency',
    tasks: [task({ kind: 'ConfigMap', name: 'c', namespace: 'shop', wave: -1 }), task({ apiVersion: 'x.io/v1', kind: 'Namespace', name: 'shop' })],
    order: ['Sync/-1 ConfigMap shop/c', 'Sync/0 Namespace shop'],
  },
  {
    name: '§3.3 a CRD is pulled in front of its first custom resource and takes its wave',
    tasks: [crd('carts.shop.io', 'shop.io', 'Cart', 5), task({ apiVersion: 'shop.io/v1', kind: 'Cart', name: 'main', wave: -2 }), task({ apiVersion: 'other.io/v1', kind: 'Cart', name: 'a', wave: -3 })],
    order: ['Sync/-3 Cart a', 'Sync/-2 CustomResourceDefinition carts.shop.io', 'Sync/-2 Cart main'],
  },
  {
    name: '§3.3 a CRD already in front of its resources stays where it is',
    tasks: [task({ apiVersion: 'shop.io/v1', kind: 'Cart', name: 'main', wave: 1 }), crd('carts.shop.io', 'shop.io', 'Cart')],
    order: ['Sync/0 CustomResourceDefinition carts.shop.io', 'Sync/1 Cart main'],
  },
  {
    name: '§3.3 prune tasks are neither moved nor count as users of a namespace',
    tasks: [task({ kind: 'ConfigMap', name: 'old', namespace: 'shop', wave: -1, prune: true }), task({ kind: 'Namespace', name: 'shop', wave: 4, prune: true }), task({ kind: 'Namespace', name: 'x' })],
    order: ['Sync/-1 ConfigMap shop/old', 'Sync/0 Namespace x', 'Sync/4 Namespace shop'],
  },
];

describe('orderTasks', () => {
  test.each(cases)('$name', ({ tasks, order }) => {
    expect(show(orderTasks(tasks))).toEqual(order);
    expect(show(orderTasks([...tasks].reverse()))).toEqual(order);
  });

  test('§3.2 the comparator is a total order: distinct tasks never compare equal', () => {
    const a = task({ apiVersion: 'a.io/v1', kind: 'Thing', name: 'n', namespace: 'ns' });
    const b = task({ apiVersion: 'b.io/v1', kind: 'Thing', name: 'n', namespace: 'ns' });
    expect(Math.sign(compareTasks(a, b))).toBe(-1);
    expect(Math.sign(compareTasks(b, a))).toBe(1);
  });

  test('the input array is not modified', () => {
    const tasks = [task({ kind: 'Secret', name: 'b' }), task({ kind: 'Namespace', name: 'a' })];
    const before = show(tasks);
    orderTasks(tasks);
    expect(show(tasks)).toEqual(before);
  });
});
