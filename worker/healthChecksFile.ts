// `hooksync worker --health-checks FILE`: the operator's health rules, read and compiled once when
// the worker starts. The file is a YAML list of rules in the shape of Flux's healthCheckExprs
// (or a map holding that list under `healthCheckExprs`, as pasted from a Kustomization):
//
//   - apiVersion: cert-manager.io/v1      # or `group: cert-manager.io`; the version is not matched
//     kind: Certificate
//     inProgress: <CEL>                   # optional
//     failed: <CEL>                       # optional
//     current: <CEL>                      # required
//
// Every problem is reported at once, each with the file, the line and the rule it is in, and the
// worker does not start: a rule that cannot be evaluated must not surface in the middle of a sync.
import { readFile } from 'node:fs/promises';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { customHealthFields, type CustomHealthCheck, type CustomHealthField, type HealthPredicate } from '../sync/health';
import { splitApiVersion } from '../sync/objectRef';
import type * as CelPredicate from './celPredicate';

/** The file cannot be used; the message lists every problem, one a line. */
export class HealthChecksFileError extends Error {}

const KNOWN_FIELDS = ['apiVersion', 'group', 'kind', ...customHealthFields];

export async function loadHealthChecksFile(file: string): Promise<CustomHealthCheck[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new HealthChecksFileError(`cannot read health checks file ${file}: ${(error as Error).message}`, { cause: error });
  }
  const { checks, problems } = parseHealthChecks(text, file);
  if (problems.length > 0) throw new HealthChecksFileError(`health checks file ${file} is refused:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return checks;
}

export interface ParsedHealthChecks {
  checks: CustomHealthCheck[];
  problems: string[];
}

export function parseHealthChecks(text: string, file: string): ParsedHealthChecks {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (node: Node | null | undefined) => lineCounter.linePos(node?.range?.[0] ?? 0).line;
  const problems = doc.errors.map((error) => `${file}:${lineCounter.linePos(error.pos[0]).line}: ${error.message.split('\n')[0]}`);
  if (problems.length > 0) return { checks: [], problems };
  const list = ruleList(doc.contents);
  if (!list) return { checks: [], problems: [`${file}:${lineOf(doc.contents)}: expected a list of health checks (apiVersion or group, kind, current, and optionally inProgress and failed)`] };
  const checks: CustomHealthCheck[] = [];
  const seen: RuleIdentity[] = [];
  list.items.forEach((item, index) => {
    const read = readRule(item as Node, index + 1, file, lineOf);
    problems.push(...read.problems);
    const earlier = read.identity && seen.find((s) => s.group === read.identity?.group && s.kind === read.identity.kind);
    if (read.identity && earlier) problems.push(`${read.identity.origin}: ${read.identity.name}: the same group and kind as the rule at ${earlier.origin}`);
    if (read.identity) seen.push(read.identity);
    if (read.check) checks.push(read.check);
  });
  if (list.items.length === 0) problems.push(`${file}:${lineOf(list)}: the list of health checks is empty`);
  return { checks: problems.length > 0 ? [] : checks, problems };
}

/** The list itself, or the one under `healthCheckExprs` (Flux's field name). */
function ruleList(root: unknown): YAMLSeq | undefined {
  if (isSeq(root)) return root;
  if (isMap(root)) {
    const inner = root.get('healthCheckExprs', true);
    if (isSeq(inner)) return inner;
  }
  return undefined;
}

interface RuleIdentity {
  group: string;
  kind: string;
  origin: string;
  name: string;
}

interface ReadRule {
  check?: CustomHealthCheck;
  /** Known once group and kind are, even when the rule has problems: duplicates are found anyway. */
  identity?: RuleIdentity;
  problems: string[];
}

function readRule(item: Node, number: number, file: string, lineOf: (node: Node | null | undefined) => number): ReadRule {
  const at = (node: Node | null | undefined) => `${file}:${lineOf(node ?? item)}`;
  if (!isMap(item)) return { problems: [`${at(item)}: rule ${number}: expected a mapping with apiVersion or group, kind and current`] };
  const fields = scalarFields(item);
  const group = fields.group?.value ?? groupOf(fields.apiVersion?.value);
  const name = `rule ${number} (${[group, fields.kind?.value].filter(Boolean).join('/') || 'unnamed'})`;
  const { predicates, problems: compileProblems } = compileExpressions(fields);
  const problems = [...shapeProblems(item, fields), ...compileProblems]
    .sort((a, b) => lineOf(a.node ?? item) - lineOf(b.node ?? item))
    .map(({ node, message }) => `${at(node)}: ${name}: ${message}`);
  const identity = group !== undefined && fields.kind ? { group, kind: fields.kind.value, origin: at(item), name } : undefined;
  if (problems.length > 0 || !identity || !predicates.current) return { identity, problems };
  return { check: { group: identity.group, kind: identity.kind, origin: identity.origin, ...predicates, current: predicates.current }, identity, problems };
}

interface Problem {
  /** The node it is about (undefined: the rule itself). */
  node?: Node;
  message: string;
}

/** Unknown fields, values that are not text, and missing or clashing fields. */
function shapeProblems(item: YAMLMap, fields: Fields): Problem[] {
  const problems: Problem[] = [];
  for (const pair of item.items as Pair<Node, Node>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!KNOWN_FIELDS.includes(key)) problems.push({ node: pair.key, message: `unknown field "${key}" (expected ${KNOWN_FIELDS.join(', ')})` });
    else if (!isText(pair.value, key)) problems.push({ node: pair.value ?? pair.key, message: `${key} must be a non-empty string${key === 'group' ? ' ("" for the core group)' : ''}` });
  }
  if (fields.apiVersion && fields.group) problems.push({ node: fields.group.node, message: 'give apiVersion or group, not both' });
  // A field that is there but not text has been reported above.
  const absent = (key: string) => !item.has(key);
  if (absent('apiVersion') && absent('group')) problems.push({ message: 'apiVersion (or group) is missing' });
  if (absent('kind')) problems.push({ message: 'kind is missing' });
  if (absent('current')) problems.push({ message: 'current is missing: the expression that is true once the object is healthy' });
  return problems;
}

function compileExpressions(fields: Fields): { predicates: Partial<Record<CustomHealthField, HealthPredicate>>; problems: Problem[] } {
  const predicates: Partial<Record<CustomHealthField, HealthPredicate>> = {};
  const problems: Problem[] = [];
  for (const field of customHealthFields) {
    const source = fields[field];
    if (!source) continue;
    try {
      predicates[field] = celPredicate().compileCelPredicate(source.value);
    } catch (error) {
      problems.push({ node: source.node, message: `${field}: ${(error as Error).message}` });
    }
  }
  return { predicates, problems };
}

interface Field {
  value: string;
  node: Node;
}

/** The fields whose value is usable text, with their nodes for line numbers. */
type Fields = Partial<Record<string, Field>>;

function scalarFields(map: YAMLMap): Fields {
  const fields: Fields = {};
  for (const pair of map.items as Pair<Node, Node>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (isText(pair.value, key)) fields[key] = { value: String(pair.value.value).trim(), node: pair.value };
  }
  return fields;
}

/** A non-empty string; `group` alone may be empty, for the core group. */
function isText(node: Node | null, key: string): node is Scalar<string> {
  if (!isScalar(node) || typeof node.value !== 'string') return false;
  return key === 'group' || node.value.trim() !== '';
}

function groupOf(apiVersion: string | undefined): string | undefined {
  return apiVersion === undefined ? undefined : splitApiVersion(apiVersion).group;
}

/**
 * The CEL evaluator, loaded with the first rule: a worker started without `--health-checks` does not
 * pay for it on its way to polling (it is part of the `hooksync/worker` entry through this file).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loading on demand
const celPredicate = () => require('./celPredicate') as typeof CelPredicate;
