// The compiled CLI as a shell pipeline runs it (`hooksync ... | cat`): every output arrives whole,
// however far beyond the 64 KiB a pipe holds. The process must not end while Node still queues
// output for the pipe (client/cli/exitWhenFlushed.ts).
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../support/paths';
import { readTestEnv } from '../../support/testEnv';
import { documents, useSyncHarness } from '../sync/syncTestKit';

const kit = useSyncHarness();
const dir = mkdtempSync(join(tmpdir(), 'hooksync-piped-'));
const COUNT = 1000;
const nameOf = (i: number) => `piped-${String(i).padStart(4, '0')}`;

interface PipedRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node dist/client/cli/main.js ARGS | cat` in bash, with pipefail: the exit code is the CLI's. */
function pipedCli(...args: string[]): Promise<PipedRun> {
  const cli = join(repoRoot, 'dist/client/cli/main.js');
  const child = spawn('bash', ['-c', 'set -o pipefail; node "$0" "$@" | cat', cli, ...args], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => err.push(c));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }));
  });
}

function manifestFile(name: string, yaml: string): string {
  const path = join(dir, name);
  writeFileSync(path, yaml);
  return path;
}

/** COUNT ConfigMaps, each with `annotation` when given. */
function configMaps(annotation = ''): string {
  return documents(...Array.from({ length: COUNT }, (_, i) => `
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${nameOf(i)}
  annotations: {${annotation}}
data:
  index: "${i}"
`));
}

test(`plan -o json of ${COUNT} objects, piped: whole JSON with every task`, async () => {
  const run = await pipedCli('plan', '-f', manifestFile('plan.yaml', configMaps()), '-n', 'piped', '-o', 'json');
  expect(run.stdout.length).toBeGreaterThan(64 * 1024);
  expect(run.code).toBe(0);
  const plan = JSON.parse(run.stdout) as { tasks: Array<{ name: string }> };
  expect(plan.tasks).toHaveLength(COUNT);
  expect(plan.tasks.at(-1)?.name).toBe(nameOf(COUNT - 1));
});

test(`bad input in ${COUNT} objects, stderr a pipe: every problem arrives, exit 2`, async () => {
  const run = await pipedCli('plan', '-f', manifestFile('bad.yaml', configMaps(' argocd.argoproj.io/hook: "PreSyncc" ')), '-o', 'json');
  expect(run.stderr.length).toBeGreaterThan(64 * 1024);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  const problems = run.stderr.split('\n').filter((l) => l.includes('metadata.annotations["argocd.argoproj.io/hook"]'));
  expect(problems).toHaveLength(COUNT);
  expect(problems.at(-1)).toContain(`ConfigMap default/${nameOf(COUNT - 1)}`);
});

test(`sync -o json of ${COUNT} ConfigMaps, piped: whole JSON with a row for each`, async () => {
  const ns = await kit.namespace('piped');
  const env = readTestEnv();
  const started = Date.now();
  const run = await pipedCli(
    'sync', '-f', manifestFile('sync.yaml', configMaps()), '--app', `piped-${ns}`, '-n', ns, '-o', 'json',
    '--kubeconfig', env.kubeconfigPath, '--cluster', kit.h.clusterName, '--address', env.temporalAddress, '--temporal-namespace', env.temporalNamespace,
  );
  // How long a sync of this size takes today (the apply is one object at a time): for the report.
  console.info(`sync of ${COUNT} ConfigMaps through the CLI took ${Date.now() - started} ms`);
  expect(run.stdout.length).toBeGreaterThan(64 * 1024);
  expect(run.code).toBe(0);
  const report = JSON.parse(run.stdout) as { phase: string; resources: Array<{ kind: string; name: string; status: string }> };
  expect(report.phase).toBe('Succeeded');
  expect(report.resources).toHaveLength(COUNT);
  expect(report.resources.every((r) => r.kind === 'ConfigMap' && r.status === 'Synced')).toBe(true);
}, 600_000);
