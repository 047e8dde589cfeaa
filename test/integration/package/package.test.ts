// hooksync as a package (README, "Embedding hooksync"): `npm pack` of this checkout's build,
// installed into an empty project, used there only through the package's entries against the real
// servers. Slow by nature (pack, install, two webpack bundles): each step waits for its process.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { WorkflowNotFoundError } from '@temporalio/client';
import { connectTestClient } from '../../support/syncHarness';
import { repoRoot } from '../../support/paths';
import { readTestEnv } from '../../support/testEnv';
import { connectTestCluster, createTestNamespace, deleteTestNamespace } from '../../support/testCluster';
import { killWorker, type WorkerProcess } from '../../support/workerProcess';
import { configMapYaml, documents, jobYaml } from '../sync/syncTestKit';
import { hostedWorker, hostedWorkflows, startScript, tsconfig, userWorker, userWorkflows } from './userProject';

const execFileAsync = promisify(execFile);

/** Runs a command; a failure names it and carries its output (tsc and npm report on stdout). */
async function run(file: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<{ stdout: string }> {
  try {
    return await execFileAsync(file, args, { ...options });
  } catch (err) {
    const { stdout = '', stderr = '' } = err as { stdout?: string; stderr?: string };
    throw new Error(`${file} ${args.join(' ')} failed in ${options.cwd}:\n${stdout}${stderr}`, { cause: err });
  }
}
const STEP_MS = 10 * 60_000;
jest.setTimeout(STEP_MS);

const work = mkdtempSync(join(tmpdir(), 'hooksync-package-'));
const project = join(work, 'project');
const manifests = join(work, 'manifests');
const failing = join(work, 'failing');
const clusterName = `package-${randomBytes(4).toString('hex')}`;
const cluster = connectTestCluster();
const namespaces: string[] = [];
let tarball = '';
let packedFiles: string[] = [];
let worker: WorkerProcess | undefined;

/** The connection a user's shell would give the installed project's processes. */
function userEnv(cluster = clusterName): NodeJS.ProcessEnv {
  const env = readTestEnv();
  return { ...process.env, TEMPORAL_ADDRESS: env.temporalAddress, TEMPORAL_NAMESPACE: env.temporalNamespace, KUBECONFIG: env.kubeconfigPath, HOOKSYNC_CLUSTER: cluster };
}

/** `hooksync worker` from the installed package's bin, as a user would run it. */
function startInstalledWorker(): WorkerProcess {
  const child = spawn(join(project, 'node_modules', '.bin', 'hooksync'), ['worker'], { env: userEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('polling task queue')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`installed worker exited (${code}) before it was ready:\n${log}`)));
  });
  return { child, ready, output: () => log };
}

async function nodeScript(script: string, args: string[], cluster = clusterName): Promise<string> {
  const { stdout } = await run(process.execPath, [join(project, 'out', script), ...args], { cwd: project, env: userEnv(cluster) });
  return stdout.trim().split('\n').pop() ?? '';
}

beforeAll(async () => {
  // Global set-up ran `npm run build`: the tarball packs that dist/.
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: repoRoot });
  const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, packed.filename);
  packedFiles = packed.files.map((f) => f.path);

  mkdirSync(join(project, 'src'), { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'package-user', version: '1.0.0', private: true }));
  // From the local npm cache where it can (this checkout's install filled it), the registry otherwise.
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: project });
  writeFileSync(join(project, 'tsconfig.json'), tsconfig(join(repoRoot, 'node_modules', '@types')));
  writeFileSync(join(project, 'src', 'start.ts'), startScript);
  writeFileSync(join(project, 'src', 'workflows.ts'), userWorkflows);
  writeFileSync(join(project, 'src', 'worker.ts'), userWorker);
  writeFileSync(join(project, 'src', 'hostedWorkflows.ts'), hostedWorkflows);
  writeFileSync(join(project, 'src', 'hostedWorker.ts'), hostedWorker);
  // The user's code type-checks against the package's .d.ts files, through its `exports`.
  await run(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], { cwd: project });

  mkdirSync(manifests);
  writeFileSync(join(manifests, 'app.yaml'), documents(jobYaml('migrate', { hook: 'PreSync' }), configMapYaml()));
  mkdirSync(failing);
  writeFileSync(join(failing, 'app.yaml'), documents(jobYaml('migrate', { hook: 'PreSync', fail: true }), configMapYaml()));
  worker = startInstalledWorker();
  await worker.ready;
}, STEP_MS);

