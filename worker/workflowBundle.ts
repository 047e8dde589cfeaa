// The sync workflow's code as the worker loads it. `npm run build` bundles it once into dist/
// (worker/buildBundle.ts); a worker started from dist/ loads that file instead of running webpack,
// which takes seconds (most of a minute on a loaded machine) and fills the log with its module list.
// The bundle is stamped with a digest of the compiled files it was made from: a bundle older than
// the code next to it (dist rebuilt by tsc alone) is not used, so a worker never runs stale workflows.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode, type WorkerOptions } from '@temporalio/worker';
import { failureConverterPath } from '../codec/dataConverter';

/** Where `npm run build` writes the bundle: dist/sync-workflows.bundle.js (this file is dist/worker/). */
export const PREBUILT_BUNDLE = join(__dirname, '..', 'sync-workflows.bundle.js');
const stampPath = (bundlePath: string) => `${bundlePath}.sha256`;

/** Folders whose compiled code can end up in the bundle (workflows import sync/ and the failure converter). */
const BUNDLED_DIRS = ['workflows', 'sync', 'codec'];

type WorkflowSource = Pick<WorkerOptions, 'workflowBundle'>;

/** Digest of the code the bundle is made from, under `root` (dist/ or the source checkout). */
export function sourceDigest(root = join(__dirname, '..')): string {
  const hash = createHash('sha256');
  for (const dir of BUNDLED_DIRS) {
    const files = readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }).filter((f) => /\.[cm]?[jt]s$/.test(f)).sort();
    for (const file of files) hash.update(`${dir}/${file}\0`).update(readFileSync(join(root, dir, file))).update('\0');
  }
  return hash.digest('hex');
}

/** Webpack reports through the logger; only its warnings and errors are worth a line. */
const quiet = { trace() {}, debug() {}, info() {}, log() {}, warn: console.warn, error: console.error };

/** Bundles the sync workflows with the codec's failure converter, as the worker's data converter names it. */
export async function bundleSyncWorkflows(): Promise<string> {
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), failureConverterPath, logger: quiet });
  return code;
}

/** Writes the bundle and its stamp (`npm run build`). */
export async function writeSyncBundle(bundlePath = PREBUILT_BUNDLE): Promise<string> {
  writeFileSync(bundlePath, await bundleSyncWorkflows());
  writeFileSync(stampPath(bundlePath), `${sourceDigest()}\n`);
  return bundlePath;
}

/** True when the prebuilt bundle exists and was made from the code beside it. */
export function prebuiltIsCurrent(bundlePath = PREBUILT_BUNDLE): boolean {
  if (!existsSync(bundlePath) || !existsSync(stampPath(bundlePath))) return false;
  return readFileSync(stampPath(bundlePath), 'utf8').trim() === sourceDigest();
}

/**
 * The workflow code for Worker.create: a bundle path given explicitly (tests, HOOKSYNC_WORKFLOW_BUNDLE),
 * else the current prebuilt one, else a bundle made now, quietly.
 */
export async function syncWorkflowSource(explicitPath?: string): Promise<WorkflowSource> {
  if (explicitPath) return { workflowBundle: { codePath: explicitPath } };
  if (prebuiltIsCurrent()) return { workflowBundle: { codePath: PREBUILT_BUNDLE } };
  return { workflowBundle: { code: await bundleSyncWorkflows() } };
}
