// One thing wrong with the user's manifests, located as precisely as the loader can: every
// message the CLI prints about bad input is built from these fields by formatLoadProblem.

import { MAX_QUOTED_VALUE_CHARS } from './limits';

export interface LoadProblem {
  /** Path as the user wrote it (joined with the entry found in a directory), or "<stdin>". */
  file: string;
  /** 1-based line, when the problem has a place in the file. */
  line?: number;
  /** 0-based document index, as in ManifestSource. */
  document?: number;
  /** Index in the `items` of a List document. */
  listItem?: number;
  /** `Kind name` or `Kind namespace/name`, when the object got that far. */
  object?: string;
  /** Field path inside the object, e.g. `metadata.annotations["argocd.argoproj.io/hook"]`. */
  field?: string;
  /** The offending value, already shortened; left out for Secret contents. */
  value?: string;
  message: string;
}

/** The value as it should appear in a message: JSON-quoted, cut to a readable length. */
export function quoteValue(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  if (text.length <= MAX_QUOTED_VALUE_CHARS) return text;
  return `${text.slice(0, MAX_QUOTED_VALUE_CHARS)}…`;
}
