// Crash points for the durability tests (reliability notes §5). Inert unless HOOKSYNC_FAULTS is
// set; nothing else reads it. Two kinds, comma-separated:
// - `crash-after-create:<name>`: SIGKILL right after the API server accepted that object's create,
//   so "between the call and recording its result" is hit every time, not by luck;
// - `crash-before:<k>`, `crash-after:<k>`, `crash-during:<k>`: SIGKILL when this worker process
//   starts its k-th activity, once it has finished it (before the result is reported), or a moment
//   after it started (inside a wait): the crash sweep walks k over a whole sync.

const FAULTS_VARIABLE = 'HOOKSYNC_FAULTS';

function faults(): string[] {
  return (process.env[FAULTS_VARIABLE] ?? '').split(',').filter(Boolean);
}

function crash(): void {
  process.kill(process.pid, 'SIGKILL');
}

export function crashPoint(point: string, objectName: string): void {
  if (faults().includes(`${point}:${objectName}`)) crash();
}

export type ActivityCrashPoint = 'crash-before' | 'crash-after' | 'crash-during';

/** How long into the k-th activity `crash-during` strikes: long enough for a wait to be watching. */
export const CRASH_DURING_MS = 1500;

/** The crash points set for the k-th activity of this process. */
export function activityCrashPoints(k: number): ActivityCrashPoint[] {
  const points: ActivityCrashPoint[] = ['crash-before', 'crash-after', 'crash-during'];
  return points.filter((p) => faults().includes(`${p}:${k}`));
}

export function hasActivityFaults(): boolean {
  return faults().some((f) => /^crash-(before|after|during):\d+$/.test(f));
}

/** Runs the k-th activity of this process with whatever crash points are set for it. */
export async function withCrashPoints<T>(k: number, run: () => Promise<T>): Promise<T> {
  const points = activityCrashPoints(k);
  if (points.includes('crash-before')) crash();
  const timer = points.includes('crash-during') ? setTimeout(crash, CRASH_DURING_MS) : undefined;
  const result = await run();
  if (points.includes('crash-after')) crash();
  clearTimeout(timer);
  return result;
}
