// How a load problem names its object: the same `Kind namespace/name` as every other message
// (sync/problems.ts), built from whatever of the object could be read.

import { type ParsedNode, isMap } from 'yaml';
import { describeObject } from '../../sync/problems';
import { type JsonObject, isJsonObject } from './jsonObject';

/** `Deployment prod/web`, `Job migrate-*` for a generateName, or undefined when nothing is known. */
export function describeValue(value: unknown): string | undefined {
  if (!isJsonObject(value)) return undefined;
  const metadata = isJsonObject(value.metadata) ? value.metadata : {};
  const kind = text(value.kind);
  const generated = text(metadata.generateName);
  const name = text(metadata.name) ?? (generated === undefined ? undefined : `${generated}*`);
  if (kind === undefined && name === undefined) return undefined;
  return describeObject({ kind: kind ?? '', namespace: text(metadata.namespace) ?? '', name: name ?? '' });
}

/**
 * The identifying fields read straight from the parsed document, for when building its value
 * stopped early (a limit was hit) and only the syntax tree is left to name the object.
 */
export function identityOf(root: ParsedNode): JsonObject | undefined {
  if (!isMap(root)) return undefined;
  const metadata: JsonObject = {};
  for (const key of ['name', 'generateName', 'namespace']) metadata[key] = root.getIn(['metadata', key]);
  return { kind: root.get('kind'), metadata };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
