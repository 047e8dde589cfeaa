// The benchmark suite of issue 12: each scenario as hooksync and as the direct baseline B
// (bench/baseline/), rounds interleaved, on the shared Temporal server and KWOK cluster. Not a
// test: it asserts nothing about time. Run it with `npm run bench` (knobs: bench/support/knobs.ts).
// It prints the table and writes it to <run dir>/bench-latest.md and .json.
import { loadavg } from 'node:os';
import { openContext, runPairs, type BenchContext } from './support/context';
import { describeKnobs, readKnobs, type ScenarioId } from './support/knobs';
import { runFacts, writeReport, type BenchRow } from './support/report';
import { hookLag } from './scenarios/hookLagScenario';
import { fixedCost, perWave, s1, wideWaves } from './scenarios/syncScenarios';
import { concurrentSyncs } from './scenarios/concurrentSyncs';
import { cliCpu, killRecovery, workerStart } from './scenarios/processScenarios';

jest.setTimeout(3 * 60 * 60_000);

const scenarios: Array<[ScenarioId, (ctx: BenchContext) => Promise<BenchRow[]>]> = [
  ['s1', s1],
  ['fixed', fixedCost],
  ['waves', perWave],
  ['s3', wideWaves],
  ['s4', hookLag],
  ['s6', concurrentSyncs],
  ['cli', cliCpu],
  ['kill', killRecovery],
  ['start', workerStart],
];

test('bench: hooksync against the direct baseline', async () => {
  const knobs = readKnobs();
  const startLoad = loadavg().map((l) => Math.round(l * 100) / 100);
  const { ctx, close } = await openContext(knobs);
  const rows: BenchRow[] = [];
  try {
    ctx.log(`${describeKnobs(knobs)}; scenarios ${[...knobs.only].join(', ')}`);
    // A first sync on each side warms the worker, the connections and the server's caches.
    await runPairs(ctx, 'warm-up', 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: warm }\n', 1);
    for (const [id, run] of scenarios) {
      if (!knobs.only.has(id)) continue;
      rows.push(...(await run(ctx)));
    }
  } finally {
    await close();
  }
  const markdown = writeReport(rows, runFacts(describeKnobs(knobs)), startLoad, { knobs: { ...knobs, only: [...knobs.only] } });
  process.stdout.write(`\n${markdown}\n`);
});
