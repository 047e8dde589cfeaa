// A second embedded environment (Temporal dev server and KWOK cluster) for tests that take servers
// away: killing the shared environment's servers would fail every other test running beside them.
// dev/start.sh makes it, with its own run directory, ports and cluster name; the test file points
// the support modules at it (they read HOOKSYNC_RUN_DIR and HOOKSYNC_KWOK_CLUSTER) and deletes it
// at the end. Faults are signals to these processes only (reliability notes §5).
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, repoRoot } from './paths';

export interface PrivateEnv {
  runDir: string;
  clusterName: string;
  /** SIGKILLs the Temporal dev server; `restart` starts it again on the same database and port. */
  killTemporal(): { pid: number; restart(): void };
  temporalPid(): number;
  /** SIGKILLs a control-plane component (e.g. kube-apiserver); `restart` runs it again as it ran. */
  killComponent(name: KwokComponent): { restart(): void };
  /** SIGSTOPs a component (e.g. etcd): it hangs with its sockets open; `resume` SIGCONTs it. */
  pauseComponent(name: KwokComponent): { resume(): void };
  /**
   * Returns once the cluster runs a pod again (dev/env.sh's canary): after a fault, KWOK's nodes
   * need their leases back before anything is scheduled, which takes longer than the fault.
   */
  untilRunsPods(): void;
  delete(): void;
  /** The Temporal cluster set-up only: SIGKILLs one of its services; `restart` starts it again. */
  killTemporalService(service: TemporalService): { pid: number; restart(): void };
  /** The Temporal cluster set-up only: the running pid of one of its services. */
  temporalServicePid(service: TemporalService): number;
  /** The Temporal cluster set-up only: restarts its PostgreSQL (fast shutdown, then start); its pids before and after. */
  restartPostgres(): { before: number; after: number };
}

export type TemporalService = 'frontend' | 'history' | 'matching' | 'worker';

export type KwokComponent = 'etcd' | 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'kwok-controller';

const VARIABLES = ['HOOKSYNC_RUN_DIR', 'HOOKSYNC_KWOK_CLUSTER', 'HOOKSYNC_TEMPORAL_PORT', 'HOOKSYNC_TEMPORAL'] as const;

/**
 * Starts the environment and points this test process at it until `delete`. Its name and port
 * come from the checkout's path, so two checkouts testing at once do not share one.
 */
export function startPrivateEnv(purpose: string, temporal: 'dev' | 'cluster' = 'dev'): PrivateEnv {
  const digest = createHash('sha256').update(repoRoot).update(temporal).digest();
  const name = `${purpose}-${digest.toString('hex').slice(0, 6)}`;
  // A cluster's services take ports up to its frontend's + 110 (dev/temporal-cluster.sh): its
  // frontends are spread 12 apart above the dev servers' 7400-7489 and the shared cluster's 7433-7543.
  const temporalPort = temporal === 'cluster' ? 7600 + (digest.readUInt16BE(0) % 30) * 12 : 7400 + (digest.readUInt16BE(0) % 90);
  const runDir = join(cacheDir(), `run-${name}`);
  const clusterName = `hooksync-${name}`;
  const settings = { HOOKSYNC_RUN_DIR: runDir, HOOKSYNC_KWOK_CLUSTER: clusterName, HOOKSYNC_TEMPORAL_PORT: String(temporalPort), HOOKSYNC_TEMPORAL: temporal };
  const saved = Object.fromEntries(VARIABLES.map((v) => [v, process.env[v]]));
  const script = (file: string, ...args: string[]) => execFileSync('bash', [join(repoRoot, 'dev', file), ...args], { env: { ...process.env, ...settings }, stdio: 'inherit' });
  try {
    script('start.sh');
  } catch (error) {
    // A start that failed half way leaves processes (a Temporal service, PostgreSQL, KWOK) that
    // no afterAll will stop, since the caller never got an environment to delete.
    try {
      script('stop.sh', '--delete');
    } catch {
      // the start's error is the one to report
    }
    throw error;
  }
  Object.assign(process.env, settings);
  const clusterDir = join(runDir, 'kwok', 'clusters', clusterName);
  const pidFile = (component: KwokComponent) => join(clusterDir, 'pids', `${component}.pid`);

  return {
    runDir,
    clusterName,
    killTemporal() {
      const pid = this.temporalPid();
      process.kill(pid, 'SIGKILL');
      return { pid, restart: () => script('start.sh') };
    },
    temporalPid: () => Number(readFileSync(join(runDir, 'temporal.pid'), 'utf8')),
    killComponent(component) {
      const pid = Number(readFileSync(pidFile(component), 'utf8'));
      const { argv, cwd, env } = processOf(pid);
      process.kill(pid, 'SIGKILL');
      return {
        restart() {
          const log = openSync(join(clusterDir, 'logs', `${component}.log`), 'a');
          const child = spawn(argv[0], argv.slice(1), { cwd, env, detached: true, stdio: ['ignore', log, log] });
          child.unref();
          closeSync(log);
          writeFileSync(pidFile(component), String(child.pid));
        },
      };
    },
    pauseComponent(component) {
      const pid = Number(readFileSync(pidFile(component), 'utf8'));
      process.kill(pid, 'SIGSTOP');
      return { resume: () => process.kill(pid, 'SIGCONT') };
    },
    untilRunsPods() {
      execFileSync('bash', ['-c', `source ${join(repoRoot, 'dev', 'env.sh')} && cluster_runs_pods 180`], { env: { ...process.env, ...settings }, stdio: 'inherit' });
    },
    killTemporalService(service) {
      const pid = this.temporalServicePid(service);
      process.kill(pid, 'SIGKILL');
      // start.sh starts the services that are not running and leaves the others alone.
      return { pid, restart: () => script('start.sh') };
    },
    temporalServicePid: (service) => Number(readFileSync(join(runDir, 'temporal-cluster', `${service}.pid`), 'utf8')),
    restartPostgres() {
      const cluster = (commands: string) => execFileSync('bash', ['-c', `source ${join(repoRoot, 'dev', 'env.sh')} && source ${join(repoRoot, 'dev', 'temporal-cluster.sh')} && ${commands}`],
        { env: { ...process.env, ...settings }, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
      const postmasterPid = () => Number(cluster('head -1 "$PG_DATA_DIR/postmaster.pid"').trim());
      const before = postmasterPid();
      cluster('stop_postgres && start_postgres');
      return { before, after: postmasterPid() };
    },
    delete() {
      script('stop.sh', '--delete');
      for (const v of VARIABLES) {
        if (saved[v] === undefined) delete process.env[v];
        else process.env[v] = saved[v];
      }
    },
  };
}

/** How a running process was started, read from /proc, so that it can be started again the same way. */
function processOf(pid: number): { argv: string[]; cwd: string; env: Record<string, string> } {
  const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  const env = Object.fromEntries(readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean).map((kv) => {
    const i = kv.indexOf('=');
    return [kv.slice(0, i), kv.slice(i + 1)];
  }));
  return { argv, cwd: readlinkSync(`/proc/${pid}/cwd`), env };
}
