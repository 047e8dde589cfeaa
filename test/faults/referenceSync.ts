// The reference sync of the crash sweep (issue 5, catalogue C2): PreSync, three Sync waves,
// PostSync and a SyncFail hook, ten objects. Hooks have fixed names so that every run's result can
// be compared row by row with the uninterrupted one. The number of activities must not depend on
// timing, since kill points are counted by it: a wave of objects healthy in their apply's answer
// schedules no wait (activities/doneOnApply.ts), a wave with one slow object (the Deployment) waits
// in one activity, and a quick object next to a Job that runs 3 s leaves one wait, for the Job.
import { configMapYaml, documents, jobYaml } from '../integration/sync/syncTestKit';

const wave = (n: number) => `argocd.argoproj.io/sync-wave: "${n}"`;

function configMap(name: string, waveNumber: number): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name}, annotations: { ${wave(waveNumber)} } }\ndata: { key: value }\n`;
}

const deployment = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, annotations: { ${wave(1)} } }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: "web:1" }] }
`;

const service = `
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { selector: { app: web }, ports: [{ port: 80 }] }
`;

/** A hook that is not a Job: deleted when it succeeds, so the sync ends with a delete-by-policy. */
const notifyHook = `
apiVersion: v1
kind: ConfigMap
metadata:
  name: notify
  annotations: { argocd.argoproj.io/hook: PostSync, argocd.argoproj.io/hook-delete-policy: HookSucceeded }
data: { message: synced }
`;

export const REFERENCE_SYNC = documents(
  jobYaml('db-migrate', { hook: 'PreSync', runFor: '3s' }),
  configMapYaml(),
  configMap('web-env', 0),
  deployment,
  service,
  jobYaml('warm-cache', { hook: 'Sync', wave: 2, runFor: '3s' }),
  configMap('feature-flags', 2),
  jobYaml('smoke-test', { hook: 'PostSync', runFor: '3s' }),
  notifyHook,
  jobYaml('page-oncall', { hook: 'SyncFail' }),
);

/** Hook Jobs the reference creates in a sync that succeeds (SyncFail's never runs). */
export const REFERENCE_JOBS = ['db-migrate', 'warm-cache', 'smoke-test'];
