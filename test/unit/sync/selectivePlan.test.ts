// A selective sync's plan (`--resource`): only the selected resources, no hooks (Argo CD's
// TestSelectiveSyncOnly, TestSelectiveSyncDoesNotRunHooks), prunes among the selected only, and
// an inventory that still names the kinds of what was not selected.
import { formatPlanText, planToJson } from '../../../sync/formatPlan';
import { inputProblems } from '../../../sync/inputProblems';
import { inventoryAfter, uniqueKinds } from '../../../sync/inventory';
import { type KubeObject } from '../../../sync/manifest';
import { planSync, type PlanOptions } from '../../../sync/planSync';
import { parseResourceSelector, type ResourceSelector } from '../../../sync/resourceSelector';
import { withPrunes } from '../../../sync/withPrunes';
import { planTasks, type SyncPlan } from '../../../sync/types';
import { hookAnnotation, manifest } from './manifests';

const selectors = (...texts: string[]): ResourceSelector[] => texts.map((t) => {
  const parsed = parseResourceSelector(t);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.selector;
});

const options: PlanOptions = { syncId: 's1', attempt: 0, defaultNamespace: 'shop' };
const manifests = [
  manifest('Job', 'migrate', { annotations: hookAnnotation('PreSync') }),
  manifest('ConfigMap', 'app-config'),
  manifest('Secret', 'db'),
  manifest('Deployment', 'web'),
  manifest('Job', '', { generateName: 'smoke-', annotations: hookAnnotation('PostSync') }),
];

const names = (plan: SyncPlan) => planTasks(plan).map((t) => `${t.phase} ${t.prune ? 'prune ' : ''}${t.ref.kind}/${t.ref.name}`);
const select = (texts: string[], extra: Partial<PlanOptions> = {}) => planSync(manifests, { ...options, ...extra, selection: selectors(...texts) });

describe('planSync with --resource', () => {
  test('only the selected objects are planned; hooks are left out and listed', () => {
    const { plan, problems, selectionProblems } = select([':ConfigMap:app-config', 'apps:Deployment:shop/web']);
    expect([problems, selectionProblems]).toEqual([[], []]);
    expect(names(plan)).toEqual(['Sync ConfigMap/app-config', 'Sync Deployment/web']);
    expect(plan.selection?.unselected).toBe(1);
    expect(plan.selection?.skippedHooks.map((h) => `${h.phase} ${h.ref.kind}/${h.ref.name}`)).toEqual([
      'PreSync Job/migrate', expect.stringMatching(/^PostSync Job\/smoke-postsync-[0-9a-z]{8}$/),
    ]);
  });

  test('hooks do not run even when every resource is selected', () => {
    const { plan } = select(['*:*:*']);
    expect(names(plan)).toEqual(['Sync Secret/db', 'Sync ConfigMap/app-config', 'Sync Deployment/web']);
    expect(plan.selection?.unselected).toBe(0);
    expect(planTasks(plan).some((t) => t.hookTypes.length > 0)).toBe(false);
  });

  test('excludes alone select the rest', () => {
    expect(names(select(['!:Secret:db']).plan)).toEqual(['Sync ConfigMap/app-config', 'Sync Deployment/web']);
  });

  test('--create-namespace still creates the target namespace first: it is no object of the manifests', () => {
    const { plan } = select([':ConfigMap:app-config'], { createNamespace: true });
    expect(names(plan)).toEqual(['PreSync Namespace/shop', 'Sync ConfigMap/app-config']);
    expect(plan.selection?.unselected).toBe(2);
  });

  test('a selector that matches nothing is a problem, and nothing is planned', () => {
    const { plan, problems, selectionProblems } = select([':ConfigMap:app-config', ':Deployment:web']);
    expect(problems).toEqual([]);
    expect(selectionProblems).toEqual(['--resource :Deployment:web matches no resource in the manifests: did you mean apps:Deployment:web?']);
    expect(plan.groups).toEqual([]);
  });

  test('selectors that together select nothing are a problem', () => {
    const { selectionProblems, plan } = select([':Secret:db', '!:Secret:*']);
    expect(selectionProblems).toEqual([expect.stringMatching(/together the selectors select no resource/)]);
    expect(plan.groups).toEqual([]);
  });

  test('without --resource the plan has no selection', () => {
    expect(planSync(manifests, options).plan.selection).toBeUndefined();
  });
});

const liveObject = (apiVersion: string, kind: string, name: string, annotations: Record<string, string> = {}): KubeObject => ({
  apiVersion, kind, metadata: { name, namespace: 'shop', annotations },
});