afterAll(async () => {
  if (worker) await killWorker(worker);
  for (const ns of namespaces) await deleteTestNamespace(cluster, ns);
});

async function testNamespace(prefix: string): Promise<string> {
  const ns = await createTestNamespace(cluster, prefix);
  namespaces.push(ns);
  return ns;
}

test('the tarball holds the build only: no tests, bench, fixtures or TypeScript sources', () => {
  expect(packedFiles).toEqual(expect.arrayContaining(['package.json', 'README.md', 'dist/client/cli/main.js', 'dist/client/index.d.ts', 'dist/worker/index.d.ts', 'dist/workflows/embed.d.ts', 'dist/sync-workflows.bundle.js']));
  const unwanted = packedFiles.filter((f) => /(^|\/)(test|tests|bench|fixtures)\//.test(f) || (/\.[cm]?ts$/.test(f) && !/\.d\.[cm]?ts$/.test(f)));
  expect(unwanted).toEqual([]);
});

test('the installed project holds hooksync and its runtime dependencies only', async () => {
  const { stdout } = await run('npm', ['ls', '--omit=dev', '--depth=0', '--json'], { cwd: project });
  expect(Object.keys((JSON.parse(stdout) as { dependencies: Record<string, unknown> }).dependencies)).toEqual(['hooksync']);
});

test('startSync from plain TypeScript in the installed project: the sync succeeds', async () => {
  const ns = await testNamespace('package-lib');
  const app = `package-lib-${ns}`;
  const out = JSON.parse(await nodeScript('start.js', [app, ns, manifests])) as { workflowId: string; phase: string };
  expect(out).toEqual({ workflowId: `sync/${clusterName}/${app}`, phase: 'Succeeded' });
});

test("a user's workflow syncs staging, then prod once staging succeeded, as hooksync child workflows", async () => {
  const staging = await testNamespace('package-staging');
  const prod = await testNamespace('package-prod');
  const apps = [`package-staging-${staging}`, `package-prod-${prod}`];
  const taskQueue = `package-user-${randomBytes(4).toString('hex')}`;
  const outcomes = JSON.parse(await nodeScript('worker.js', [taskQueue, `${apps[0]}:${staging}:${manifests}`, `${apps[1]}:${prod}:${manifests}`]));
  expect(outcomes).toEqual([{ app: apps[0], phase: 'Succeeded' }, { app: apps[1], phase: 'Succeeded' }]);

  // The children are hooksync syncs like any other; prod's started only after staging's ended.
  const client = await connectTestClient();
  try {
    const [first, second] = await Promise.all(apps.map((app) => client.workflow.getHandle(`sync/${clusterName}/${app}`).describe()));
    expect([first.status.name, second.status.name]).toEqual(['COMPLETED', 'COMPLETED']);
    expect(first.parentExecution?.workflowId).toBe(taskQueue);
    expect(second.startTime.getTime()).toBeGreaterThanOrEqual(first.closeTime?.getTime() ?? Infinity);
  } finally {
    await client.connection.close();
  }
});

test("a user's workflow whose staging sync fails never starts prod", async () => {
  const staging = await testNamespace('package-staging-bad');
  const prod = await testNamespace('package-prod-held');
  const apps = [`package-staging-bad-${staging}`, `package-prod-held-${prod}`];
  const taskQueue = `package-user-${randomBytes(4).toString('hex')}`;
  const outcomes = JSON.parse(await nodeScript('worker.js', [taskQueue, `${apps[0]}:${staging}:${failing}`, `${apps[1]}:${prod}:${manifests}`]));
  expect(outcomes).toEqual([{ app: apps[0], phase: 'Failed' }]);
  const client = await connectTestClient();
  try {
    await expect(client.workflow.getHandle(`sync/${clusterName}/${apps[1]}`).describe()).rejects.toThrow(WorkflowNotFoundError);
  } finally {
    await client.connection.close();
  }
});

test("hooksync hosted in a user's own worker (its activities, its sync workflow re-exported): a sync succeeds on it", async () => {
  // A cluster name of its own: no other worker polls its task queue, so the sync ran on the user's.
  const hostCluster = `package-host-${randomBytes(4).toString('hex')}`;
  const ns = await testNamespace('package-host');
  const app = `package-host-${ns}`;
  const out = JSON.parse(await nodeScript('hostedWorker.js', [app, ns, manifests], hostCluster)) as { phase: string; taskQueue: string };
  expect(out).toEqual({ phase: 'Succeeded', taskQueue: `hooksync.${hostCluster}` });
});
