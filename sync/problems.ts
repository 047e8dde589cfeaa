// Bad input is reported all at once, and every report names where to look: file, document and
// line, the object, the field path, the value found and the values that would have been accepted.

import { type KubeObject, type ManifestSource } from './manifest';
import { type ObjectRef } from './types';

/** A reason not to start the sync. */
export interface ManifestProblem {
  source: ManifestSource;
  /** `Kind namespace/name`, see describeObject. */
  object: string;
  /** Path of the offending field, e.g. `metadata.annotations["argocd.argoproj.io/hook"]`. */
  field: string;
  /** The value found; absent when the field is missing. */
  value?: string;
  /** The values that would have been accepted; empty when they are not a short list. */
  allowed: readonly string[];
  message: string;
}

/** Something the user should know that does not stop the sync. */
export interface ManifestWarning {
  source?: ManifestSource;
  object: string;
  field?: string;
  message: string;
}

/** What every annotation parser returns. */
export interface Parsed<T> {
  value: T;
  problems: ManifestProblem[];
  warnings: ManifestWarning[];
}

/** `Kind namespace/name`, or `Kind name` for cluster-scoped objects. */
export function describeObject(ref: Pick<ObjectRef, 'kind' | 'namespace' | 'name'>): string {
  const kind = ref.kind || '<no kind>';
  const name = ref.name || '<no name>';
  return ref.namespace ? `${kind} ${ref.namespace}/${name}` : `${kind} ${name}`;
}

/** Describes an object as written, before its namespace is defaulted; `prefix-*` for generateName. */
export function describeManifest(object: KubeObject): string {
  const meta = object.metadata ?? {};
  const generated = meta.generateName ? `${meta.generateName}*` : '';
  return describeObject({
    kind: typeof object.kind === 'string' ? object.kind : '',
    namespace: typeof meta.namespace === 'string' ? meta.namespace : '',
    name: typeof meta.name === 'string' && meta.name ? meta.name : generated,
  });
}

export function annotationPath(key: string): string {
  return `metadata.annotations["${key}"]`;
}

/** `file:line (document 2, item 3)`; document and item numbers are 1-based for humans. */
export function formatSource(source: ManifestSource): string {
  const where = source.line === undefined ? source.file : `${source.file}:${source.line}`;
  const item = source.listItem === undefined ? '' : `, item ${source.listItem + 1}`;
  return `${where} (document ${source.document + 1}${item})`;
}

/** One line: where, which object, which field, what was wrong, what is allowed. */
export function formatProblem(problem: ManifestProblem): string {
  const found = problem.value === undefined ? '' : ` (found ${JSON.stringify(problem.value)})`;
  const allowed = problem.allowed.length ? `; allowed: ${problem.allowed.join(', ')}` : '';
  return `${formatSource(problem.source)}: ${problem.object}: ${problem.field}: ${problem.message}${found}${allowed}`;
}

export function formatWarning(warning: ManifestWarning): string {
  const where = warning.source ? `${formatSource(warning.source)}: ` : '';
  const field = warning.field ? `${warning.field}: ` : '';
  return `${where}${warning.object}: ${field}${warning.message}`;
}
