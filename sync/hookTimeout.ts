// A hook's own deadline, `hooksync.io/timeout` (DESIGN §6; users ask for it, spec §11): a duration
// in hours, minutes and seconds such as "90s", "5m" or "1h30m". A hook still running when it
// expires fails ("timed out"), and so does the sync; SyncFail hooks then run.
import { manifestProblem, manifestWarning, readAnnotation } from './annotations';
import { type Manifest } from './manifest';
import { annotationPath, type Parsed } from './problems';

export const HOOK_TIMEOUT_ANNOTATION = 'hooksync.io/timeout';

const DURATION = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** Seconds, or undefined when the annotation is absent (no deadline). */
export function parseHookTimeout(manifest: Manifest, isHook: boolean): Parsed<number | undefined> {
  const read = readAnnotation(manifest, HOOK_TIMEOUT_ANNOTATION);
  if (read.problems.length || read.value === undefined) return { value: undefined, problems: read.problems, warnings: [] };
  if (!isHook) {
    const warning = manifestWarning(manifest, annotationPath(HOOK_TIMEOUT_ANNOTATION), 'a timeout applies only to hooks; ignored');
    return { value: undefined, problems: [], warnings: [warning] };
  }
  const seconds = durationSeconds(read.value);
  if (seconds !== undefined && seconds > 0) return { value: seconds, problems: [], warnings: [] };
  const problem = manifestProblem(manifest, annotationPath(HOOK_TIMEOUT_ANNOTATION), {
    value: read.value,
    allowed: ['a duration above zero such as 90s, 5m or 1h30m'],
    message: seconds === 0 ? 'must be more than zero' : 'not a duration',
  });
  return { value: undefined, problems: [problem], warnings: [] };
}

/** Seconds in a duration such as "90s", "5m" or "1h30m"; undefined when it is not one. */
export function durationSeconds(raw: string): number | undefined {
  const m = DURATION.exec(raw);
  if (!m || !raw) return undefined;
  const [h, min, s] = [m[1], m[2], m[3]].map((part) => Number(part ?? 0));
  return h * 3600 + min * 60 + s;
}

/** "90s" -> "1m30s": how a timeout is shown in messages. */
export function formatTimeout(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s || (!h && !m) ? `${s}s` : ''}`;
}
