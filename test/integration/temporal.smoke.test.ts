// Proves the Temporal dev server is real and usable: a workflow started through
// @temporalio/client runs on a worker built from the bundle made once in global set-up, its
// activity reaches the KWOK cluster, its history can be read back, and the Web UI answers.
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import * as activities from '../support/smokeActivities';
import { connectTestCluster } from '../support/testCluster';
import { readTestEnv } from '../support/testEnv';

const env = readTestEnv();
Runtime.install({ logger: new DefaultLogger('WARN') });

test('a workflow runs on a worker from the shared bundle and its history is readable', async () => {
  const bundlePath = process.env.HOOKSYNC_TEST_SMOKE_BUNDLE;
  expect(bundlePath).toBeTruthy();
  const taskQueue = `smoke-${randomBytes(4).toString('hex')}`;
  const nativeConnection = await NativeConnection.connect({ address: env.temporalAddress });
  const connection = await Connection.connect({ address: env.temporalAddress });
  try {
    const worker = await Worker.create({
      connection: nativeConnection,
      namespace: env.temporalNamespace,
      taskQueue,
      workflowBundle: { codePath: bundlePath! },
      activities,
    });
    const client = new Client({ connection, namespace: env.temporalNamespace });
    const workflowId = `smoke-${taskQueue}`;
    const result = await worker.runUntil(
      client.workflow.execute('smokeWorkflow', { taskQueue, workflowId, args: ['hello'] }),
    );
    const nodes = (await connectTestCluster().core.listNode()).items.map((n) => n.metadata?.name).sort();
    expect(nodes.length).toBeGreaterThan(0);
    expect(result).toBe(`hello: ${nodes.length} nodes (${nodes.join(', ')})`);

    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const activityCompleted = (history.events ?? []).filter((e) => e.activityTaskCompletedEventAttributes);
    expect(activityCompleted).toHaveLength(1);
    expect((history.events ?? []).at(-1)?.workflowExecutionCompletedEventAttributes).toBeTruthy();
  } finally {
    await connection.close();
    await nativeConnection.close();
  }
});

test('the Temporal Web UI answers on its port', async () => {
  const res = await fetch(`${env.temporalUiUrl}/namespaces/default/workflows`);
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toContain('/_app/immutable/');
});

test('the search attributes hooksync needs are registered', async () => {
  const connection = await Connection.connect({ address: env.temporalAddress });
  try {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: env.temporalNamespace });
    expect(Object.keys(customAttributes ?? {})).toEqual(
      expect.arrayContaining(['HooksyncApp', 'HooksyncCluster', 'HooksyncSyncId', 'HooksyncPhase', 'HooksyncOutcome']),
    );
  } finally {
    await connection.close();
  }
});
