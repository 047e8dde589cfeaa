import { parseHookType, type HookRole } from '../../../sync/hookType';
import { type HookType } from '../../../sync/types';
import { manifest } from './manifests';

const ARGO = 'argocd.argoproj.io/hook';
const HELM = 'helm.sh/hook';

interface Case {
  name: string;
  annotations: Record<string, unknown>;
  role: HookRole;
  types?: HookType[];
  warning?: RegExp;
}

const cases: Case[] = [
  { name: 'R1.1 an object with the hook annotation is a hook', annotations: { [ARGO]: 'PreSync' }, role: 'hook', types: ['PreSync'] },
  { name: 'R1.1 Skip alone makes the object skipped', annotations: { [ARGO]: 'Skip' }, role: 'skip' },
  {
    name: 'R1.1 Skip combined with another type is ignored, with a warning',
    annotations: { [ARGO]: 'Skip,PostSync' },
    role: 'hook',
    types: ['PostSync'],
    warning: /Skip is ignored/,
  },
  {
    name: 'R1.1 the list is split on commas, trimmed, de-duplicated, order kept',
    annotations: { [ARGO]: ' PostSync , PreSync,,PostSync' },
    role: 'hook',
    types: ['PostSync', 'PreSync'],
  },
  { name: 'R1.2 an object without hook annotations is a plain resource', annotations: {}, role: 'resource' },
  { name: 'R1.2 helm crd-install alone is a plain resource', annotations: { [HELM]: 'crd-install' }, role: 'resource' },
  {
    name: 'R1.2 helm crd-install next to pre-install makes a hook',
    annotations: { [HELM]: 'crd-install,pre-install' },
    role: 'hook',
    types: ['PreSync'],
    warning: /ignored Helm hook values: crd-install/,
  },
  { name: 'R1.3 the argocd annotation wins over helm.sh/hook', annotations: { [ARGO]: 'Sync', [HELM]: 'pre-install' }, role: 'hook', types: ['Sync'] },
  { name: 'R1.3 Skip in the argocd annotation neutralises a Helm hook', annotations: { [ARGO]: 'Skip', [HELM]: 'test' }, role: 'skip' },
  { name: 'R1.3 helm pre-install and pre-upgrade both map to one PreSync', annotations: { [HELM]: 'pre-install,pre-upgrade' }, role: 'hook', types: ['PreSync'] },
  { name: 'R1.3 helm post-install and post-upgrade map to PostSync', annotations: { [HELM]: 'post-upgrade, post-install' }, role: 'hook', types: ['PostSync'] },
  { name: 'R1.3 helm pre-delete maps to PreDelete', annotations: { [HELM]: 'pre-delete' }, role: 'hook', types: ['PreDelete'] },
  { name: 'R1.3 helm post-delete maps to PostDelete', annotations: { [HELM]: 'post-delete' }, role: 'hook', types: ['PostDelete'] },
  ...['test', 'test-success', 'test-failure', 'pre-rollback', 'post-rollback'].map(
    (value): Case => ({
      name: `R1.4 helm ${value} hook is left out of the sync, with a warning`,
      annotations: { [HELM]: value },
      role: 'ignored',
      warning: new RegExp(`does not run Helm hooks of type ${value}`),
    }),
  ),
  {
    name: 'R1.4 an ignored helm value next to a mapped one leaves the mapped type',
    annotations: { [HELM]: 'post-install,test' },
    role: 'hook',
    types: ['PostSync'],
    warning: /ignored Helm hook values: test/,
  },
  { name: 'R2.12 PreDelete and PostDelete are recognised hook types', annotations: { [ARGO]: 'PostDelete,PreDelete' }, role: 'hook', types: ['PostDelete', 'PreDelete'] },
];

describe('parseHookType', () => {
  test.each(cases)('$name', ({ annotations, role, types, warning }) => {
    const parsed = parseHookType(manifest('Job', 'x', { annotations }));
    expect(parsed.problems).toEqual([]);
    expect(parsed.value).toEqual({ role, types: types ?? [] });
    if (warning) expect(parsed.warnings.map((w) => w.message)).toEqual([expect.stringMatching(warning)]);
    else expect(parsed.warnings).toEqual([]);
  });

  test('R1.4 misspelled hook type is rejected naming the annotation, the value and the allowed values', () => {
    const { problems } = parseHookType(manifest('Job', 'migrate', { annotations: { [ARGO]: 'Presync' }, namespace: 'db' }));
    expect(problems).toEqual([
      {
        source: expect.objectContaining({ file: 'app.yaml' }),
        object: 'Job db/migrate',
        field: 'metadata.annotations["argocd.argoproj.io/hook"]',
        value: 'Presync',
        allowed: ['PreSync', 'Sync', 'PostSync', 'SyncFail', 'Skip', 'PreDelete', 'PostDelete'],
        message: 'unknown hook type (did you mean PreSync? values are case-sensitive)',
      },
    ]);
  });

  test('R1.4 every bad token is reported, not just the first', () => {
    const { problems } = parseHookType(manifest('Job', 'x', { annotations: { [ARGO]: 'Presync,PostSinc,Sync' } }));
    expect(problems.map((p) => p.value)).toEqual(['Presync', 'PostSinc']);
  });

  test('R1.4 a misspelled argocd hook does not fall back to the Helm annotation', () => {
    const parsed = parseHookType(manifest('Job', 'x', { annotations: { [ARGO]: 'PostSnc', [HELM]: 'pre-install' } }));
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.value.types).toEqual([]);
  });

  test('R1.4 an unknown helm.sh/hook value is rejected with the Helm values allowed', () => {
    const { problems } = parseHookType(manifest('Job', 'x', { annotations: { [HELM]: 'pre-instal' } }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ field: 'metadata.annotations["helm.sh/hook"]', value: 'pre-instal', message: 'unknown hook type' });
    expect(problems[0].allowed).toContain('pre-install');
  });

  test('R1.4 an empty hook annotation names no type and is rejected', () => {
    const { problems } = parseHookType(manifest('Job', 'x', { annotations: { [ARGO]: ' , ' } }));
    expect(problems.map((p) => p.message)).toEqual(['names no hook type']);
  });

  test('R1.4 a non-string annotation value is rejected, asking to quote it', () => {
    const { problems } = parseHookType(manifest('Job', 'x', { annotations: { [ARGO]: 5 } }));
    expect(problems).toEqual([expect.objectContaining({ value: '5', message: expect.stringContaining('quote') })]);
  });
});
