// When a hook object is deleted (spec §2.1, §2.2, §1.5). Argo CD ignores unknown values and so a
// typo quietly becomes BeforeHookCreation; we reject them (DESIGN §6), but accept the names of the
// first Argo CD docs, OnSuccess and OnFailure, with a warning.

import { manifestProblem, manifestWarning, readAnnotation, splitList } from './annotations';
import { type Manifest } from './manifest';
import { annotationPath, type ManifestProblem, type ManifestWarning, type Parsed } from './problems';
import { DELETE_POLICIES, type DeletePolicy } from './types';

export const ARGO_DELETE_POLICY_ANNOTATION = 'argocd.argoproj.io/hook-delete-policy';
export const HELM_DELETE_POLICY_ANNOTATION = 'helm.sh/hook-delete-policy';

/** R2.1: the policy of a hook that declares none, in either annotation. */
export const DEFAULT_DELETE_POLICY: DeletePolicy = 'BeforeHookCreation';

const LEGACY_POLICIES: ReadonlyArray<readonly [string, DeletePolicy]> = [
  ['OnSuccess', 'HookSucceeded'],
  ['OnFailure', 'HookFailed'],
];

const HELM_POLICIES: ReadonlyArray<readonly [string, DeletePolicy]> = [
  ['before-hook-creation', 'BeforeHookCreation'],
  ['hook-succeeded', 'HookSucceeded'],
  ['hook-failed', 'HookFailed'],
];

interface Source {
  annotation: string;
  /** Accepted spelling -> policy. */
  table: ReadonlyArray<readonly [string, DeletePolicy]>;
  /** Spellings listed as allowed in problems (legacy names are accepted but not advertised). */
  allowed: readonly string[];
}

const ARGO: Source = {
  annotation: ARGO_DELETE_POLICY_ANNOTATION,
  table: [...DELETE_POLICIES.map((p) => [p, p] as const), ...LEGACY_POLICIES],
  allowed: DELETE_POLICIES,
};
const HELM: Source = {
  annotation: HELM_DELETE_POLICY_ANNOTATION,
  table: HELM_POLICIES,
  allowed: HELM_POLICIES.map(([helm]) => helm),
};

/**
 * The effective delete policies of a hook: the union of both annotations (R2.2, argo-cd#15613),
 * or the default when neither names one (R2.1). Listed in DELETE_POLICIES order.
 */
export function parseDeletePolicy(manifest: Manifest): Parsed<DeletePolicy[]> {
  const found = new Set<DeletePolicy>();
  const problems: ManifestProblem[] = [];
  const warnings: ManifestWarning[] = [];
  for (const source of [ARGO, HELM]) {
    const read = readAnnotation(manifest, source.annotation);
    problems.push(...read.problems);
    for (const token of splitList(read.value ?? '')) {
      const policy = source.table.find(([spelling]) => spelling === token)?.[1];
      if (policy === undefined) problems.push(unknownPolicy(manifest, source, token));
      else found.add(policy);
      const legacy = LEGACY_POLICIES.find(([spelling]) => spelling === token);
      if (legacy && source === ARGO) warnings.push(legacyWarning(manifest, legacy[0], legacy[1]));
    }
  }
  const policies = DELETE_POLICIES.filter((p) => found.has(p));
  return { value: policies.length ? policies : [DEFAULT_DELETE_POLICY], problems, warnings };
}

/** True when either delete-policy annotation is set, so that a non-hook carrying one can be warned. */
export function declaresDeletePolicy(manifest: Manifest): boolean {
  const annotations = manifest.object.metadata?.annotations ?? {};
  return ARGO.annotation in annotations || HELM.annotation in annotations;
}

function unknownPolicy(manifest: Manifest, source: Source, token: string): ManifestProblem {
  return manifestProblem(manifest, annotationPath(source.annotation), {
    value: token,
    allowed: source.allowed,
    message: 'unknown delete policy',
  });
}

function legacyWarning(manifest: Manifest, legacy: string, policy: DeletePolicy): ManifestWarning {
  const message = `${legacy} is the old name of ${policy}; read as ${policy}`;
  return manifestWarning(manifest, annotationPath(ARGO_DELETE_POLICY_ANNOTATION), message);
}
