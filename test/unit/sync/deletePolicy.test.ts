import { parseDeletePolicy } from '../../../sync/deletePolicy';
import { type DeletePolicy } from '../../../sync/types';
import { manifest } from './manifests';

const ARGO = 'argocd.argoproj.io/hook-delete-policy';
const HELM = 'helm.sh/hook-delete-policy';

interface Case {
  name: string;
  annotations: Record<string, string>;
  policies: DeletePolicy[];
  warnings?: string[];
}

const cases: Case[] = [
  { name: 'R2.1 a hook without a policy gets BeforeHookCreation', annotations: {}, policies: ['BeforeHookCreation'] },
  { name: 'R2.1 an empty policy list gets the default too', annotations: { [ARGO]: ' ' }, policies: ['BeforeHookCreation'] },
  { name: 'R2.1 a named policy replaces the default', annotations: { [ARGO]: 'HookSucceeded' }, policies: ['HookSucceeded'] },
  {
    name: 'R2.2 policies combine, trimmed and de-duplicated',
    annotations: { [ARGO]: 'HookSucceeded, BeforeHookCreation,HookSucceeded' },
    policies: ['BeforeHookCreation', 'HookSucceeded'],
  },
  {
    name: 'R2.2 OnSuccess is read as HookSucceeded, with a warning (DESIGN §6)',
    annotations: { [ARGO]: 'OnSuccess' },
    policies: ['HookSucceeded'],
    warnings: ['OnSuccess is the old name of HookSucceeded; read as HookSucceeded'],
  },
  {
    name: 'R2.2 OnFailure is read as HookFailed, with a warning (DESIGN §6)',
    annotations: { [ARGO]: 'OnFailure' },
    policies: ['HookFailed'],
    warnings: ['OnFailure is the old name of HookFailed; read as HookFailed'],
  },
  {
    name: 'R2.2 helm policies map to Argo CD ones',
    annotations: { [HELM]: 'before-hook-creation,hook-succeeded,hook-failed' },
    policies: ['BeforeHookCreation', 'HookSucceeded', 'HookFailed'],
  },
  {
    name: 'R2.2 argocd and helm policies are combined, not one instead of the other (argo-cd#15613)',
    annotations: { [ARGO]: 'HookFailed', [HELM]: 'hook-succeeded' },
    policies: ['HookSucceeded', 'HookFailed'],
  },
];

describe('parseDeletePolicy', () => {
  test.each(cases)('$name', ({ annotations, policies, warnings }) => {
    const parsed = parseDeletePolicy(manifest('Job', 'x', { annotations }));
    expect(parsed.problems).toEqual([]);
    expect(parsed.value).toEqual(policies);
    expect(parsed.warnings.map((w) => w.message)).toEqual(warnings ?? []);
  });

  test('R2.1 an unknown policy is rejected naming the annotation and the allowed values (DESIGN §6)', () => {
    const parsed = parseDeletePolicy(manifest('Job', 'migrate', { annotations: { [ARGO]: 'HookSucceeded,Always' } }));
    expect(parsed.problems).toEqual([
      expect.objectContaining({
        object: 'Job migrate',
        field: 'metadata.annotations["argocd.argoproj.io/hook-delete-policy"]',
        value: 'Always',
        allowed: ['BeforeHookCreation', 'HookSucceeded', 'HookFailed'],
        message: 'unknown delete policy',
      }),
    ]);
  });

  test('R2.1 policies are case-sensitive: hooksucceeded is rejected', () => {
    const parsed = parseDeletePolicy(manifest('Job', 'x', { annotations: { [ARGO]: 'hooksucceeded' } }));
    expect(parsed.problems.map((p) => p.value)).toEqual(['hooksucceeded']);
  });

  test('R2.1 an unknown helm policy is rejected with the Helm spellings allowed', () => {
    const parsed = parseDeletePolicy(manifest('Job', 'x', { annotations: { [HELM]: 'hook-succeded' } }));
    expect(parsed.problems).toEqual([
      expect.objectContaining({
        field: 'metadata.annotations["helm.sh/hook-delete-policy"]',
        allowed: ['before-hook-creation', 'hook-succeeded', 'hook-failed'],
      }),
    ]);
  });

  test('R2.1 the legacy names are not accepted in the Helm annotation', () => {
    const parsed = parseDeletePolicy(manifest('Job', 'x', { annotations: { [HELM]: 'OnSuccess' } }));
    expect(parsed.problems.map((p) => p.value)).toEqual(['OnSuccess']);
  });
});
