// V8 flags that keep a worker's memory small (issue 12: peak RSS ≤ 250 MiB with 10 syncs at once).
// A worker allocates in short bursts (activations, payloads, Kubernetes responses); with V8's
// defaults the young generation grows to 16 MiB per semi-space in each of its two isolates (the
// main thread and the workflow thread) and code is optimised for speed. These flags keep the young
// generation at 2 MiB and prefer compact code; the syncs took no longer (README, Durability).
//
// They are set with v8.setFlagsFromString once the worker's modules are loaded, not on node's
// command line: a 2 MiB young generation and compact code while client-node and the Temporal
// worker load cost start-to-polling about 0.2 s of CPU. Heap sizes are read when an isolate is
// made, so --max-semi-space-size takes effect in the workflow thread (made by Worker.create,
// after this) and the growth factor stops the main thread's young generation from growing further.
import { setFlagsFromString } from 'node:v8';

export const V8_FLAGS_ENV = 'HOOKSYNC_WORKER_V8_FLAGS';

/** HOOKSYNC_WORKER_V8_FLAGS holds something that is not a list of flags (the CLI exits 2). */
export class V8FlagsError extends Error {}

export const DEFAULT_WORKER_V8_FLAGS: readonly string[] = ['--max-semi-space-size=2', '--semi-space-growth-factor=1', '--optimize-for-size'];

/**
 * The flags to set: HOOKSYNC_WORKER_V8_FLAGS, whitespace-separated, replaces the defaults (empty:
 * none); unset, the defaults. A word that is not a `--flag` is bad input.
 */
export function workerV8Flags(env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = env[V8_FLAGS_ENV];
  if (raw === undefined) return [...DEFAULT_WORKER_V8_FLAGS];
  const flags = raw.split(/\s+/).filter(Boolean);
  const bad = flags.filter((f) => !/^--[a-z0-9][a-z0-9_-]*(=\S+)?$/i.test(f));
  if (bad.length > 0) {
    throw new V8FlagsError(`${V8_FLAGS_ENV}: ${bad.map((f) => `"${f}"`).join(', ')} is not a V8 flag such as --max-semi-space-size=2 (leave the variable empty for none)`);
  }
  return flags;
}

/** Sets the flags in this process; call after the worker's modules are loaded, before Worker.create. */
export function applyWorkerV8Flags(flags: readonly string[]): void {
  for (const flag of flags) setFlagsFromString(flag);
}
