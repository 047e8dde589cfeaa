// Issue 5 point 9: a workflow task must never fail for ever. The CLI and library reject bad
// manifests before a workflow starts; a sync workflow started by hand with a malformed input (from
// the Temporal UI or another SDK) fails at once, saying what is wrong, and makes no cluster call.
import { WorkflowFailedError } from '@temporalio/client';
import { SYNC_ID_ATTRIBUTE, SYNC_WORKFLOW_TYPE, taskQueueFor } from '../../../workflows/messages';
import { runCli } from '../../support/runCli';
import { activityRuns } from '../../support/faultHarness';
import { useSyncHarness } from '../sync/syncTestKit';

const kit = useSyncHarness();

test('a sync workflow started with a malformed input fails with a message naming the fields, not a stuck task', async () => {
  const syncId = `by-hand-${kit.h.clusterName}`;
  const handle = await kit.h.client.workflow.start(SYNC_WORKFLOW_TYPE, {
    taskQueue: taskQueueFor(kit.h.clusterName),
    workflowId: `sync/${kit.h.clusterName}/bad-input`,
    args: [{ syncId, app: 'bad-input', cluster: kit.h.clusterName, attempt: 0, plan: { groups: 'not a list' } }],
    typedSearchAttributes: [{ key: SYNC_ID_ATTRIBUTE, value: syncId }],
  });

  const failure = await handle.result().then(() => undefined, (err: unknown) => err);

  expect(failure).toBeInstanceOf(WorkflowFailedError);
  expect((failure as WorkflowFailedError).cause?.message).toBe(
    'invalid sync input: prune must be true or false; plan.groups must be a list of groups, each with a list of tasks; plan.skippedPrunes must be a list',
  );
  expect(await activityRuns(handle)).toEqual([]);

  // Nothing to carry over: retry says so (exit 2) instead of failing on the missing result.
  const retried = await runCli('retry', syncId);
  expect([retried.code, retried.stderr]).toEqual([2, expect.stringContaining(`sync ${syncId} ended without a result (invalid sync input: prune must be true or false`)]);
});
