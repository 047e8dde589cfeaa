// Bad annotations are refused before anything is written (spec R1.4 and R2.1 are where Argo CD
// silently drops them; DESIGN §6 is where we differ): the plan names file, object, annotation, the
// value found and the allowed values, and the API server's audit log shows that hooksync wrote
// nothing in the namespace, neither through the library nor through `hooksync sync`.
import { join } from 'node:path';
import { main } from '../../../client/cli/main';
import { syncWorkflowId } from '../../../workflows/messages';
import { clusterToken } from '../../../client/kubeTarget';
import { auditedWrites } from '../../support/auditLog';
import { repoRoot } from '../../support/paths';
import { planYaml, runSync } from '../../support/syncHarness';
import { readTestEnv } from '../../support/testEnv';
import { configMapYaml, documents, hooksyncRequests, jobYaml, useSyncHarness } from './syncTestKit';

const kit = useSyncHarness();
const { namespace } = kit;

const configMap = configMapYaml();
const HOOK_FIELD = 'metadata.annotations["argocd.argoproj.io/hook"]';

test('R1.4 / DESIGN §6: a misspelled hook type (PreSyncc) is a plan problem naming the annotation and allowed values; nothing is written', async () => {
  const ns = await namespace('typo-hook');
  const yaml = documents(configMap, jobYaml('migrate', { hook: 'PreSyncc' }));

  const { problems } = await planYaml(yaml, ns);

  expect(problems).toHaveLength(1);
  const [problem] = problems;
  expect(problem).toContain(`Job ${ns}/migrate`);
  expect(problem).toContain(HOOK_FIELD);
  expect(problem).toContain('"PreSyncc"');
  expect(problem).toContain('allowed: PreSync, Sync, PostSync, SyncFail, Skip, PreDelete, PostDelete');
  expect(problem).toMatch(/\(document 2\)/);

  await expect(runSync(kit.h, yaml, { app: 'typo-hook', namespace: ns })).rejects.toThrow(/PreSyncc/);
  expect(hooksyncRequests(ns)).toEqual([]);
});

test('R1.4 / DESIGN §3 exit codes: `hooksync sync` refuses a misspelled hook type with exit 2 and writes nothing', async () => {
  const ns = await namespace('typo-hook-cli');
  const file = join(repoRoot, 'test/integration/sync/fixtures/misspelled-hook.yaml');
  const app = 'typo-hook-cli';
  const stderr: string[] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { stderr.push(args.join(' ')); });
  let code: number;
  try {
    // --no-wait: should the CLI start a sync after all, the test fails instead of waiting for it.
    code = await main(['node', 'hooksync', 'sync', '-f', file, '--app', app, '-n', ns, '--kubeconfig', readTestEnv().kubeconfigPath, '--no-wait', '-o', 'json']);
  } finally {
    spy.mockRestore();
  }
  const cluster = clusterToken(kit.h.cluster.kc.getCurrentCluster()?.name ?? '');
  const started = await kit.h.client.workflow.getHandle(syncWorkflowId(cluster, app)).describe().then(() => true, () => false);
  if (started) await kit.h.client.workflow.getHandle(syncWorkflowId(cluster, app)).terminate('integration test: must not have started');

  expect(code).toBe(2);
  expect(started).toBe(false);
  const output = stderr.join('\n');
  expect(output).toContain('nothing was applied');
  expect(output).toContain('misspelled-hook.yaml');
  expect(output).toContain(HOOK_FIELD);
  expect(output).toContain('"PreSyncc"');
  expect(output).toContain('allowed: PreSync, Sync, PostSync, SyncFail, Skip, PreDelete, PostDelete');
  expect(auditedWrites(ns).filter((e) => e.userAgent.startsWith('hooksync/'))).toEqual([]);
});

test('R2.1 / DESIGN §6: an unknown delete policy (HookSucceded) is a plan problem naming the annotation and allowed values', async () => {
  const ns = await namespace('typo-policy');
  const yaml = documents(jobYaml('migrate', { hook: 'PreSync', policy: 'HookSucceded' }), configMap);

  const { problems } = await planYaml(yaml, ns);

  expect(problems).toHaveLength(1);
  expect(problems[0]).toContain(`Job ${ns}/migrate`);
  expect(problems[0]).toContain('metadata.annotations["argocd.argoproj.io/hook-delete-policy"]');
  expect(problems[0]).toContain('"HookSucceded"');
  expect(problems[0]).toContain('allowed: BeforeHookCreation, HookSucceeded, HookFailed');
  await expect(runSync(kit.h, yaml, { app: 'typo-policy', namespace: ns })).rejects.toThrow(/HookSucceded/);
  expect(hooksyncRequests(ns)).toEqual([]);
});
