// Test-only: counts the activities this worker process runs and applies HOOKSYNC_FAULTS' crash
// points to them (activities/faults.ts). Installed only when such a fault is set.
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { hasActivityFaults, withCrashPoints } from '../activities/faults';

export function faultInterceptors(): ActivityInterceptorsFactory[] {
  if (!hasActivityFaults()) return [];
  let started = 0;
  return [() => ({ inbound: { execute: (input, next) => withCrashPoints(++started, () => next(input)) } })];
}
