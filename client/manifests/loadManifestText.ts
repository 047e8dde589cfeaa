// One input's text -> its manifests, each with file, document, line and list item, and the problems
// found in it. A document with any problem yields no manifest, so nothing half-read is planned.

import { type Manifest, type ManifestSource } from '../../sync/manifest';
import { describeValue, identityOf } from './describeObject';
import { type PathSegment, fieldPath } from './fieldPath';
import { isJsonObject } from './jsonObject';
import { MAX_PROBLEMS_PER_DOCUMENT } from './limits';
import { listItems } from './listItems';
import { type LoadProblem } from './loadProblem';
import { type ParsedDocument, parseYamlDocuments } from './parseYamlDocuments';
import { validateObject } from './validateObject';
import { type NodeProblem, type YamlValue, yamlToValue } from './yamlToValue';

export interface LoadedText {
  manifests: Manifest[];
  problems: LoadProblem[];
}

export function loadManifestText(text: string, file: string): LoadedText {
  const parsed = parseYamlDocuments(text, file);
  const loaded: LoadedText = { manifests: [], problems: [...parsed.problems] };
  for (const document of parsed.documents) {
    const converted = yamlToValue(document.root, parsed.lineCounter);
    if (converted.problems.length > 0) {
      const value = converted.value ?? identityOf(document.root);
      loaded.problems.push(...converted.problems.map((p) => valueProblem(p, value, file, document)));
    } else {
      addObjects(converted, file, document, loaded);
    }
  }
  loaded.problems = capPerDocument(loaded.problems);
  return loaded;
}

function addObjects(converted: YamlValue, file: string, document: ParsedDocument, loaded: LoadedText): void {
  const listed = listItems(converted.value);
  if ('problem' in listed) {
    const line = converted.lineOf(converted.value, 'items') ?? document.line;
    loaded.problems.push(withObject({ file, line, document: document.index, field: 'items', message: listed.problem }, converted.value));
    return;
  }
  for (const entry of listed.entries) {
    const source: ManifestSource = { file, document: document.index, line: converted.lineOf(entry.value) ?? document.line };
    if (entry.listItem !== undefined) source.listItem = entry.listItem;
    const check = validateObject(entry.value, source.line ?? document.line, converted.lineOf);
    if ('object' in check) loaded.manifests.push({ source, object: check.object });
    else loaded.problems.push(...check.problems.map((p) => withObject({ ...source, ...p }, entry.value)));
  }
}

function valueProblem(problem: NodeProblem, value: unknown, file: string, document: ParsedDocument): LoadProblem {
  const located: LoadProblem = { file, line: problem.line, document: document.index, message: problem.message };
  if (problem.path.length > 0) located.field = fieldPath(problem.path);
  if (problem.value !== undefined && !mayHoldSecretData(value, problem.path)) located.value = problem.value;
  return withObject(located, value);
}

function withObject(problem: LoadProblem, value: unknown): LoadProblem {
  const object = describeValue(value);
  return object === undefined ? problem : { ...problem, object };
}

/**
 * Secret data must never reach a message (DESIGN §5): outside metadata, a value is quoted only when
 * the object it sits in (a List's item, for a List) is known not to be a Secret.
 */
function mayHoldSecretData(value: unknown, path: readonly PathSegment[]): boolean {
  if (!isJsonObject(value) || typeof value.kind !== 'string') return true;
  if (value.kind.endsWith('List') && path[0] === 'items' && typeof path[1] === 'number' && Array.isArray(value.items)) {
    return mayHoldSecretData(value.items[path[1]], path.slice(2));
  }
  return path[0] !== 'metadata' && value.kind === 'Secret';
}

/** Keeps the first problems of each document and says how many more there were. */
function capPerDocument(problems: LoadProblem[]): LoadProblem[] {
  const kept: LoadProblem[] = [];
  const seen = new Map<number | undefined, { count: number; last: LoadProblem }>();
  for (const problem of problems) {
    const entry = seen.get(problem.document) ?? { count: 0, last: problem };
    entry.count += 1;
    if (problem.document === undefined || entry.count <= MAX_PROBLEMS_PER_DOCUMENT) kept.push(problem);
    seen.set(problem.document, entry);
  }
  for (const [document, { count, last }] of seen) {
    if (document === undefined || count <= MAX_PROBLEMS_PER_DOCUMENT) continue;
    const more = count - MAX_PROBLEMS_PER_DOCUMENT;
    kept.push({ file: last.file, document, message: `${more} more problems in this document not shown` });
  }
  return kept;
}
