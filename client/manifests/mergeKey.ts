// YAML 1.1 merge keys (`<<: *defaults`), as the merge-key spec and kubectl's go-yaml agree on:
// keys written after `<<` win over merged ones, and earlier merge sources win over later ones.
// They disagree about a key written *above* `<<` (go-yaml lets the merge overwrite it), so that
// case is refused instead of picking a side silently.

import { type ParsedNode, isScalar } from 'yaml';
import { type JsonObject, isJsonObject, setField } from './jsonObject';

/** With merge keys on, the yaml package turns a plain `<<` key into a symbol; a quoted one stays text. */
export function isMergeKey(key: ParsedNode): boolean {
  return isScalar(key) && typeof key.value === 'symbol';
}

/**
 * Adds to `target` the keys of each source it does not have yet; `written` holds the keys
 * already written explicitly above the `<<`. Returns what was wrong, one message per problem.
 */
export function mergeInto(target: JsonObject, sources: readonly unknown[], written: ReadonlySet<string>,
  onMerged: (key: string) => void): string[] {
  const problems: string[] = [];
  for (const source of sources) {
    if (!isJsonObject(source)) {
      problems.push('"<<" takes a mapping, an alias of one, or a list of those');
      continue;
    }
    for (const [key, value] of Object.entries(source)) {
      if (written.has(key)) {
        problems.push(`key "${key}" is written above "<<" and also merged; YAML parsers disagree on which wins: put "<<" first`);
      } else if (!Object.hasOwn(target, key)) {
        setField(target, key, value);
        onMerged(key);
      }
    }
  }
  return problems;
}
