// Crash points for the durability tests (reliability notes §5). With HOOKSYNC_FAULTS set to e.g.
// `crash-after-create:migrate`, the worker SIGKILLs itself right after the API server accepted
// that object's create, so "between the call and recording its result" is hit every time, not by
// luck. Inert unless the variable is set; nothing else reads it.
export function crashPoint(point: string, objectName: string): void {
  const faults = process.env.HOOKSYNC_FAULTS;
  if (faults && faults.split(',').includes(`${point}:${objectName}`)) process.kill(process.pid, 'SIGKILL');
}
