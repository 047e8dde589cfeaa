// kubectl accepts `kind: List` (and typed lists such as ConfigMapList) and applies their items as
// separate objects; this finds those items. A kind that does not end in "List" is never expanded,
// even with a top-level `items` field: kubectl's guess there breaks custom resources that have one.

import { isJsonObject } from './jsonObject';

export interface DocumentEntry {
  value: unknown;
  /** Index in the List's items, absent for a plain object. */
  listItem?: number;
}

export type ListItems = { entries: DocumentEntry[] } | { problem: string };

export function listItems(value: unknown): ListItems {
  if (!isListDocument(value)) return { entries: [{ value }] };
  const items = value.items;
  if (items === undefined || items === null) return { entries: [] };
  if (!Array.isArray(items)) return { problem: `items of a ${String(value.kind)} must be a list of objects` };
  return { entries: items.map((item, listItem) => ({ value: item, listItem })) };
}

function isListDocument(value: unknown): value is { kind: string; items?: unknown } {
  return isJsonObject(value) && typeof value.kind === 'string' && value.kind.endsWith('List') &&
    (value.kind === 'List' || 'items' in value);
}
