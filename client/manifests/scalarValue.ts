// The JSON value of one YAML scalar as kubectl would send it, or the reason it cannot be sent
// unchanged. The yaml package resolves plain scalars with the YAML 1.1 rules kubectl's go-yaml v2
// uses (0400 is octal, yes/no/on/off are booleans); the cases below are where the two still differ
// or where JSON cannot carry the value, and they are rejected rather than silently changed.

import { Scalar } from 'yaml';

export type ScalarResult = { value: string | number | boolean | null } | { problem: string };

/**
 * Integer forms Go's strconv reads (0o17, 0O17, 0B1, 0X1F) and YAML 1.1 does not; the lower-case
 * 0b and 0x forms are numbers for both, so they never reach this check as strings.
 */
const GO_ONLY_INTEGER = /^[-+]?0([oO][0-7_]+|[bB][01_]+|[xX][0-9a-fA-F_]+)$/;

export function scalarValue(node: Scalar): ScalarResult {
  const value: unknown = node.value;
  if (value === null || typeof value === 'boolean') return { value };
  if (typeof value === 'string') return stringValue(node, value);
  if (typeof value === 'number') return numberValue(value);
  // Only explicit tags produce other types (Buffer, Date, Set); those tags are rejected earlier.
  return { problem: 'this value has no JSON form; quote it to keep it as text' };
}

function stringValue(node: Scalar, value: string): ScalarResult {
  const plain = node.type === Scalar.PLAIN;
  if (plain && GO_ONLY_INTEGER.test(value)) {
    return { problem: 'kubectl reads this as a number but YAML 1.1 as text; quote it for text or write it in decimal' };
  }
  return { value };
}

function numberValue(value: number): ScalarResult {
  if (!Number.isFinite(value)) {
    return { problem: 'JSON has no infinity or NaN, so Kubernetes cannot receive it; quote it for text' };
  }
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
    return { problem: 'number beyond 2^53 would lose digits; quote it if it is an identifier' };
  }
  return { value };
}
