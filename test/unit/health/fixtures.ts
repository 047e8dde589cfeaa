// Loads the captured live objects in test/fixtures/health/<kind>-<state>.yaml.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type LiveObject } from '../../../sync/health';

export const fixtureDir = join(__dirname, '..', '..', 'fixtures', 'health');

export function loadFixture(name: string): LiveObject {
  const parsed: unknown = parse(readFileSync(join(fixtureDir, `${name}.yaml`), 'utf8'));
  const obj = parsed as Partial<LiveObject> | null;
  if (!obj || typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string' || typeof obj.metadata !== 'object') {
    throw new Error(`fixture ${name}.yaml is not a Kubernetes object`);
  }
  return obj as LiveObject;
}

/** Every fixture on disk, without the .yaml suffix, sorted. */
export function fixtureNames(): string[] {
  return readdirSync(fixtureDir)
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => file.slice(0, -'.yaml'.length))
    .sort();
}
