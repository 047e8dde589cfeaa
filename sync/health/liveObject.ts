// Readers for live objects as the API server returns them: plain JSON, typed loosely. Every rule
// reads through these so that a missing or oddly typed field never throws. The API server omits
// zero-valued counters (`availableReplicas: 0` is simply absent), so counts default to 0.
import { type KubeObject } from '../manifest';

export type LiveObject = KubeObject;

/** A status condition; absent fields read as ''. */
export interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
}

/** The value at a field path, or undefined when any step is missing or not an object. */
export function fieldAt(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function stringAt(value: unknown, ...path: string[]): string {
  const found = fieldAt(value, ...path);
  return typeof found === 'string' ? found : '';
}

/** A number at the path, or undefined when absent: for fields whose absence means something. */
export function numberAt(value: unknown, ...path: string[]): number | undefined {
  const found = fieldAt(value, ...path);
  return typeof found === 'number' && Number.isFinite(found) ? found : undefined;
}

/** A counter: absent reads as 0, the way the API server means it. */
export function countAt(value: unknown, ...path: string[]): number {
  return numberAt(value, ...path) ?? 0;
}

export function arrayAt(value: unknown, ...path: string[]): unknown[] {
  const found = fieldAt(value, ...path);
  return Array.isArray(found) ? found : [];
}

export function toCondition(raw: unknown): Condition {
  return {
    type: stringAt(raw, 'type'),
    status: stringAt(raw, 'status'),
    reason: stringAt(raw, 'reason'),
    message: stringAt(raw, 'message'),
  };
}

/** `status.conditions`, or any other list of conditions given by path. */
export function conditionsOf(obj: unknown, ...path: string[]): Condition[] {
  const where = path.length > 0 ? path : ['status', 'conditions'];
  return arrayAt(obj, ...where).map(toCondition);
}

export function findCondition(conditions: readonly Condition[], type: string): Condition | undefined {
  return conditions.find((c) => c.type === type);
}

/** `metadata.generation` is ahead of what the controller has observed (or it observed nothing). */
export function generationNotObserved(obj: LiveObject): boolean {
  return countAt(obj, 'metadata', 'generation') > countAt(obj, 'status', 'observedGeneration');
}


/** Addresses published in `status.loadBalancer.ingress` (Service and Ingress), IP or hostname. */
export function loadBalancerAddresses(obj: LiveObject): string[] {
  return arrayAt(obj, 'status', 'loadBalancer', 'ingress').map(
    (entry) => stringAt(entry, 'ip') || stringAt(entry, 'hostname') || '(unnamed)',
  );
}

/** Why a workload is not judged yet: its controller has not caught up with the latest spec. */
export function generationLagMessage(obj: LiveObject): string {
  const generation = countAt(obj, 'metadata', 'generation');
  const observed = countAt(obj, 'status', 'observedGeneration');
  return `Waiting for rollout to finish: observed generation ${observed} is behind generation ${generation}`;
}
