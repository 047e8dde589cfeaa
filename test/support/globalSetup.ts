// Runs once before the integration and faults projects: brings up the embedded environment (or reuses the
// one already up) and bundles the workflow code once, so every test's worker starts quickly.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { repoRoot } from './paths';

export default async function globalSetup(): Promise<void> {
  // Each project that needs the servers names this set-up; one jest run does the work once.
  if (process.env.HOOKSYNC_TEST_SYNC_BUNDLE) return;
  execFileSync('bash', [join(repoRoot, 'dev/start.sh')], { stdio: 'inherit' });
  // Crash tests run workers as child processes from the compiled CLI, with the bundle the build makes.
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit', cwd: repoRoot });
  // In the checkout, not the shared run directory: two checkouts testing at once keep their own code.
  const dir = join(repoRoot, 'dist', 'test-bundles');
  mkdirSync(dir, { recursive: true });
  process.env.HOOKSYNC_TEST_SMOKE_BUNDLE = await bundle(join(repoRoot, 'test/support/smokeWorkflows.ts'), join(dir, 'smoke-workflows.bundle.js'));
  // The build's bundle of the sync workflows (worker/workflowBundle.ts), for in-process workers too.
  process.env.HOOKSYNC_TEST_SYNC_BUNDLE = join(repoRoot, 'dist', 'sync-workflows.bundle.js');
}

async function bundle(workflowsPath: string, bundlePath: string): Promise<string> {
  const quiet = { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} };
  const { code } = await bundleWorkflowCode({ workflowsPath, logger: quiet });
  writeFileSync(bundlePath, code);
  return bundlePath;
}
