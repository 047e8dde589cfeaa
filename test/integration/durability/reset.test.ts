// A Reset from the Temporal UI (here the same operation through `temporal workflow reset`) replays
// a sync from an earlier point as a new run with the same input: the same sync id and attempt, so
// every hook it finds live with its stamp is adopted, never created again (DESIGN §4, catalogue X9).
// A hook that its delete policy already removed would run again: README, "Semantics".
import { followSync } from '../../../client/syncClient';
import { syncWorkflowId } from '../../../workflows/messages';
import { auditedWrites } from '../../support/auditLog';
import { activityRuns } from '../../support/faultHarness';
import { runSync } from '../../support/syncHarness';
import { temporalCli } from '../../support/temporalCli';
import { configMapYaml, documents, jobYaml, useSyncHarness } from '../sync/syncTestKit';

const kit = useSyncHarness();

test('X9 a finished sync reset to its first workflow task runs again and adopts its hooks: none is created twice', async () => {
  const ns = await kit.namespace('reset');
  const app = 'reset';
  const yaml = documents(jobYaml('db-migrate', { hook: 'PreSync' }), configMapYaml(), jobYaml('smoke-', { hook: 'PostSync', generateName: true }));
  const { report: first } = await runSync(kit.h, yaml, { app, namespace: ns });
  expect(first.phase).toBe('Succeeded');
  const workflowId = syncWorkflowId(kit.h.clusterName, app);

  temporalCli('workflow', 'reset', '--workflow-id', workflowId, '--run-id', first.runId, '--type', 'FirstWorkflowTask', '--reason', 'hooksync reset test', '--yes');
  const handle = kit.h.client.workflow.getHandle(workflowId);
  const again = await followSync(handle, () => undefined);

  // The reset is a new run of the same sync and attempt that ended the same way.
  expect(again.runId).not.toBe(first.runId);
  expect([again.syncId, again.attempt, again.phase]).toEqual([first.syncId, 0, 'Succeeded']);
  const hooks = first.resources.filter((r) => r.hookType).map((r) => r.name);
  expect(hooks).toHaveLength(2);
  // It really ran again: the new run applied the PreSync group itself.
  const activities = await activityRuns(handle);
  expect(activities.map((a) => a.summary)).toContain('apply PreSync wave 0: Job/db-migrate');
  const creates = auditedWrites(ns).filter((e) => e.verb === 'create' && e.resource === 'jobs');
  expect(creates.map((e) => [e.name, e.code]).sort()).toEqual(hooks.map((h) => [h, 201]).sort());
});
