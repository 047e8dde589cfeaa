// What bounds S3: the same requests without Temporal, through hooksync's KubeClient (client-node's
// request pipeline: auth applied per request, node-fetch, its model (de)serialisation, our
// keep-alive agent) and through B's plain HTTPS client, rounds interleaved. Both send `count`
// server-side dry-run applies of ConfigMaps with the same concurrency, so the difference is what
// client-node costs per request, which S3 pays twice per object (the dry run and the apply).
import { createKubeClient } from '../../activities/kubeClient';
import { boundedParallel } from '../../activities/boundedParallel';
import { inNamespace, type BenchContext } from '../support/context';
import { summarise, type BenchRow } from '../support/report';

function configMaps(namespace: string, count: number) {
  return Array.from({ length: count }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace }, data: { key: `value-${i}` } }));
}

async function timedMs(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export async function requestPipeline(ctx: BenchContext, count: number): Promise<BenchRow[]> {
  const kube = createKubeClient(ctx.cluster.kc);
  const samples = { client: [] as number[], direct: [] as number[] };
  const rounds = Math.max(3, ctx.knobs.rounds);
  await inNamespace(ctx, 'bench-req', async (namespace) => {
    const objects = configMaps(namespace, count);
    const path = await ctx.kube.collectionPath({ group: '', version: 'v1', kind: 'ConfigMap', namespace });
    const direct = async (object: (typeof objects)[number]) => {
      const query = 'fieldManager=hooksync&force=true&fieldValidation=Strict&dryRun=All';
      const res = await ctx.kube.send('PATCH', `${path}/${object.metadata.name}?${query}`, object, 'application/apply-patch+yaml');
      if (res.status >= 300) throw new Error(`dry-run apply of ${object.metadata.name}: HTTP ${res.status}`);
    };
    // A first round on each side opens the connections.
    for (let round = 0; round <= rounds; round++) {
      const client = await timedMs(() => boundedParallel(objects, ctx.knobs.concurrency, (o) => kube.apply(o, { dryRun: true })));
      const plain = await timedMs(() => boundedParallel(objects, ctx.knobs.concurrency, direct));
      if (round === 0) continue;
      samples.client.push(client);
      samples.direct.push(plain);
    }
  });
  ctx.log(`${count} dry-run applies: KubeClient ${samples.client.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}; plain HTTPS ${samples.direct.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}`);
  return [{
    scenario: `S3's bound: ${count} dry-run applies, ${ctx.knobs.concurrency} in flight, no Temporal: B's plain HTTPS against hooksync's KubeClient (client-node)`,
    unit: 'ms', b: summarise(samples.direct), hs: summarise(samples.client), goal: '—',
  }];
}
