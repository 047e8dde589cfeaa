// Crash points for the durability tests (reliability notes §5). Inert unless HOOKSYNC_FAULTS is
// set; nothing else reads it. Comma-separated:
// - `crash-after-create:<name>`: SIGKILL right after the API server accepted that object's create,
//   so "between the call and recording its result" is hit every time, not by luck;
// - `crash-after-force-delete:<name>`: SIGKILL once `Force=true` deleted that object and saw it
//   gone, before it is created again (writeResource.ts);
// - `crash-before:<k>`, `crash-after:<k>`: SIGKILL when this worker process starts its k-th
//   activity, or once it has done it but before the result is reported: the crash sweep walks k
//   over a whole sync;
// - `crash-during:<name>`: SIGKILL once a wait for that object has gone on for CRASH_DURING_MS,
//   whichever of the group's waits that is.
// Before it kills, the worker says where on stderr, so a test can report the exact point.

const FAULTS_VARIABLE = 'HOOKSYNC_FAULTS';

function faults(): string[] {
  return (process.env[FAULTS_VARIABLE] ?? '').split(',').filter(Boolean);
}

function crash(where: string): void {
  process.stderr.write(`hooksync fault: SIGKILL ${where}\n`);
  process.kill(process.pid, 'SIGKILL');
}

export function crashPoint(point: string, objectName: string): void {
  if (faults().includes(`${point}:${objectName}`)) crash(`${point}:${objectName}`);
}

/** How long into a wait `crash-during` strikes: long enough for the wait to be watching. */
const CRASH_DURING_MS = 1500;

export function hasActivityFaults(): boolean {
  return faults().some((f) => /^crash-(before|after|during):/.test(f));
}

/** What a crash point needs to know of one activity execution. */
export interface ActivityRun {
  /** 1 for the first activity this process runs. */
  k: number;
  type: string;
  /** Names of the objects it works on (a group's tasks), when it has any. */
  objects: string[];
}

/** Runs one activity with whatever crash points are set for it. */
export async function withCrashPoints<T>(activity: ActivityRun, run: () => Promise<T>): Promise<T> {
  const set = faults();
  const where = (point: string) => `${point} in ${activity.type}${activity.objects.length ? ` (${activity.objects.join(', ')})` : ''}`;
  if (set.includes(`crash-before:${activity.k}`)) crash(where(`crash-before:${activity.k}`));
  const during = activity.type === 'awaitGroup' ? activity.objects.find((name) => set.includes(`crash-during:${name}`)) : undefined;
  const timer = during ? setTimeout(() => crash(where(`crash-during:${during}`)), CRASH_DURING_MS) : undefined;
  try {
    const result = await run();
    if (set.includes(`crash-after:${activity.k}`)) crash(where(`crash-after:${activity.k}`));
    return result;
  } finally {
    clearTimeout(timer);
  }
}
