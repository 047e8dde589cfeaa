// Is an object a hook, and of which types (spec §1.1, §1.4, §1.5)? Unlike Argo CD, a value we do
// not know is a problem, not a silent drop (DESIGN §6): a typo must not turn a migration into nothing.

import { caseInsensitiveMatch, manifestProblem, manifestWarning, readAnnotation, splitList } from './annotations';
import { type Manifest } from './manifest';
import { annotationPath, type ManifestProblem, type ManifestWarning, type Parsed } from './problems';
import { HOOK_TYPES, type HookType } from './types';

export const ARGO_HOOK_ANNOTATION = 'argocd.argoproj.io/hook';
export const HELM_HOOK_ANNOTATION = 'helm.sh/hook';

/** How Argo CD reads each Helm hook value; null = a hook Argo CD never runs (spec §1.5). */
const HELM_HOOK_MAPPING: ReadonlyArray<readonly [string, HookType | null]> = [
  ['pre-install', 'PreSync'],
  ['pre-upgrade', 'PreSync'],
  ['post-install', 'PostSync'],
  ['post-upgrade', 'PostSync'],
  ['pre-delete', 'PreDelete'],
  ['post-delete', 'PostDelete'],
  ['crd-install', null],
  ['test', null],
  ['test-success', null],
  ['test-failure', null],
  ['pre-rollback', null],
  ['post-rollback', null],
];
export const HELM_HOOK_VALUES: readonly string[] = HELM_HOOK_MAPPING.map(([value]) => value);

/**
 * resource: a plain object, applied in the Sync phase. skip: never applied nor pruned (§1.4).
 * hook: `types` says when it runs. ignored: a Helm hook Argo CD does not run (test, rollback).
 */
export const HOOK_ROLES = ['resource', 'skip', 'hook', 'ignored'] as const;
export type HookRole = (typeof HOOK_ROLES)[number];

export interface HookClass {
  role: HookRole;
  /** Distinct types in declaration order; non-empty exactly when role is 'hook'. */
  types: HookType[];
}

const RESOURCE: HookClass = { role: 'resource', types: [] };

export function parseHookType(manifest: Manifest): Parsed<HookClass> {
  const argo = readAnnotation(manifest, ARGO_HOOK_ANNOTATION);
  if (argo.problems.length) return { value: { role: 'hook', types: [] }, problems: argo.problems, warnings: [] };
  // R1.3: the Argo CD annotation, when present, wins over Helm's for this object.
  if (argo.value !== undefined) return parseArgoHook(manifest, argo.value);
  const helm = readAnnotation(manifest, HELM_HOOK_ANNOTATION);
  if (helm.problems.length) return { value: { role: 'hook', types: [] }, problems: helm.problems, warnings: [] };
  // R1.2: exactly `crd-install` is how Helm 2 charts shipped CRDs; they are plain resources.
  if (helm.value === undefined || helm.value === 'crd-install') return { value: RESOURCE, problems: [], warnings: [] };
  return parseHelmHook(manifest, helm.value);
}

function parseArgoHook(manifest: Manifest, raw: string): Parsed<HookClass> {
  const field = annotationPath(ARGO_HOOK_ANNOTATION);
  const tokens = splitList(raw);
  const problems = tokens.filter((t) => !isHookType(t)).map((t) => unknownToken(manifest, field, t, HOOK_TYPES));
  if (tokens.length === 0) problems.push(emptyList(manifest, field, raw, HOOK_TYPES));
  const types = tokens.filter(isHookType);
  // R1.1: Skip counts only when it stands alone.
  if (types.length === 1 && types[0] === 'Skip') return { value: { role: 'skip', types: [] }, problems, warnings: [] };
  const warnings: ManifestWarning[] = [];
  if (types.includes('Skip')) {
    warnings.push(manifestWarning(manifest, field, 'Skip is ignored when combined with other hook types'));
  }
  return { value: { role: 'hook', types: types.filter((t) => t !== 'Skip') }, problems, warnings };
}

function parseHelmHook(manifest: Manifest, raw: string): Parsed<HookClass> {
  const field = annotationPath(HELM_HOOK_ANNOTATION);
  const tokens = splitList(raw);
  const known = tokens.filter((t) => HELM_HOOK_VALUES.includes(t));
  const problems = tokens.filter((t) => !known.includes(t)).map((t) => unknownToken(manifest, field, t, HELM_HOOK_VALUES));
  if (tokens.length === 0) problems.push(emptyList(manifest, field, raw, HELM_HOOK_VALUES));
  const mapped = known.map(helmHookType);
  const types = mapped.filter((t): t is HookType => t !== null).filter((t, i, all) => all.indexOf(t) === i);
  const ignored = known.filter((_, i) => mapped[i] === null);
  const warnings: ManifestWarning[] = [];
  if (ignored.length && types.length === 0) {
    const message = `Argo CD does not run Helm hooks of type ${ignored.join(', ')}: the object is left out of the sync`;
    warnings.push(manifestWarning(manifest, field, message));
    return { value: { role: 'ignored', types: [] }, problems, warnings };
  }
  if (ignored.length) warnings.push(manifestWarning(manifest, field, `ignored Helm hook values: ${ignored.join(', ')}`));
  return { value: { role: 'hook', types }, problems, warnings };
}

function helmHookType(value: string): HookType | null {
  return HELM_HOOK_MAPPING.find(([helm]) => helm === value)?.[1] ?? null;
}

function isHookType(value: string): value is HookType {
  return (HOOK_TYPES as readonly string[]).includes(value);
}

function unknownToken(manifest: Manifest, field: string, token: string, allowed: readonly string[]): ManifestProblem {
  const near = caseInsensitiveMatch(token, allowed);
  const hint = near ? ` (did you mean ${near}? values are case-sensitive)` : '';
  return manifestProblem(manifest, field, { value: token, allowed, message: `unknown hook type${hint}` });
}

function emptyList(manifest: Manifest, field: string, raw: string, allowed: readonly string[]): ManifestProblem {
  return manifestProblem(manifest, field, { value: raw, allowed, message: 'names no hook type' });
}