describe('prunes of a selective sync: among the selected objects only', () => {
  const live = [
    liveObject('v1', 'ConfigMap', 'app-config'),
    liveObject('v1', 'ConfigMap', 'old-config'),
    liveObject('v1', 'ConfigMap', 'kept-config', { 'argocd.argoproj.io/sync-options': 'Prune=false' }),
    liveObject('v1', 'Secret', 'old-secret'),
    liveObject('apps/v1', 'Deployment', 'web'),
  ];

  test('a stale object a selector picks is pruned; stale objects no selector picks are left alone, with no row', () => {
    const plan = withPrunes(select([':ConfigMap:*']).plan, { enabled: true, live });
    expect(names(plan)).toEqual(['Sync ConfigMap/app-config', 'Sync prune ConfigMap/old-config']);
    expect(plan.skippedPrunes.map((s) => `${s.ref.name}: ${s.message}`)).toEqual(['kept-config: ignored (no prune)']);
  });

  test('an exact selector prunes nothing: what it names is in the manifests', () => {
    const plan = withPrunes(select([':ConfigMap:app-config']).plan, { enabled: true, live });
    expect(names(plan)).toEqual(['Sync ConfigMap/app-config']);
    expect(plan.skippedPrunes).toEqual([]);
  });

  test('the planner cuts the prune side the same way when it is given the live objects', () => {
    const { plan } = select([':ConfigMap:*'], { prune: { enabled: true, live } });
    expect(names(plan)).toEqual(['Sync ConfigMap/app-config', 'Sync prune ConfigMap/old-config']);
  });

  test('a full sync of the same live objects would prune the rest: the selection is what keeps them', () => {
    const plan = withPrunes(planSync(manifests, options).plan, { enabled: true, live });
    expect(names(plan).filter((n) => n.includes('prune'))).toEqual(['Sync prune Secret/old-secret', 'Sync prune ConfigMap/old-config']);
  });

  test('the inventory a selective sync leaves names the kinds of unselected objects too', () => {
    const plan = select([':ConfigMap:app-config']).plan;
    const secret = { apiVersion: 'v1', kind: 'Secret' };
    const cm = { apiVersion: 'v1', kind: 'ConfigMap' };
    const deploy = { apiVersion: 'apps/v1', kind: 'Deployment' };
    const job = { apiVersion: 'batch/v1', kind: 'Job' };
    // --prune: every listed object counts, selected or not (the workflow passes the whole listing).
    expect(inventoryAfter(plan, [cm, secret, deploy, job], live)).toEqual(uniqueKinds([cm, secret, deploy]));
    // Without --prune nothing is listed: what the last sync left stays, hooks' kinds included.
    expect(inventoryAfter(plan, [cm, secret, deploy, job], undefined)).toEqual(uniqueKinds([cm, secret, deploy, job]));
  });
});

describe('how hooksync plan shows a selective sync', () => {
  test('text: the selectors, how many are left out, and every hook that does not run', () => {
    const text = formatPlanText(select([':ConfigMap:app-config', 'apps:Deployment:web']).plan);
    expect(text).toContain('selective sync (--resource :ConfigMap:app-config apps:Deployment:web): 2 of 3 resource(s) selected; the 1 not selected are neither applied nor pruned\n');
    expect(text).toContain('hooks not run (a selective sync runs no hooks, as in Argo CD):\n  - PreSync Job shop/migrate\n  - PostSync Job shop/smoke-postsync-');
  });

  test('json: a selection object beside the tasks', () => {
    const json = planToJson(select(['!:Secret:db']).plan);
    expect(json.tasks.map((t) => t.name)).toEqual(['app-config', 'web']);
    expect(json.selection).toEqual({
      selectors: ['!:Secret:db'],
      unselected: 1,
      skippedHooks: [{ phase: 'PreSync', group: 'batch', kind: 'Job', namespace: 'shop', name: 'migrate' }, expect.objectContaining({ phase: 'PostSync' })],
    });
    expect(planToJson(planSync(manifests, options).plan)).not.toHaveProperty('selection');
  });
});

describe('the sync input of a selective sync', () => {
  const input = { syncId: 's1', app: 'shop', cluster: 'c', attempt: 0, prune: false };

  test('selectivePrune goes with a selection only', () => {
    expect(inputProblems({ ...input, plan: select([':ConfigMap:app-config']).plan, selectivePrune: true })).toEqual([]);
    expect(inputProblems({ ...input, plan: planSync(manifests, options).plan, selectivePrune: true })).toEqual([
      'selectivePrune must be true or false, and only with plan.selection',
    ]);
  });

  test('a malformed selection is refused before anything runs', () => {
    const plan = { ...select([':ConfigMap:app-config']).plan, selection: { selectors: [{ kind: 'ConfigMap' }], skippedHooks: [], unselected: 0 } };
    expect(inputProblems({ ...input, plan })).toEqual([expect.stringMatching(/^plan.selection must hold a list of selectors/)]);
  });
});
