// S4: how soon the step after a hook starts once the hook's Job has completed, as hooksync and as
// B, timed by one observer's watches (same clock and same watch delivery for both).
import { baselineIn, hooksyncIn, inNamespace, type BenchContext } from '../support/context';
import { observeHookLag } from '../support/hookLag';
import { hookThenWrite, S4_CONFIGMAP } from '../support/manifests';
import type { BenchRow, Summary } from '../support/report';
import { quantile } from '../support/stats';

async function timedLag(ctx: BenchContext, side: 'hs' | 'b'): Promise<number> {
  return inNamespace(ctx, `bench-s4${side}`, async (namespace) => {
    const observer = await observeHookLag(ctx.kube, namespace, S4_CONFIGMAP);
    try {
      const run = side === 'hs' ? await hooksyncIn(ctx, hookThenWrite, namespace) : await baselineIn(ctx, hookThenWrite, namespace);
      return run.phase === 'Succeeded' ? await observer.lag(5_000) : NaN;
    } finally {
      observer.stop();
    }
  });
}

const at = (samples: number[], q: number): Summary => ({ value: quantile(samples, q), samples });

export async function hookLag(ctx: BenchContext): Promise<BenchRow[]> {
  const hs: number[] = [];
  const b: number[] = [];
  for (let rep = 1; rep <= ctx.knobs.s4Reps; rep++) {
    hs.push(await timedLag(ctx, 'hs'));
    b.push(await timedLag(ctx, 'b'));
    ctx.log(`S4 ${rep}/${ctx.knobs.s4Reps}: hooksync ${Math.round(hs[hs.length - 1])} ms, B ${Math.round(b[b.length - 1])} ms`);
  }
  const missing = hs.filter((x) => !Number.isFinite(x)).length + b.filter((x) => !Number.isFinite(x)).length;
  const note = missing > 0 ? `${missing} sample(s) missing` : undefined;
  const name = 'S4 hook Job complete → next step\'s first write';
  return [
    { scenario: `${name}, p50 of ${hs.length}`, unit: 'ms', b: at(b, 0.5), hs: at(hs, 0.5), goal: '—', note },
    { scenario: `${name}, p95 of ${hs.length}`, unit: 'ms', b: at(b, 0.95), hs: at(hs, 0.95), goal: 'p95 ≤ 150 ms' },
  ];
}
