// The live progress of `hooksync sync` and of `hooksync status --watch` attached from elsewhere,
// against the real servers: a header per group, apply / waiting / ok lines with timestamps, the
// waiting line saying what the Job waits for (read from the waiting activity's heartbeat), and
// no colour, since the output is not a terminal.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, runCliSync } from '../../support/runCli';
import { configMapYaml, documents, jobYaml, useSyncHarness } from '../sync/syncTestKit';

const kit = useSyncHarness();
const dir = mkdtempSync(join(tmpdir(), 'hooksync-progress-'));
const file = join(dir, 'app.yaml');
writeFileSync(file, documents(jobYaml('migrate', { hook: 'PreSync', runFor: '4s' }), configMapYaml()));

/** `hooksync sync` against the test worker, routed by --cluster. */
const sync = (...args: string[]) => runCliSync(kit.h.clusterName, ...args);

const T = '\\d\\d:\\d\\d:\\d\\d  ';

/** The lines every display of this sync must have, in this order. */
function expectProgress(stdout: string, ns: string): void {
  const lines = stdout.split('\n');
  const expected = [
    new RegExp(`^${T}PreSync wave 0: 1 hook$`),
    new RegExp(`^${T}apply    Job ${ns}/migrate: job/migrate created$`),
    new RegExp(`^${T}waiting  Job ${ns}/migrate: Waiting for Job to complete: 1 active, 0 succeeded, 0 failed pods$`),
    new RegExp(`^${T}ok       Job ${ns}/migrate: Succeeded: `),
    new RegExp(`^${T}Sync wave 0: 1 resource$`),
    new RegExp(`^${T}ok       ConfigMap ${ns}/app-config: configmap/app-config created$`),
  ];
  const at = expected.map((pattern) => lines.findIndex((line) => pattern.test(line)));
  // Named, so a missing line shows which one in the failure, next to what was printed.
  const missing = expected.filter((_, i) => at[i] < 0).map((p) => p.source);
  expect({ missing, stdout }).toEqual({ missing: [], stdout });
  expect([...at].sort((a, b) => a - b)).toEqual(at);
  expect(stdout).not.toContain(String.fromCharCode(27));
}

test('sync: the live lines, then the result table', async () => {
  const ns = await kit.namespace('progress');
  const run = await sync('-f', file, '--app', `progress-${ns}`, '-n', ns);
  expect(run.code).toBe(0);
  expectProgress(run.stdout, ns);
  expect(run.stdout.split('\n').at(-1)).toBe('Succeeded: successfully synced (all tasks run)');
});

test('status --watch, attached to a sync started with --no-wait, shows the same lines', async () => {
  const ns = await kit.namespace('progress-watch');
  const started = await sync('-f', file, '--app', `progress-watch-${ns}`, '-n', ns, '--no-wait', '-o', 'json');
  expect(started.code).toBe(0);
  const { syncId } = JSON.parse(started.stdout) as { syncId: string };
  const watched = await runCli('status', syncId, '--watch');
  expect(watched.code).toBe(0);
  expectProgress(watched.stdout, ns);
  expect(watched.stdout.split('\n').at(-1)).toBe('Succeeded: successfully synced (all tasks run)');
});
