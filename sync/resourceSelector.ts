// `--resource [!][GROUP:]KIND:[NAMESPACE/]NAME`, the selector of a selective sync, read as Argo CD's
// `argocd app sync --resource` reads it: an empty GROUP is the core group, no NAMESPACE means any
// namespace, `*` stands for any value of a whole field, and a leading `!` excludes. Pure: parsing,
// matching against an object's identity, and the problems of selectors that match nothing.
import { type ObjectRef } from './types';

/** `*` in any field matches every value of that field (Argo CD: whole fields only, no globs). */
export const ANY = '*';

export interface ResourceSelector {
  /** '' is the core group (v1 kinds), `*` any group. */
  group: string;
  kind: string;
  /** '' any namespace (none was written), `*` any too; cluster-scoped objects have namespace ''. */
  namespace: string;
  name: string;
  /** `!…`: everything the include selectors pick (everything, when there are none) but this. */
  exclude: boolean;
}

/** The identity a selector is matched against; the version never counts. */
export type SelectableRef = Pick<ObjectRef, 'group' | 'kind' | 'namespace' | 'name'>;

export type ParsedSelector = { selector: ResourceSelector } | { error: string };

const SYNTAX = '[!][GROUP:]KIND:[NAMESPACE/]NAME';

/**
 * Reads one `--resource` value. Argo CD needs all three fields (`:Service:web` for a core kind);
 * `Service:web` is accepted too and means the same, the core group, as Argo CD's docs describe it.
 */
export function parseResourceSelector(text: string): ParsedSelector {
  const exclude = text.startsWith('!');
  const body = exclude ? text.slice(1) : text;
  const fields = body.split(':');
  if (fields.length < 2 || fields.length > 3) return invalid(text, `expected ${SYNTAX}, with two or three fields separated by ":" (found ${fields.length})`);
  const [group, kind, target] = fields.length === 3 ? fields : ['', ...fields];
  if (kind === '') return invalid(text, 'KIND is empty (write :ConfigMap:NAME for a core kind, apps:Deployment:NAME for another group)');
  const parts = target.split('/');
  if (parts.length > 2) return invalid(text, 'NAMESPACE/NAME has more than one "/"');
  const [namespace, name] = parts.length === 2 ? parts : ['', parts[0]];
  if (parts.length === 2 && namespace === '') return invalid(text, `the NAMESPACE before "/" is empty (write ${group}:${kind}:${name} to match ${name} in every namespace)`);
  if (name === '') return invalid(text, `NAME is empty (write ${ANY} to match every name)`);
  return { selector: { group, kind, namespace, name, exclude } };
}

function invalid(text: string, why: string): ParsedSelector {
  return { error: `--resource ${JSON.stringify(text)}: ${why}` };
}

/** The selector as the user would write it in full: `apps:Deployment:shop/web`, `!:ConfigMap:*`. */
export function formatSelector(selector: ResourceSelector): string {
  const target = selector.namespace ? `${selector.namespace}/${selector.name}` : selector.name;
  return `${selector.exclude ? '!' : ''}${selector.group}:${selector.kind}:${target}`;
}

const fieldMatches = (pattern: string, value: string) => pattern === ANY || pattern === value;

/** Does this one selector name `ref`, leaving its `!` aside (Argo CD's SyncOperationResource.Compare)? */
export function selectorMatches(selector: ResourceSelector, ref: SelectableRef): boolean {
  return fieldMatches(selector.group, ref.group)
    && fieldMatches(selector.kind, ref.kind)
    && fieldMatches(selector.name, ref.name)
    && (selector.namespace === '' || fieldMatches(selector.namespace, ref.namespace));
}

/**
 * Is `ref` selected (Argo CD's IncludeResource): picked by some include selector, or by default
 * when there are only excludes, and named by no exclude (an exclude wins over an include).
 */
export function isSelected(selectors: readonly ResourceSelector[], ref: SelectableRef): boolean {
  const includes = selectors.filter((s) => !s.exclude);
  const included = includes.length === 0 || includes.some((s) => selectorMatches(s, ref));
  return included && !selectors.some((s) => s.exclude && selectorMatches(s, ref));
}

/** An object of the manifests a selector may be checked against. */
export interface Candidate {
  ref: SelectableRef;
  /** The phases it runs in when it is a hook (a selective sync runs none); empty for a resource. */
  hookPhases: readonly string[];
  /** A hook's `metadata.generateName`: users name such a hook by it, since its name is computed. */
  generateName?: string;
}

