// The copy an alias stands for. Each alias gets its own copy so that no two places in the
// manifests share an object; the caller counts every copied value against the document's budget,
// which is what stops an alias bomb while it expands.

import { MAX_NESTING_DEPTH } from './limits';
import { type JsonObject, isJsonObject, setField } from './jsonObject';

export interface CopyBudget {
  /** Called once per copied value; throws when the document's budget is spent. */
  count(): void;
  /** Called when the copy would nest deeper than MAX_NESTING_DEPTH; throws. */
  tooDeep(): never;
}

export function copyValue(value: unknown, depth: number, budget: CopyBudget): unknown {
  budget.count();
  if (depth > MAX_NESTING_DEPTH) budget.tooDeep();
  if (Array.isArray(value)) return value.map((item) => copyValue(item, depth + 1, budget));
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value)) setField(out, key, copyValue(item, depth + 1, budget));
  return out;
}
