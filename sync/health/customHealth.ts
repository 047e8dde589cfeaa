// Health rules the worker's operator writes for kinds hooksync has no rule for, in the shape of
// Flux's `healthCheckExprs`: per group and kind, `inProgress`, `failed` and `current` expressions.
// Pure: each expression arrives already compiled into a predicate. The CEL evaluator lives in
// worker/, so that nothing the workflow bundle can reach depends on it.
import { type HealthRule } from './healthRules';
import { type HealthStatus } from './healthStatus';
import { type LiveObject } from './liveObject';
import { splitApiVersion } from '../objectRef';

/** One compiled expression: its text, and its test (which may throw while reading the object). */
export interface HealthPredicate {
  text: string;
  test: (obj: LiveObject) => boolean;
}

export const customHealthFields = ['inProgress', 'failed', 'current'] as const;

export type CustomHealthField = (typeof customHealthFields)[number];

export interface CustomHealthCheck {
  /** API group ('' for the core group); every version of the group shares the rule, as built-in rules do. */
  group: string;
  kind: string;
  /** Where the rule was written ("FILE:LINE"), so that a message leads back to it. */
  origin: string;
  inProgress?: HealthPredicate;
  failed?: HealthPredicate;
  current: HealthPredicate;
}

export type CustomHealthChecks = readonly CustomHealthCheck[];

export const noCustomHealthChecks: CustomHealthChecks = [];

/** Flux's order: the first expression that is true decides (kstatus InProgress, Failed, Current). */
const statusByField: Readonly<Record<CustomHealthField, HealthStatus>> = {
  inProgress: 'Progressing',
  failed: 'Degraded',
  current: 'Healthy',
};

export function customHealthCheckFor(checks: CustomHealthChecks, apiVersion: string, kind: string): CustomHealthCheck | undefined {
  const { group } = splitApiVersion(apiVersion);
  return checks.find((check) => check.group === group && check.kind === kind);
}

/** The rule a custom check stands for. None true yet reads as Progressing, as Flux's InProgress. */
export function customHealthRule(check: CustomHealthCheck): HealthRule {
  return (obj) => {
    for (const field of customHealthFields) {
      const predicate = check[field];
      if (predicate && holds(check, field, predicate, obj)) return { status: statusByField[field], message: `${field} is true (health check at ${check.origin})` };
    }
    return { status: 'Progressing', message: `Waiting for one of the expressions of the health check at ${check.origin} to be true` };
  };
}

/** An expression that cannot be evaluated is "error computing health" (spec §5.1), named by place. */
function holds(check: CustomHealthCheck, field: CustomHealthField, predicate: HealthPredicate, obj: LiveObject): boolean {
  try {
    return predicate.test(obj);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${field} of the health check at ${check.origin}: ${reason}`, { cause: error });
  }
}
