// The `temporal` CLI that dev/build-tools.sh built, at the version dev/versions.sh pins, for tests
// that do what an operator does by hand (reset a workflow, show its history).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, repoRoot } from './paths';
import { readTestEnv } from './testEnv';

export function temporalCliPath(): string {
  const versions = readFileSync(join(repoRoot, 'dev', 'versions.sh'), 'utf8');
  const version = /^TEMPORAL_CLI_VERSION=(\S+)/m.exec(versions)?.[1];
  if (!version) throw new Error('dev/versions.sh pins no TEMPORAL_CLI_VERSION');
  return join(cacheDir(), `temporal-${version}`, 'bin', 'temporal');
}

/** Runs `temporal ARGS` against the test server; returns its stdout. */
export function temporalCli(...args: string[]): string {
  const env = readTestEnv();
  return execFileSync(temporalCliPath(), [...args, '--address', env.temporalAddress, '--namespace', env.temporalNamespace], { encoding: 'utf8' });
}

/** `temporal workflow show -o json` of one run, as stored; `extra` adds e.g. --codec-endpoint. */
export function showHistory(workflowId: string, runId: string, extra: string[] = []): string {
  const env = readTestEnv();
  return execFileSync(temporalCliPath(), ['workflow', 'show', '--address', env.temporalAddress, '--namespace', env.temporalNamespace,
    '-w', workflowId, '-r', runId, '-o', 'json', ...extra], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}
