// Test-only loader for the plan fixtures under test/fixtures/plans/<name>/: every *.yaml file but
// live.yaml is a manifest file (documents read in order, with line numbers), live.yaml holds the
// live objects offered for pruning, options.json the planner options. The real loader lives in
// client/manifests/ and is deliberately not used: these tests cover sync/ alone.

import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import { type KubeObject, type Manifest } from '../../../sync/manifest';
import { type PlanOptions } from '../../../sync/planSync';

export const plansDir = join(__dirname, '..', '..', 'fixtures', 'plans');

export function parseManifests(file: string, text: string): Manifest[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter });
  const manifests: Manifest[] = [];
  docs.forEach((doc, document) => {
    const object = doc.toJS() as KubeObject | null;
    if (!object) return;
    const start = doc.contents?.range[0] ?? 0;
    manifests.push({ source: { file, document, line: lineCounter.linePos(start).line }, object });
  });
  return manifests;
}

interface FixtureOptions {
  syncId?: string;
  attempt?: number;
  defaultNamespace?: string;
  prune?: { enabled: boolean; pruneLast?: boolean };
}

export interface Fixture {
  manifests: Manifest[];
  options: PlanOptions;
  expected: string;
}

export function loadFixture(name: string): Fixture {
  const dir = join(plansDir, name);
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'live.yaml').sort();
  const manifests = files.flatMap((f) => parseManifests(f, readFileSync(join(dir, f), 'utf8')));
  const given = readJson<FixtureOptions>(join(dir, 'options.json')) ?? {};
  const live = existsSync(join(dir, 'live.yaml'))
    ? parseManifests('live.yaml', readFileSync(join(dir, 'live.yaml'), 'utf8')).map((m) => m.object)
    : [];
  const options: PlanOptions = {
    syncId: given.syncId ?? 'plan',
    attempt: given.attempt ?? 0,
    defaultNamespace: given.defaultNamespace ?? 'default',
    prune: given.prune ? { ...given.prune, live } : undefined,
  };
  return { manifests, options, expected: readFileSync(join(dir, 'expected.txt'), 'utf8') };
}

function readJson<T>(path: string): T | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined;
}
