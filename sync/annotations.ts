// Reading annotations the way the annotation parsers need them: as strings, with a problem when a
// value is not one (YAML turns `sync-wave: 5` into a number, which the API server would refuse).

import { type Manifest } from './manifest';
import { annotationPath, describeManifest, type ManifestProblem, type ManifestWarning } from './problems';

export interface AnnotationRead {
  /** The value, or undefined when absent (or not a string). */
  value: string | undefined;
  problems: ManifestProblem[];
}

export function readAnnotation(manifest: Manifest, key: string): AnnotationRead {
  const annotations: unknown = manifest.object.metadata?.annotations;
  if (annotations === null || typeof annotations !== 'object') return { value: undefined, problems: [] };
  const raw: unknown = (annotations as Record<string, unknown>)[key];
  if (raw === undefined || raw === null) return { value: undefined, problems: [] };
  if (typeof raw === 'string') return { value: raw, problems: [] };
  const problem = manifestProblem(manifest, annotationPath(key), {
    value: String(raw),
    message: 'annotation values must be strings: quote the value in YAML',
  });
  return { value: undefined, problems: [problem] };
}

/**
 * Splits a comma-separated annotation: items trimmed, empty items and duplicates dropped, order
 * kept (spec §1.1 and §2.1 parse both hook lists this way).
 */
export function splitList(value: string): string[] {
  const items = value.split(',').map((item) => item.trim()).filter((item) => item !== '');
  return items.filter((item, index) => items.indexOf(item) === index);
}

export function manifestProblem(
  manifest: Manifest,
  field: string,
  details: { message: string; value?: string; allowed?: readonly string[] },
): ManifestProblem {
  return {
    source: manifest.source,
    object: describeManifest(manifest.object),
    field,
    value: details.value,
    allowed: details.allowed ?? [],
    message: details.message,
  };
}

export function manifestWarning(manifest: Manifest, field: string | undefined, message: string): ManifestWarning {
  return { source: manifest.source, object: describeManifest(manifest.object), field, message };
}

/** A value that differs only in letter case from an allowed one, to suggest it. */
export function caseInsensitiveMatch(value: string, allowed: readonly string[]): string | undefined {
  return allowed.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
}
