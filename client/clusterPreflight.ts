// Before a sync starts, the CLI asks the cluster two cheap questions with its own kubeconfig: is
// it there at all, and does it serve every kind the manifests use? A sync that cannot apply its
// objects should be refused up front, naming the manifest, not fail after its PreSync hooks ran.
// The worker still holds the credentials that write; these calls only read (version, discovery).
import { VersionApi, type KubeConfig } from '@kubernetes/client-node';
import { createDiscovery, isKindNotServed } from '../activities/discovery';
import { describeObject, formatSource } from '../sync/problems';
import { planTasks, type SyncPlan, type SyncTask } from '../sync/types';
import { skipsDryRunOnMissing } from '../sync/dryRunScope';

/** The API server did not answer at all (no HTTP status): exit 3. */
export class ClusterUnreachable extends Error {}

const ANSWER_WITHIN_MS = 10_000;

/** Throws ClusterUnreachable, or returns one problem line per kind the server does not serve. */
export async function clusterPreflight(kc: KubeConfig, plan: SyncPlan): Promise<string[]> {
  await reachable(kc);
  const discovery = createDiscovery(kc);
  const declared = kindsDeclaredByCrds(plan);
  const problems: string[] = [];
  const asked = new Set<string>();
  for (const task of planTasks(plan)) {
    const apiVersion = task.object.apiVersion;
    const key = `${apiVersion} ${task.ref.kind}`;
    // A kind a CRD of this sync defines, or that a hook may install (SkipDryRunOnMissingResource), can be missing now.
    if (task.prune || asked.has(key) || declared.has(`${task.ref.group}/${task.ref.kind}`) || skipsDryRunOnMissing(task)) continue;
    asked.add(key);
    const served = await discovery.collectionPath(apiVersion, task.ref.kind, '').then(() => true, (err: unknown) => unserved(err));
    if (!served) problems.push(unknownKindProblem(task));
  }
  return problems;
}

async function reachable(kc: KubeConfig): Promise<void> {
  const server = kc.getCurrentCluster()?.server ?? '(no server)';
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ANSWER_WITHIN_MS / 1000}s`)), ANSWER_WITHIN_MS);
  });
  try {
    await Promise.race([kc.makeApiClient(VersionApi).getCode(), timeout]);
  } catch (err) {
    // An HTTP status means something answered; only silence is an outage.
    if (typeof (err as { code?: unknown }).code === 'number') return;
    throw new ClusterUnreachable(`cannot reach the cluster at ${server} (context ${kc.getCurrentContext()}): ${causeOf(err)}`);
  } finally {
    clearTimeout(timer);
  }
}

/** True for discovery's "not served" answer; anything else (an outage mid-way) is rethrown. */
function unserved(err: unknown): boolean {
  if (isKindNotServed(err)) return false;
  if (typeof (err as { code?: unknown }).code === 'number') return false;
  throw new ClusterUnreachable(`cannot reach the cluster: ${causeOf(err)}`);
}

/** `group/Kind` of every custom resource kind a CRD in the plan defines: not served yet. */
function kindsDeclaredByCrds(plan: SyncPlan): Set<string> {
  const kinds = new Set<string>();
  for (const task of planTasks(plan)) {
    if (task.ref.kind !== 'CustomResourceDefinition') continue;
    const spec = (task.object as { spec?: { group?: unknown; names?: { kind?: unknown } } }).spec;
    if (typeof spec?.group === 'string' && typeof spec.names?.kind === 'string') kinds.add(`${spec.group}/${spec.names.kind}`);
  }
  return kinds;
}

function unknownKindProblem(task: SyncTask): string {
  const where = task.source ? `${formatSource(task.source)}: ` : '';
  return `${where}${describeObject(task.ref)}: kind: the cluster does not serve ${task.ref.kind} in ${task.object.apiVersion}: ` +
    'check apiVersion and kind (kubectl api-resources lists what it serves), or install its CustomResourceDefinition first';
}

/** The innermost reason of a network error (fetch wraps ECONNREFUSED and friends). */
function causeOf(err: unknown): string {
  let e = err as { message?: string; code?: unknown; cause?: unknown };
  while (e.cause && typeof e.cause === 'object') e = e.cause as typeof e;
  const code = typeof e.code === 'string' ? `${e.code} ` : '';
  return `${code}${e.message ?? String(err)}`.trim();
}
