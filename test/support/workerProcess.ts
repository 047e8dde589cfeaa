// A hooksync worker as a real child process (`hooksync worker` from dist/), so a test can kill it
// with SIGKILL mid-sync and start another, as a supervisor would.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { repoRoot } from './paths';
import { readTestEnv } from './testEnv';

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves once the worker polls its task queue (it says so on stdout). */
  ready: Promise<void>;
  output(): string;
}

/** How a worker is started beyond its cluster name and environment. */
export interface WorkerProcessOptions {
  /** Another cluster's kubeconfig (dev/kube-cluster.sh); the worker then holds only that one. */
  kubeconfig?: string;
  /** Arguments after `hooksync worker --kubeconfig ...` (e.g. `--health-checks FILE`). */
  args?: string[];
}

export function startWorkerProcess(clusterName: string, extraEnv: Record<string, string> = {}, options: WorkerProcessOptions = {}): WorkerProcess {
  const env = readTestEnv();
  const kubeconfigPath = options.kubeconfig ?? env.kubeconfigPath;
  const child = spawn(process.execPath, [join(repoRoot, 'dist/client/cli/main.js'), 'worker', '--kubeconfig', kubeconfigPath, ...(options.args ?? [])], {
    env: {
      ...process.env,
      KUBECONFIG: kubeconfigPath,
      HOOKSYNC_CLUSTER: clusterName,
      TEMPORAL_ADDRESS: env.temporalAddress,
      TEMPORAL_NAMESPACE: env.temporalNamespace,
      HOOKSYNC_WORKFLOW_BUNDLE: process.env.HOOKSYNC_TEST_SYNC_BUNDLE ?? '',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('polling task queue')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${log}`)));
  });
  return { child, ready, output: () => log };
}

/** The port the worker's health endpoint listens on, as its log says (`--health-port 0`). */
export function healthPortOf(worker: WorkerProcess): number {
  const port = /health endpoint on http:\/\/[^:]+:(\d+)/.exec(worker.output())?.[1];
  if (!port) throw new Error(`the worker has not said its health port:\n${worker.output()}`);
  return Number(port);
}

/** A port free now, for a flag that wants a fixed one (the SDK's metrics exporter cannot say which port it got). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** SIGKILL: no shutdown, no goodbye to the server; the activity it ran is lost mid-flight. */
export async function killWorker(worker: WorkerProcess): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  const exited = new Promise((resolve) => worker.child.once('exit', resolve));
  worker.child.kill('SIGKILL');
  await exited;
}

export interface WorkerSupervisor {
  /** Exit codes (or signals) of the workers that ended while supervised. */
  exits: string[];
  /**
   * Resolves once the current worker polls its task queue. Wait for it before starting a sync
   * whose progress is waited for: a worker's start can take most of a minute on a loaded machine.
   */
  ready(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Keeps one worker running for the cluster, as systemd or a Deployment would: a worker that exits
 * (for instance after the Temporal server was gone too long) is replaced at once.
 */
export function superviseWorker(clusterName: string): WorkerSupervisor {
  const exits: string[] = [];
  let current: WorkerProcess | undefined;
  let stopped = false;
  const launch = () => {
    current = startWorkerProcess(clusterName);
    current.ready.catch(() => undefined);
    current.child.once('exit', (code, signal) => {
      if (stopped) return;
      exits.push(signal ?? String(code));
      launch();
    });
  };
  launch();
  return {
    exits,
    ready: () => current?.ready ?? Promise.resolve(),
    async stop() {
      stopped = true;
      if (current) await killWorker(current);
    },
  };
}
