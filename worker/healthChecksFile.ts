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
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { customHealthFields, type CustomHealthCheck, type CustomHealthField, type HealthPredicate } from '../sync/health';
import { splitApiVersion } from '../sync/objectRef';
import { compileCelPredicate } from './celPredicate';

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
  list.items.forEach((item, index) => {
    const read = readRule(item as Node, index + 1, file, lineOf);
    problems.push(...read.problems);
    if (!read.check) return;
    const earlier = checks.find((c) => c.group === read.check?.group && c.kind === read.check.kind);
    if (earlier) problems.push(`${read.check.origin}: rule ${index + 1} (${ruleName(read.check)}): the same group and kind as the rule at ${earlier.origin}`);
    else checks.push(read.check);
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

interface ReadRule {
  check?: CustomHealthCheck;
  problems: string[];
}

function readRule(item: Node, number: number, file: string, lineOf: (node: Node | null | undefined) => number): ReadRule {
  const at = (node: Node | null | undefined) => `${file}:${lineOf(node ?? item)}`;
  if (!isMap(item)) return { problems: [`${at(item)}: rule ${number}: expected a mapping with apiVersion or group, kind and current`] };
  const fields = scalarFields(item);
  const name = `rule ${number} (${[fields.group?.value ?? groupOf(fields.apiVersion?.value), fields.kind?.value].filter(Boolean).join('/') || 'unnamed'})`;
  const problems: string[] = [];
  const refuse = (node: Node | null | undefined, message: string) => problems.push(`${at(node)}: ${name}: ${message}`);
  for (const pair of item.items as Pair<Node, Node>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!KNOWN_FIELDS.includes(key)) refuse(pair.key, `unknown field "${key}" (expected ${KNOWN_FIELDS.join(', ')})`);
    else if (!isScalar(pair.value) || typeof pair.value.value !== 'string' || pair.value.value.trim() === '') refuse(pair.value ?? pair.key, `${key} must be a non-empty string`);
  }
  if (fields.apiVersion && fields.group) refuse(fields.group.node, 'give apiVersion or group, not both');
  if (!fields.apiVersion && !fields.group) refuse(item, 'apiVersion (or group) is missing');
  if (!fields.kind) refuse(item, 'kind is missing');
  if (!fields.current) refuse(item, 'current is missing: the expression that is true once the object is healthy');
  const predicates: Partial<Record<CustomHealthField, HealthPredicate>> = {};
  for (const field of customHealthFields) {
    const source = fields[field];
    if (!source) continue;
    try {
      predicates[field] = compileCelPredicate(source.value);
    } catch (error) {
      refuse(source.node, `${field}: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0 || !fields.kind || !predicates.current) return { problems };
  const group = fields.group?.value ?? groupOf(fields.apiVersion?.value) ?? '';
  return { check: { group, kind: fields.kind.value, origin: at(item), ...predicates, current: predicates.current }, problems };
}

interface Field {
  value: string;
  node: Node;
}

/** The known fields whose value is a non-empty string, with their nodes for line numbers. */
function scalarFields(map: YAMLMap): Partial<Record<string, Field>> {
  const fields: Partial<Record<string, Field>> = {};
  for (const pair of map.items as Pair<Node, Node>[]) {
    if (!isScalar(pair.key) || !isScalar(pair.value)) continue;
    const { value } = pair.value;
    if (typeof value === 'string' && value.trim() !== '') fields[String(pair.key.value)] = { value: value.trim(), node: pair.value };
  }
  return fields;
}

function groupOf(apiVersion: string | undefined): string | undefined {
  return apiVersion === undefined ? undefined : splitApiVersion(apiVersion).group;
}

function ruleName(check: CustomHealthCheck): string {
  return check.group ? `${check.group}/${check.kind}` : check.kind;
}
