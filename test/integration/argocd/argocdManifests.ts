// Manifests for the Argo CD suites (argocdKit.ts re-exports them). Argo CD's fixtures are Pods
// running `true` or `false`; on the KWOK cluster only a Job's Pods run to completion
// (dev/kwok/cluster.yaml), so a hook that must succeed is a Job here, a hook that must fail or keep
// running may stay a bare Pod, and the plain `pod` of Argo CD's `hook` fixture restarts for ever,
// which KWOK reports Running and Ready, i.e. Healthy.
import { documents, jobYaml } from '../sync/syncTestKit';

export interface PodOptions {
  hook?: string;
  policy?: string;
  wave?: number;
  /** KWOK ends the Pod Failed (label kwok.hooksync.io/fail); otherwise it keeps running. */
  fail?: boolean;
  /** Never for a run-to-completion Pod (a hook); Always for a service Pod. */
  restartPolicy?: 'Always' | 'Never';
  namespace?: string;
  finalizers?: string[];
  serviceAccount?: string;
}

/** A bare Pod manifest. */
export function podYaml(name: string, o: PodOptions = {}): string {
  const annotations = [
    o.hook && `argocd.argoproj.io/hook: "${o.hook}"`,
    o.policy && `argocd.argoproj.io/hook-delete-policy: "${o.policy}"`,
    o.wave !== undefined && `argocd.argoproj.io/sync-wave: "${o.wave}"`,
  ].filter(Boolean);
  return `
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
${o.namespace ? `  namespace: ${o.namespace}\n` : ''}  labels: { ${o.fail ? 'kwok.hooksync.io/fail: "true"' : ''} }
  annotations: {${annotations.map((a) => ` ${a as string}`).join(',')} }
${o.finalizers ? `  finalizers: [${o.finalizers.join(', ')}]\n` : ''}spec:
  restartPolicy: ${o.restartPolicy ?? (o.hook ? 'Never' : 'Always')}
${o.serviceAccount ? `  serviceAccountName: ${o.serviceAccount}\n` : ''}  containers: [{ name: main, image: "argocd-e2e-container:0.1" }]
`;
}

/** A ConfigMap manifest, optionally in a wave, a hook, or with sync options. */
export function cmYaml(name: string, o: { wave?: number; hook?: string; policy?: string; syncOptions?: string; finalizers?: string[] } = {}): string {
  const annotations = [
    o.hook && `argocd.argoproj.io/hook: "${o.hook}"`,
    o.policy && `argocd.argoproj.io/hook-delete-policy: "${o.policy}"`,
    o.wave !== undefined && `argocd.argoproj.io/sync-wave: "${o.wave}"`,
    o.syncOptions && `argocd.argoproj.io/sync-options: "${o.syncOptions}"`,
  ].filter(Boolean);
  return `
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  annotations: {${annotations.map((a) => ` ${a as string}`).join(',')} }
${o.finalizers ? `  finalizers: [${o.finalizers.join(', ')}]\n` : ''}data: { k: v }
`;
}

export interface HookFixtureOptions {
  /** The hook's types (default Sync). */
  hook?: string;
  policy?: string;
  /** The hook fails (a Pod KWOK ends Failed) instead of succeeding (a Job). */
  hookFails?: boolean;
  /** The plain `pod` runs to completion and fails. */
  podFails?: boolean;
}

/** Argo CD's `hook` fixture: the plain Pod `pod` and the hook `hook` (a Job when it succeeds, see above). */
export function hookFixture(o: HookFixtureOptions = {}): string {
  const types = o.hook ?? 'Sync';
  const hook = o.hookFails ? podYaml('hook', { hook: types, policy: o.policy, fail: true }) : jobYaml('hook', { hook: types, policy: o.policy });
  const plain = o.podFails ? podYaml('pod', { fail: true, restartPolicy: 'Never' }) : podYaml('pod');
  return documents(plain, hook);
}

/**
 * A Deployment that stays Progressing: no KWOK node matches its pods, so none ever starts. With a
 * progress deadline, the Deployment controller turns it Degraded once the deadline has passed.
 */
export function stuckDeploymentYaml(name: string, o: { progressDeadlineSeconds?: number; wave?: number; unstuck?: boolean } = {}): string {
  return `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  annotations: { ${o.wave !== undefined ? `argocd.argoproj.io/sync-wave: "${o.wave}"` : ''} }
spec:
  replicas: 1
${o.progressDeadlineSeconds !== undefined ? `  progressDeadlineSeconds: ${o.progressDeadlineSeconds}\n` : ''}  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
${o.unstuck ? '' : '      nodeSelector: { hooksync.io/no-such-node: "true" }\n'}      containers: [{ name: main, image: "argocd-e2e-container:0.1" }]
`;
}

/**
 * A ResourceQuota in wave -1 that lets no more ConfigMaps in: applied after the dry run, it makes
 * the API server refuse a later ConfigMap that the dry run accepted ("valid in the dry run, refused
 * when written").
 */
export const configMapQuotaYaml = `
apiVersion: v1
kind: ResourceQuota
metadata:
  name: no-more-configmaps
  annotations: { argocd.argoproj.io/sync-wave: "-1" }
spec:
  hard: { configmaps: "1" }
`;
