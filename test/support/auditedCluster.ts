// A private KWOK cluster with an audit policy of the test's own (test/fixtures/audit/), for tests
// that must see requests the shared cluster does not log (its policy logs writes only). Only the
// API server and etcd run: no pods, no nodes, so it starts in seconds and needs the shared
// Temporal server only. Named after the checkout, so two checkouts never share one.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { cacheDir, repoRoot } from './paths';

export interface AuditedCluster {
  kc: KubeConfig;
  /** The audit log's raw events, oldest first. */
  events(): Array<Record<string, unknown>>;
  delete(): void;
}

export function startAuditedCluster(purpose: string, policyFile: string): AuditedCluster {
  const digest = createHash('sha256').update(repoRoot).digest('hex').slice(0, 6);
  const name = `hooksync-${purpose}-${digest}`;
  const runDir = join(cacheDir(), `run-${purpose}-${digest}`);
  const kubeconfig = join(runDir, 'kubeconfig');
  const kwokctl = (...args: string[]) => execFileSync('bash', ['-c', `source "${join(repoRoot, 'dev', 'env.sh')}" && "$kwokctl_bin" --name "${name}" "$@"`, 'kwokctl', ...args], {
    env: { ...process.env, HOOKSYNC_RUN_DIR: runDir },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // A cluster left by an aborted run would log under an old policy: made anew every time.
  try {
    kwokctl('delete', 'cluster', '--kubeconfig', kubeconfig);
  } catch {
    // There was none.
  }
  execFileSync('bash', ['-c', [
    `source "${join(repoRoot, 'dev', 'env.sh')}"`,
    `"$kwokctl_bin" --name "${name}" create cluster --config "${join(repoRoot, 'test', 'fixtures', 'audit', 'kwokctl.yaml')}" --kube-audit-policy "${policyFile}" --kubeconfig "${kubeconfig}"`
      + ' --disable kube-controller-manager --disable kube-scheduler --disable kwok-controller'
      + ' --etcd-binary "$ETCD_BIN_DIR/etcd" --kube-apiserver-binary "$KUBE_BIN_DIR/kube-apiserver" --kwok-controller-binary "$KWOK_BIN_DIR/kwok" --wait 120s',
  ].join(' && ')], { env: { ...process.env, HOOKSYNC_RUN_DIR: runDir }, stdio: ['ignore', 'ignore', 'pipe'] });
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const logFile = join(runDir, 'kwok', 'clusters', name, 'logs', 'audit.log');
  return {
    kc,
    events: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) : []),
    delete: () => kwokctl('delete', 'cluster', '--kubeconfig', kubeconfig),
  };
}
