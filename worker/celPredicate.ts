// One CEL expression of a health check, compiled into a predicate over a live object. As in Flux's
// healthCheckExprs, the object's top-level fields are the variables (`status.phase == 'Ready'`).
// Sandboxed and deterministic: the evaluator walks the parsed tree (no eval, no new Function), sees
// nothing but the object, has no clock, I/O or randomness, only reads an object's own keys
// (`status.constructor` is "No such key"), and refuses oversized expressions when they are parsed.
// CEL has no loops or recursion, so an evaluation ends, in time bounded by the object's size.
import { Environment } from '@marcbachmann/cel-js';
import { type HealthPredicate, type LiveObject } from '../sync/health';

/** The fields of a Kubernetes object that an expression may name; the evaluator refuses any other. */
const OBJECT_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec', 'status'] as const;

const environment = OBJECT_FIELDS.reduce(
  (env, field) => env.registerVariable(field, 'dyn'),
  // Optional field access (`status.?conditions.orValue([])`), which Flux's expressions use for
  // fields a controller has not written yet.
  new Environment({ enableOptionalTypes: true, limits: { maxAstNodes: 2_000, maxDepth: 50, maxListElements: 200, maxMapEntries: 200, maxCallArguments: 16 } }),
);

/** Why an expression is refused: a syntax or type error, or a result that cannot be a bool. */
export class CelExpressionError extends Error {}

/** Parses and type-checks `text` now, so that a bad rule stops the worker at start, not a sync later. */
export function compileCelPredicate(text: string): HealthPredicate {
  let evaluate: ReturnType<Environment['parse']>;
  try {
    evaluate = environment.parse(text);
  } catch (error) {
    throw new CelExpressionError(firstLine(error), { cause: error });
  }
  const checked = evaluate.check();
  if (!checked.valid) throw new CelExpressionError(firstLine(checked.error));
  if (checked.type !== 'bool' && checked.type !== 'dyn') throw new CelExpressionError(`is of type ${checked.type}; a health expression must be a bool`);
  return {
    text,
    test(obj) {
      const result: unknown = evaluate(variablesOf(obj));
      if (typeof result !== 'boolean') throw new Error(`${text} gave ${describe(result)}, not a bool`);
      return result;
    },
  };
}

/**
 * The object's fields as CEL sees them in Flux. A missing `metadata`, `spec` or `status` reads as an
 * empty map, so that `has(status.phase)` and `status.?phase` work on an object no controller has
 * written to yet (in Flux they are errors until then). Whole numbers become CEL ints, as Kubernetes'
 * int64 fields are in Go: `metadata.generation + 1` and `status.replicas % 2` then type-check.
 */
function variablesOf(obj: LiveObject): Record<string, unknown> {
  const cached = converted.get(obj);
  if (cached) return cached;
  const variables: Record<string, unknown> = {};
  for (const field of OBJECT_FIELDS) variables[field] = asCelValue(obj[field] ?? (MAP_FIELDS.has(field) ? {} : undefined));
  converted.set(obj, variables);
  return variables;
}

/**
 * The three expressions of a rule read the same object: it is converted once. Live objects are
 * read afresh on each check and never changed after, so a cached conversion cannot go stale.
 */
const converted = new WeakMap<LiveObject, Record<string, unknown>>();

const MAP_FIELDS = new Set<string>(['metadata', 'spec', 'status']);

function asCelValue(value: unknown): unknown {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(asCelValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, asCelValue(inner)]));
  }
  return value;
}

/** The library's messages end in a drawing of the expression with a caret; the first line says it. */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.trim() || 'invalid expression';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `the string "${value}"`;
  return `a ${typeof value}`;
}
