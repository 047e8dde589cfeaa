// The bad-input corpus (test/fixtures/bad/, expectations.yaml beside it), driven through the real
// CLI against the real servers: each broken input gets the documented exit code, one message
// naming where (file:line), what (object, field) and what to do, no stack trace, and no write on
// the cluster. Then the broken surroundings: Temporal or the cluster out of reach, a kubeconfig or
// context that does not exist.
import { readdirSync, readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { hooksyncWrites } from '../../support/auditLog';
import { jobsOnlyKubeConfig } from '../../support/limitedKubeConfig';
import { repoRoot } from '../../support/paths';
import { runCli, runCliSync, runOfflineCli, type CliRun } from '../../support/runCli';
import { startSyncHarness } from '../../support/syncHarness';
import { readTestEnv } from '../../support/testEnv';
import { useSyncHarness } from '../sync/syncTestKit';

interface Expectation {
  exit: number;
  says: string[];
  offline?: boolean;
  setup?: 'other-app' | 'rbac';
}

const BAD = join(repoRoot, 'test', 'fixtures', 'bad');
const expectations = parse(readFileSync(join(BAD, 'expectations.yaml'), 'utf8')) as Record<string, Expectation>;
const fixtures = readdirSync(BAD).filter((name) => name !== 'expectations.yaml').sort();
const kit = useSyncHarness();
const tmp = mkdtempSync(join(tmpdir(), 'hooksync-bad-'));

/** `hooksync sync` routed to the worker of `cluster` (--cluster picks its task queue). */
const syncCli = runCliSync;

/** Every line a user sees; none may be a stack frame. */
function expectNoStackTrace(run: CliRun): void {
  expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/^\s+at /m);
}

function expectSays(text: string, says: readonly string[], vars: Record<string, string>): void {
  for (const fragment of says) expect(text).toContain(fragment.replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? `{${name}}`));
}

/** Runs the case's set-up on the cluster; returns the cluster name of the worker to use. */
async function setUp(e: Expectation, ns: string): Promise<{ cluster: string; stop(): Promise<void> }> {
  if (e.setup === 'other-app') {
    const first = join(tmp, `${ns}-first.yaml`);
    writeFileSync(first, 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: shared-config }\ndata: { owner: first-app }\n');
    const run = await syncCli(kit.h.clusterName, '-f', first, '--app', `first-${ns}`, '-n', ns);
    expect(run.code).toBe(0);
  }
  if (e.setup === 'rbac') {
    const limited = await startSyncHarness({ kc: await jobsOnlyKubeConfig(kit.h.cluster, ns) });
    return { cluster: limited.clusterName, stop: () => limited.stop() };
  }
  return { cluster: kit.h.clusterName, stop: async () => undefined };
}

test('the corpus: at least 30 broken inputs, each with its expectation and no expectation without input', () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(30);
  expect(Object.keys(expectations).sort()).toEqual(fixtures);
});

describe.each(fixtures)('%s', (name) => {
  const e = expectations[name];
  const file = join(BAD, name);

  test(`sync: exit ${e?.exit}, one message naming place and field, no stack trace, no cluster write`, async () => {
    const ns = await kit.namespace('bad');
    const worker = await setUp(e, ns);
    try {
      const writesBefore = hooksyncWrites(ns).length;
      const run = await syncCli(worker.cluster, '-f', file, '--app', `bad-${ns}`, '-n', ns);
      expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: e.exit });
      expectSays(`${run.stdout}\n${run.stderr}`, e.says, { file, ns });
      expectNoStackTrace(run);
      if (e.exit === 2) {
        // Refused before anything started: the header line and one problem, on stderr only.
        expect(run.stdout).toBe('');
        expect(run.stderr.split('\n')).toHaveLength(2);
      }
      expect(hooksyncWrites(ns)).toHaveLength(writesBefore);
    } finally {
      await worker.stop();
    }
  });

  if (e?.offline) {
    test('plan: refused offline with the same words', async () => {
      const run = await runOfflineCli('plan', '-f', file, '-n', 'offline');
      expect(run.code).toBe(2);
      expectSays(run.stderr, e.says, { file, ns: 'offline' });
      expectNoStackTrace(run);
    });
  }
});

describe('inputs made here and broken surroundings', () => {
  const demo = join(repoRoot, 'examples', 'demo');

  test('an input over 8 MiB: exit 2 naming the file and the limit', async () => {
    const big = join(tmp, 'oversized.yaml');
    writeFileSync(big, `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: big }\ndata:\n  blob: "${'x'.repeat(8 * 1024 * 1024)}"\n`);
    const run = await runOfflineCli('plan', '-f', big);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(big);
    expect(run.stderr).toMatch(/MiB/);
    expectNoStackTrace(run);
  });

  test('Temporal out of reach: exit 3 naming the address and what to check; nothing written', async () => {
    const ns = await kit.namespace('bad-temporal');
    const run = await runOfflineCli('sync', '-f', demo, '--app', 'unreachable', '-n', ns, '--kubeconfig', readTestEnv().kubeconfigPath, '--address', '127.0.0.1:1');
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('cannot reach Temporal at 127.0.0.1:1');
    expect(run.stderr).toContain('TEMPORAL_ADDRESS');
    expect(run.stderr.split('\n')).toHaveLength(1);
    expectNoStackTrace(run);
    expect(hooksyncWrites(ns)).toEqual([]);
  });

  test('the cluster out of reach: exit 3 naming its address and context', async () => {
    const dead = join(tmp, 'dead-kubeconfig');
    writeFileSync(dead, readFileSync(readTestEnv().kubeconfigPath, 'utf8').replace(/server: .*/g, 'server: https://127.0.0.1:1'));
    const run = await runCli('sync', '-f', demo, '--app', 'unreachable', '--kubeconfig', dead);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^hooksync: cannot reach the cluster at https:\/\/127\.0\.0\.1:1 \(context [^)]+\): .*ECONNREFUSED/);
    expectNoStackTrace(run);
  });

  test('a context the kubeconfig lacks: exit 2 listing the contexts it has', async () => {
    const run = await runCli('sync', '-f', demo, '--app', 'no-context', '--kubeconfig', readTestEnv().kubeconfigPath, '--context', 'nope');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/has no context "nope" \(it has: [^)]+\): pass one of them with --context/);
    expectNoStackTrace(run);
  });

  test('a kubeconfig that does not exist: exit 2 naming it', async () => {
    const run = await runCli('sync', '-f', demo, '--app', 'no-kubeconfig', '--kubeconfig', join(tmp, 'absent'));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`hooksync: cannot read kubeconfig ${join(tmp, 'absent')}: no such file: pass one with --kubeconfig or KUBECONFIG`);
  });

  test('--debug adds the stack trace, and only then', async () => {
    const args = ['sync', '-f', demo, '--app', 'debug', '--kubeconfig', join(tmp, 'absent')];
    expectNoStackTrace(await runCli(...args));
    expect((await runCli(...args, '--debug')).stderr).toMatch(/^\s+at /m);
  });
});
