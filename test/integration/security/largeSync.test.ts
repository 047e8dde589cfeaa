// A sync whose manifests are larger than Temporal accepts in one payload (DESIGN §5): it completes,
// because the workflow input and the group's activity input go through the claim-check store and
// history holds only references. Without a store the same sync is refused before it starts.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { connectClient, startSync } from '../../../client/syncClient';
import { CLAIM_CHECK_ENCODING, TEMPORAL_PAYLOAD_LIMIT } from '../../../codec/claimCheckCodec';
import { codecConfigFromEnv, hooksyncDataConverter } from '../../../codec/dataConverter';
import { claimCheckDir } from '../../support/codecEnv';
import { planYaml, runSync } from '../../support/syncHarness';
import { showHistory } from '../../support/temporalCli';
import { readTestEnv } from '../../support/testEnv';
import { syncWorkflowId } from '../../../workflows/messages';
import { useSyncHarness } from '../sync/syncTestKit';

const kit = useSyncHarness();
const COUNT = 40;
const VALUE_BYTES = 100 * 1024;

const configMaps = (values: string[]) => values.map((value, i) => `
apiVersion: v1
kind: ConfigMap
metadata:
  name: big-${i}
data:
  blob: "${value}"
`).join('---');

// Random base64 (what a certificate bundle or a packed binary looks like): payloads are compressed
// before they are stored, and these shrink by only a quarter, so the plan stays over the limit.
const values = Array.from({ length: COUNT }, () => randomBytes((VALUE_BYTES * 3) / 4).toString('base64'));

test('manifests of 4 MB, over the 2 MB payload limit, sync through the claim-check store', async () => {
  const ns = await kit.namespace('large');
  const yaml = configMaps(values);
  expect(Buffer.byteLength(yaml)).toBeGreaterThan(TEMPORAL_PAYLOAD_LIMIT);

  const { report } = await runSync(kit.h, yaml, { app: 'large', namespace: ns });

  expect(report.phase).toBe('Succeeded');
  expect(report.resources.filter((r) => r.status === 'Synced')).toHaveLength(COUNT);
  const last = await kit.h.cluster.core.readNamespacedConfigMap({ namespace: ns, name: `big-${COUNT - 1}` });
  expect(last.data?.blob).toBe(values[COUNT - 1]);

  // History holds references: the workflow input is one, and its blob is in the store.
  const history = JSON.parse(showHistory(syncWorkflowId(kit.h.clusterName, 'large'), report.runId)) as { events: Array<Record<string, { input?: { payloads: Array<{ metadata: Record<string, string> }> } }>> };
  const input = history.events[0].workflowExecutionStartedEventAttributes.input!.payloads[0].metadata;
  expect(Buffer.from(input.encoding, 'base64').toString()).toBe(CLAIM_CHECK_ENCODING);
  const digest = Buffer.from(input['claim-check-sha256'], 'base64').toString();
  expect(existsSync(join(claimCheckDir(), digest.slice(0, 2), digest))).toBe(true);
  expect(JSON.stringify(history).length).toBeLessThan(TEMPORAL_PAYLOAD_LIMIT);
});

test('without a claim-check store the same sync is refused before anything starts', async () => {
  const ns = await kit.namespace('large-refused');
  const planned = await planYaml(configMaps(values), ns);
  const withoutStore = await connectClient(
    { address: readTestEnv().temporalAddress, namespace: readTestEnv().temporalNamespace },
    hooksyncDataConverter({ ring: codecConfigFromEnv().ring }),
  );
  try {
    await expect(startSync(withoutStore, { syncId: planned.syncId, app: 'large-refused', cluster: kit.h.clusterName, plan: planned.plan }))
      .rejects.toThrow(/over Temporal's 2097152-byte limit; set HOOKSYNC_CLAIM_CHECK_DIR/);
    await expect(withoutStore.workflow.getHandle(syncWorkflowId(kit.h.clusterName, 'large-refused')).describe()).rejects.toThrow(/not found/);
  } finally {
    await withoutStore.connection.close();
  }
});
