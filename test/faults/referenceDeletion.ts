// The reference deletion of the crash sweep: an app of three objects in three waves plus one kept
// (Delete=false), deleted with a PreDelete Job, a PostDelete Job and a PostDelete ConfigMap that
// goes by policy. As for the reference sync, the number of activities must not depend on timing:
// each wave holds one object, so it is deleted by one apply and waited for by one wait.
import { documents, jobYaml } from '../integration/sync/syncTestKit';

const wave = (n: number) => `argocd.argoproj.io/sync-wave: "${n}"`;

const deployment = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, annotations: { ${wave(2)} } }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: "web:1" }] }
`;

const configMap = (name: string, annotations: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name}, annotations: { ${annotations} } }\ndata: { key: value }\n`;

const service = `
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { selector: { app: web }, ports: [{ port: 80 }] }
`;

/** A PostDelete hook that is not a Job, deleted when it succeeds: the deletion ends with a delete by policy. */
const farewell = `
apiVersion: v1
kind: ConfigMap
metadata:
  name: farewell
  annotations: { argocd.argoproj.io/hook: PostDelete, argocd.argoproj.io/hook-delete-policy: HookSucceeded }
data: { message: deleted }
`;

/** What the sync puts in place before each deletion. */
export const DELETION_APP = documents(deployment, configMap('web-env', wave(1)), service, configMap('keep-me', 'argocd.argoproj.io/sync-options: Delete=false'));

/** What `delete -f` is given: the app's manifests with its deletion hooks. */
export const DELETION_MANIFESTS = documents(
  DELETION_APP,
  jobYaml('pre-backup', { hook: 'PreDelete', runFor: '3s' }),
  jobYaml('post-report', { hook: 'PostDelete', runFor: '3s' }),
  farewell,
);

export const DELETION_JOBS = ['pre-backup', 'post-report'];
export const DELETION_HOOKS = [...DELETION_JOBS, 'farewell'];
/** What hooksync deletes (`resource/name`), each exactly once: the app's three objects and the hook gone by policy. */
export const DELETED_OBJECTS = ['deployments/web', 'configmaps/web-env', 'services/web', 'configmaps/farewell'];