/**
 * One message per selector that names no resource of the manifests, saying what it could have
 * meant. Every selector must match, excludes too: a misspelt `!` would otherwise sync the very
 * object it was meant to keep out. Hooks do not count, since a selective sync never runs them.
 */
export function unmatchedSelectors(selectors: readonly ResourceSelector[], candidates: readonly Candidate[]): string[] {
  const resources = candidates.filter((c) => c.hookPhases.length === 0);
  return selectors
    .filter((s) => !resources.some((c) => selectorMatches(s, c.ref)))
    .map((s) => `--resource ${formatSelector(s)} matches no resource in the manifests: ${whatItCouldMean(s, candidates)}`);
}

/** The selectors together pick nothing (an exclude covers every include): there is nothing to sync. */
export function selectsNothing(selectors: readonly ResourceSelector[], candidates: readonly Candidate[]): boolean {
  return selectors.length > 0 && !candidates.some((c) => c.hookPhases.length === 0 && isSelected(selectors, c.ref));
}

const MAX_HINTS = 3;

function whatItCouldMean(selector: ResourceSelector, candidates: readonly Candidate[]): string {
  const hooks = candidates.filter((c) => c.hookPhases.length > 0 && namesHook(selector, c));
  if (hooks.length > 0) {
    const named = hooks.slice(0, MAX_HINTS).map((h) => `${h.hookPhases.join(',')} hook ${describeRef(h.ref)}`).join(', ');
    return `it names ${named}, and a selective sync runs no hooks (as in Argo CD); sync without --resource to run them`;
  }
  const resources = candidates.filter((c) => c.hookPhases.length === 0).map((c) => c.ref);
  const near = [...new Set(nearMisses(selector, resources).map((ref) => formatSelector(corrected(selector, ref))))];
  if (near.length > 0) return `did you mean ${near.slice(0, MAX_HINTS).join(' or ')}?`;
  const kinds = [...new Set(resources.map((r) => r.kind))].sort();
  return `the manifests have no resource of kind ${selector.kind} (the kinds they have: ${kinds.slice(0, 8).join(', ')}${kinds.length > 8 ? ', …' : ''})`;
}

/** By its name, or by the generateName it was named from (`db-migrate-` or `db-migrate`). */
function namesHook(selector: ResourceSelector, hook: Candidate): boolean {
  if (selectorMatches(selector, hook.ref)) return true;
  const prefix = hook.generateName;
  return prefix !== undefined && [prefix, prefix.replace(/-$/, '')].some((name) => selectorMatches(selector, { ...hook.ref, name }));
}

/**
 * Objects one slip away, best first: the same kind and name when case is ignored, whatever the
 * group and namespace (catches `:Deployment:web`, whose group is apps, `:configmap:x` and a wrong
 * namespace); failing that, objects of that kind under other names.
 */
function nearMisses(selector: ResourceSelector, refs: readonly SelectableRef[]): SelectableRef[] {
  const same = (pattern: string, value: string) => pattern === ANY || pattern.toLowerCase() === value.toLowerCase();
  const ofKind = refs.filter((ref) => same(selector.kind, ref.kind));
  const named = ofKind.filter((ref) => same(selector.name, ref.name));
  return (named.length > 0 ? named : ofKind).map((ref) => ({ ref, score: closeness(selector, ref) })).sort((a, b) => b.score - a.score).map((s) => s.ref);
}

/** The selector with each field that misses `ref` set to ref's value; fields that match stay as written. */
function corrected(selector: ResourceSelector, ref: SelectableRef): ResourceSelector {
  const keep = (field: 'group' | 'kind' | 'name') => (fieldMatches(selector[field], ref[field]) ? selector[field] : ref[field]);
  const namespace = selector.namespace === '' || fieldMatches(selector.namespace, ref.namespace) ? selector.namespace : ref.namespace;
  return { ...selector, group: keep('group'), kind: keep('kind'), name: keep('name'), namespace };
}

function closeness(selector: ResourceSelector, ref: SelectableRef): number {
  const fields = [fieldMatches(selector.group, ref.group), fieldMatches(selector.kind, ref.kind), fieldMatches(selector.name, ref.name),
    selector.namespace === '' || fieldMatches(selector.namespace, ref.namespace)];
  return fields.filter(Boolean).length;
}

function describeRef(ref: SelectableRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}
