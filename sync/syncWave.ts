// The wave of an object (spec §3.4): `argocd.argoproj.io/sync-wave`, else Helm's hook weight,
// else 0. Argo CD falls back silently when a value does not parse; we report it, since a wave that
// quietly becomes 0 reorders a deployment.

import { manifestProblem, readAnnotation } from './annotations';
import { type Manifest } from './manifest';
import { annotationPath, type Parsed } from './problems';

export const ARGO_SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';
export const HELM_HOOK_WEIGHT_ANNOTATION = 'helm.sh/hook-weight';

/** Base-10, optional sign, nothing else: Go's strconv.Atoi, which Argo CD uses, accepts the same. */
const INTEGER = /^[+-]?[0-9]+$/;

export function parseSyncWave(manifest: Manifest): Parsed<number> {
  for (const annotation of [ARGO_SYNC_WAVE_ANNOTATION, HELM_HOOK_WEIGHT_ANNOTATION]) {
    const read = readAnnotation(manifest, annotation);
    if (read.problems.length) return { value: 0, problems: read.problems, warnings: [] };
    // The first annotation present decides: a bad sync-wave is reported, not replaced by the weight.
    if (read.value !== undefined) return parseWave(manifest, annotation, read.value);
  }
  return { value: 0, problems: [], warnings: [] };
}

function parseWave(manifest: Manifest, annotation: string, raw: string): Parsed<number> {
  const wave = INTEGER.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isSafeInteger(wave)) return { value: wave || 0, problems: [], warnings: [] };
  const message = INTEGER.test(raw) ? 'wave out of range' : 'not an integer';
  const problem = manifestProblem(manifest, annotationPath(annotation), {
    value: raw,
    allowed: ['a base-10 integer such as -1, 0 or 5'],
    message,
  });
  return { value: 0, problems: [problem], warnings: [] };
}
