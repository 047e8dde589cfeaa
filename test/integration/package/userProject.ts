// The files of a user's own project that installs the hooksync tarball: TypeScript that imports only
// the package's public entries, compiled by this repository's tsc (so the installed project needs no
// TypeScript of its own) and run by node. Kept as text: they resolve `hooksync` from the installed
// project, not from this checkout.

export const tsconfig = (typeRoots: string) => JSON.stringify({
  compilerOptions: {
    target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, skipLibCheck: true,
    esModuleInterop: true, outDir: 'out', rootDir: 'src', types: ['node'], typeRoots: [typeRoots],
  },
  include: ['src'],
}, null, 2);

/** (a) The library from plain TypeScript: plan a folder, startSync, follow it to its end. */
export const startScript = `
import { connectClient, followSync, kubeTarget, planSync, startSync, temporalTarget } from 'hooksync';

async function main(app: string, namespace: string, manifests: string): Promise<void> {
  const kube = kubeTarget({});
  const planned = await planSync([manifests], { namespace });
  if (planned.problems.length > 0) throw new Error(planned.problems.join('\\n'));
  const client = await connectClient(temporalTarget({}));
  try {
    const handle = await startSync(client, { syncId: planned.syncId, app, cluster: kube.cluster, plan: planned.plan });
    const report = await followSync(handle, () => undefined);
    console.log(JSON.stringify({ workflowId: handle.workflowId, phase: report.phase }));
  } finally {
    await client.connection.close();
  }
}

main(process.argv[2], process.argv[3], process.argv[4]).catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
`;

/** (b) A user's workflow: hooksync's sync as a child, app after app, each only once the one before succeeded. */
export const userWorkflows = `
import { syncChild, type SyncChildInput } from 'hooksync/workflows';

export interface StageOutcome { app: string; phase: string; }

export async function promote(stages: SyncChildInput[]): Promise<StageOutcome[]> {
  const outcomes: StageOutcome[] = [];
  for (const stage of stages) {
    const result = await syncChild(stage);
    outcomes.push({ app: stage.app, phase: result.phase });
    if (result.phase !== 'Succeeded') break;
  }
  return outcomes;
}
`;

/** (b) The user's own worker (their task queue, their workflow), and a client that runs \`promote\` on it. */
export const userWorker = `
import { NativeConnection, Worker } from '@temporalio/worker';
import { connectClient, planSync } from 'hooksync';
import { hooksyncDataConverter, kubeTarget, temporalTarget } from 'hooksync/worker';
import type { promote } from './workflows';

/** Each stage is \`app:namespace:manifests\`. */
async function main(taskQueue: string, specs: string[]): Promise<void> {
  const temporal = temporalTarget({});
  const cluster = kubeTarget({}).cluster;
  // The same data converter as hooksync's worker: the child's input and result cross both.
  const dataConverter = hooksyncDataConverter();
  const worker = await Worker.create({
    connection: await NativeConnection.connect({ address: temporal.address }),
    namespace: temporal.namespace,
    taskQueue,
    workflowsPath: require.resolve('./workflows'),
    dataConverter,
  });
  const stages = [];
  for (const spec of specs) {
    const [app, namespace, manifests] = spec.split(':');
    const planned = await planSync([manifests], { namespace });
    if (planned.problems.length > 0) throw new Error(planned.problems.join('\\n'));
    stages.push({ syncId: planned.syncId, app, cluster, plan: planned.plan });
  }
  const client = await connectClient(temporal, dataConverter);
  const outcomes = await worker.runUntil(client.workflow.execute<typeof promote>('promote', { taskQueue, workflowId: taskQueue, args: [stages] }));
  await client.connection.close();
  console.log(JSON.stringify(outcomes));
}

main(process.argv[2], process.argv.slice(3)).catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
`;

/** (c) hooksync hosted in the user's own worker: their workflows file registers hooksync's `sync`. */
export const hostedWorkflows = `
export { sync } from 'hooksync/workflows';
`;

/** (c) The user's worker polls the cluster's hooksync task queue with hooksync's activities; a sync runs on it. */
export const hostedWorker = `
import { NativeConnection, Worker } from '@temporalio/worker';
import { connectClient, followSync, planSync, startSync } from 'hooksync';
import { heartbeatPulse, hooksyncDataConverter, kubeTarget, syncActivities, taskQueueFor, temporalTarget } from 'hooksync/worker';

async function main(app: string, namespace: string, manifests: string): Promise<void> {
  const temporal = temporalTarget({});
  const kube = kubeTarget({});
  const dataConverter = hooksyncDataConverter();
  const worker = await Worker.create({
    connection: await NativeConnection.connect({ address: temporal.address }),
    namespace: temporal.namespace,
    taskQueue: taskQueueFor(kube.cluster),
    workflowsPath: require.resolve('./hostedWorkflows'),
    activities: syncActivities(kube),
    interceptors: { activity: [heartbeatPulse()] },
    dataConverter,
  });
  const planned = await planSync([manifests], { namespace });
  if (planned.problems.length > 0) throw new Error(planned.problems.join('\\n'));
  const client = await connectClient(temporal, dataConverter);
  const report = await worker.runUntil(async () => {
    const handle = await startSync(client, { syncId: planned.syncId, app, cluster: kube.cluster, plan: planned.plan });
    return followSync(handle, () => undefined);
  });
  await client.connection.close();
  console.log(JSON.stringify({ phase: report.phase, taskQueue: worker.options.taskQueue }));
}

main(process.argv[2], process.argv[3], process.argv[4]).catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
`;
