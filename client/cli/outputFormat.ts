// `-o text|wide|json|yaml`, as kubectl and argocd users know it: text and wide for people (wide
// adds columns), json and yaml for programs, carrying the same data (DESIGN §3's fields).
import { Option } from 'commander';
import { stringify } from 'yaml';

export const OUTPUT_FORMATS = ['text', 'wide', 'json', 'yaml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const output = () => new Option('-o, --output <format>', 'output format').choices(OUTPUT_FORMATS).default('text');

/** text and wide: tables and progress lines for a terminal. */
export function isForPeople(format: string): boolean {
  return format === 'text' || format === 'wide';
}

/** The data as json (two-space indented) or yaml; no trailing newline, as console.log adds one. */
export function renderData(format: string, data: unknown): string {
  // `aliasDuplicateObjects: false`: a row shared twice must print twice, not as a YAML alias.
  return format === 'yaml' ? stringify(data, { aliasDuplicateObjects: false }).trimEnd() : JSON.stringify(data, null, 2);
}
