// The read-ahead of big groups (activities/readAhead.ts) against the real API server: LISTs are
// paged to the end, an unfiltered LIST tells absence, a label-selected one leaves unlabelled
// objects to GETs, and a kind the server does not serve is left to the caller.
import { createKubeClient } from '../../../activities/kubeClient';
import { readAhead, readLive } from '../../../activities/readAhead';
import { objectKey } from '../../../sync/objectRef';
import type { ObjectRef } from '../../../sync/types';
import { connectTestCluster, createTestNamespace, deleteTestNamespace, untilRootCaPublished } from '../../support/testCluster';

const cluster = connectTestCluster();
const kube = createKubeClient(cluster.kc);
let ns: string;
const LABELLED = ['a', 'b', 'c', 'd', 'e'];
const ref = (name: string, kind = 'ConfigMap', group = '', version = 'v1'): ObjectRef => ({ group, version, kind, namespace: ns, name });

beforeAll(async () => {
  ns = await createTestNamespace(cluster, 'read-ahead');
  // Seven ConfigMaps in all, kube-root-ca.crt included: four pages of two.
  await untilRootCaPublished(cluster, ns);
  for (const name of LABELLED) await kube.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns, labels: { mark: 'yes' } } });
  await kube.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'plain', namespace: ns } });
});
afterAll(async () => {
  await deleteTestNamespace(cluster, ns);
});

test('an unfiltered LIST, two objects a page, finds every object and tells the missing one absent', async () => {
  let pages = 0;
  const known = await readAhead(kube, [...LABELLED, 'plain', 'missing'].map((n) => ref(n)), { labelSelector: '', progress: () => pages++, pageLimit: 2 });
  expect([...LABELLED, 'plain'].map((n) => known.get(objectKey(ref(n)))?.metadata.name)).toEqual([...LABELLED, 'plain']);
  expect(known.get(objectKey(ref('missing')))).toBeNull();
  expect(pages).toBeGreaterThanOrEqual(4);
});

test('a label-selected LIST leaves an unlabelled object to a GET, which finds it', async () => {
  const refs = [...LABELLED, 'plain', 'missing'].map((n) => ref(n));
  const known = await readAhead(kube, refs, { labelSelector: 'mark=yes', progress: () => undefined, pageLimit: 2 });
  expect(known.has(objectKey(ref('plain')))).toBe(false);
  expect(known.has(objectKey(ref('missing')))).toBe(false);
  const lives = await readLive(kube, refs, { labelSelector: 'mark=yes', progress: () => undefined, pageLimit: 2 });
  expect(lives.map((l) => l?.metadata.name)).toEqual([...LABELLED, 'plain', undefined]);
});

test('a kind the server does not serve is not listed, and one or two objects are not listed at all', async () => {
  const unserved = ['x', 'y', 'z'].map((n) => ref(n, 'Widget', 'nowhere.example.com'));
  expect((await readAhead(kube, unserved, { labelSelector: '', progress: () => undefined })).size).toBe(0);
  expect((await readAhead(kube, [ref('a'), ref('b')], { labelSelector: '', progress: () => undefined })).size).toBe(0);
});
