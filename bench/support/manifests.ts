// The manifests of the bench scenarios (besides examples/demo): ConfigMap ladders and wide waves,
// and the hook-then-write pair of S4. Plain YAML text, planned as `hooksync sync -f -` would.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../test/support/paths';

function configMap(name: string, wave: number): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  annotations: { argocd.argoproj.io/sync-wave: "${wave}" }\ndata: { key: value }\n`;
}

/** N waves of one ConfigMap each (N = 1: the fixed cost of a sync). */
export function waveLadder(waves: number): string {
  return Array.from({ length: waves }, (_, i) => configMap(`wave-${i}`, i)).join('---\n');
}

/** K ConfigMaps in one wave. */
export function wideWave(count: number): string {
  return Array.from({ length: count }, (_, i) => configMap(`wide-${i}`, 0)).join('---\n');
}

/** S4: a PreSync Job (KWOK's default 500 ms pod) and the Sync ConfigMap written once it completed. */
export const S4_CONFIGMAP = 'after-hook';
export const hookThenWrite = `apiVersion: batch/v1
kind: Job
metadata:
  generateName: s4-hook-
  annotations:
    argocd.argoproj.io/hook: PreSync
    argocd.argoproj.io/hook-delete-policy: HookSucceeded
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers: [{ name: hook, image: "hook:1" }]
---
${configMap(S4_CONFIGMAP, 0)}`;

/** examples/demo as one YAML stream, in the files' order (as `hooksync sync -f examples/demo` reads it). */
export function demoYaml(): string {
  const dir = join(repoRoot, 'examples', 'demo');
  return readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => readFileSync(join(dir, f), 'utf8')).join('\n---\n');
}
