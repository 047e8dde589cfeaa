// The pure side of the deleteApp workflow (sync/deleteRun.ts): input checks, messages, dry-run rows.
import { deletePlan } from '../../../sync/deletePlan';
import { deletedMessage, deleteInputProblems, previewRows, untrackedMessage, untrackRows, untrackedUpdate } from '../../../sync/deleteRun';
import { applyUpdates } from '../../../sync/syncRun';
import type { KubeObject } from '../../../sync/manifest';

const object = (name: string, annotations: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'shop', uid: name, annotations } });

test('a malformed input (the workflow started by hand) is named field by field', () => {
  expect(deleteInputProblems({ syncId: 'd', app: 'shop', cluster: 'c', hooks: [], cascade: true })).toEqual([]);
  expect(deleteInputProblems({ syncId: '', app: 'shop', cluster: 'c', hooks: [{ phase: 'PreSync', ref: {}, object: {} }], cascade: 'yes' })).toEqual([
    'syncId must be a non-empty string',
    'hooks must be a list of PreDelete and PostDelete hook tasks (deleteHookTasks)',
    'cascade must be true or false',
  ]);
  expect(deleteInputProblems(null)).toEqual(['the input must be one object (DeleteInput)']);
});

test('the final message counts what was deleted and kept', () => {
  const { plan } = deletePlan([], [object('a'), object('b'), object('c', { 'helm.sh/resource-policy': 'keep' })], { cascade: true });
  expect(deletedMessage('shop', plan)).toBe('app shop deleted: 2 object(s) deleted, 1 kept');
  expect(deletedMessage('shop', deletePlan([], [], { cascade: true }).plan)).toBe('app shop deleted: it had no live objects');
  expect(untrackedMessage('shop', 2)).toBe("app shop untracked (--cascade=false): 2 object(s) left in place without hooksync's labels");
});

test('untrack rows start Pending and take the activity report on the same key', () => {
  const rows = untrackRows([object('a')]);
  expect([...rows.values()].map((r) => r.state)).toEqual(['Pending']);
  applyUpdates(rows, [untrackedUpdate(object('a'), 'untracked')]);
  expect([...rows.values()].map((r) => `${r.name} ${r.state} ${r.message}`)).toEqual(['a PruneSkipped untracked']);
});

test('dry-run rows say what each step would do; kept objects say why', () => {
  const options = (value: string) => ({ 'argocd.argoproj.io/sync-options': value });
  const { plan, untrack } = deletePlan([], [object('a'), object('held', options('Delete=confirm')), object('kept', options('Delete=false'))], { cascade: true });
  expect(previewRows(plan, untrack).map((r) => `${r.name}: ${r.message}`).sort()).toEqual([
    'a: would be deleted, and waited for until gone',
    'held: would be deleted once confirmed (Delete=confirm: hooksync confirm), and waited for until gone',
    'kept: kept (Delete=false)',
  ]);
  const orphaned = deletePlan([], [object('a')], { cascade: false });
  expect(previewRows(orphaned.plan, orphaned.untrack).map((r) => `${r.name}: ${r.message}`)).toEqual(["a: would lose hooksync's labels and tracking id, and stay"]);
});
