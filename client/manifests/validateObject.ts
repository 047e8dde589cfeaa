// The fields every later step relies on: apiVersion, kind, and a name (hooks may go without).
// Labels and annotations must be strings, as the API server demands; an unquoted
// `argocd.argoproj.io/sync-wave: 5` is caught here with its line instead of failing at apply time.

import { ARGO_HOOK_ANNOTATION, HELM_HOOK_ANNOTATION } from '../../sync/hookType';
import { type KubeObject } from '../../sync/manifest';
import { fieldPath } from './fieldPath';
import { type JsonObject, isJsonObject } from './jsonObject';
import { quoteValue } from './loadProblem';
import { nameProblem, namespaceProblem } from './objectNames';

export interface ObjectProblem {
  line: number;
  field?: string;
  value?: string;
  message: string;
}

export type LineOf = (value: unknown, key?: string) => number | undefined;

export type ObjectCheck = { object: KubeObject } | { problems: ObjectProblem[] };

const STRING_MAPS = ['labels', 'annotations'] as const;

const EXAMPLES = { apiVersion: '(e.g. v1 or apps/v1)', kind: '(e.g. ConfigMap or Deployment)' };

export function validateObject(value: unknown, line: number, lineOf: LineOf): ObjectCheck {
  if (!isJsonObject(value)) {
    return { problems: [{ line, message: `must be a mapping with apiVersion, kind and metadata, not ${typeName(value)}` }] };
  }
  const problems: ObjectProblem[] = [];
  const report = (parent: JsonObject, key: string, field: string, message: string, withValue = true): void => {
    const problem: ObjectProblem = { line: lineOf(parent, key) ?? line, field, message };
    if (withValue && parent[key] !== undefined) problem.value = quoteValue(parent[key]);
    problems.push(problem);
  };
  for (const key of ['apiVersion', 'kind'] as const) {
    if (!isText(value[key])) report(value, key, key, value[key] === undefined ? `missing: set ${key} ${EXAMPLES[key]}` : 'must be a non-empty string');
  }
  const metadata = value.metadata;
  if (!isJsonObject(metadata)) {
    report(value, 'metadata', 'metadata', metadata === undefined ? 'missing: set metadata.name' : 'must be a mapping', false);
  } else {
    checkMetadata(metadata, report);
    checkNames(metadata, typeof value.kind === 'string' ? value.kind : '', report);
  }
  return problems.length > 0 ? { problems } : { object: value as KubeObject };
}

type Report = (parent: JsonObject, key: string, field: string, message: string, withValue?: boolean) => void;

function checkMetadata(metadata: JsonObject, report: Report): void {
  const { name, generateName } = metadata;
  // A hook may go without both: the planner names it (sync/hookName.ts), or leaves it out (Skip).
  if (name === undefined && generateName === undefined && !declaresHook(metadata)) {
    report(metadata, 'name', 'metadata.name', 'missing: set metadata.name (or metadata.generateName for a hook)');
  }
  for (const key of ['name', 'generateName', 'namespace']) {
    if (metadata[key] !== undefined && !isText(metadata[key])) {
      report(metadata, key, `metadata.${key}`, 'must be a non-empty string');
    }
  }
  for (const mapName of STRING_MAPS) {
    const map = metadata[mapName];
    if (map === undefined || map === null) continue;
    if (!isJsonObject(map)) {
      report(metadata, mapName, `metadata.${mapName}`, 'must be a mapping of strings', false);
      continue;
    }
    for (const [key, entry] of Object.entries(map)) {
      if (typeof entry !== 'string') {
        report(map, key, fieldPath(['metadata', mapName, key]), 'must be a string: quote the value');
      }
    }
  }
}

/** Names the API server would refuse; only string names (checkMetadata reports the others). */
function checkNames(metadata: JsonObject, kind: string, report: Report): void {
  if (isText(metadata.name)) {
    const problem = nameProblem(kind, metadata.name);
    if (problem) report(metadata, 'name', 'metadata.name', problem);
  }
  if (isText(metadata.namespace)) {
    const problem = namespaceProblem(metadata.namespace);
    if (problem) report(metadata, 'namespace', 'metadata.namespace', problem);
  }
}

/** Whether the object says it is a hook, whatever the value: the planner checks the value. */
function declaresHook(metadata: JsonObject): boolean {
  const annotations = metadata.annotations;
  return isJsonObject(annotations) && (annotations[ARGO_HOOK_ANNOTATION] !== undefined || annotations[HELM_HOOK_ANNOTATION] !== undefined);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function typeName(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  return value === null ? 'null' : `a ${typeof value}`;
}
