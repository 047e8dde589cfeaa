// Test-only: counts the activities this worker process runs and applies HOOKSYNC_FAULTS' crash
// points to them (activities/faults.ts). Installed only when such a fault is set.
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { hasActivityFaults, withCrashPoints } from '../activities/faults';

/** Object names in an activity's input: a group request's tasks, or a list of object refs. */
function objectsOf(args: readonly unknown[]): string[] {
  const [first] = args as Array<{ tasks?: Array<{ ref?: { name?: string } }> } | Array<{ name?: string }> | undefined>;
  const items = Array.isArray(first) ? first : (first?.tasks ?? []).map((t) => t.ref ?? {});
  return items.map((i) => i.name).filter((n): n is string => typeof n === 'string');
}

export function faultInterceptors(): ActivityInterceptorsFactory[] {
  if (!hasActivityFaults()) return [];
  let started = 0;
  return [(ctx) => ({
    inbound: {
      execute: (input, next) => withCrashPoints({ k: ++started, type: ctx.info.activityType, objects: objectsOf(input.args) }, () => next(input)),
    },
  })];
}
