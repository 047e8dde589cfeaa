// Reads the live state of many objects with a few paged LISTs instead of a GET each: a wait or an
// apply of a thousand objects would otherwise spend seconds on round trips alone, and outlast the
// heartbeat timeout before its first heartbeat. Collections of one or two objects are not listed
// (two GETs cost less than a LIST of a namespace full of others); nor are kinds the worker may
// not list or the server does not serve: their objects are left to the caller's GETs.
import { collectionsOf } from '../sync/collections';
import { objectKey } from '../sync/objectRef';
import { describeObject } from '../sync/problems';
import type { ObjectRef } from '../sync/types';
import { boundedParallel } from './boundedParallel';
import { isKindNotServed } from './discovery';
import { apiVersionOf, type KubeClient, type LiveObject } from './kubeClient';
import { kubeFailure } from './kubeFailures';

/** Objects per LIST page: small enough for a quick answer, big enough for few requests. */
const PAGE_LIMIT = 500;
/** A collection with fewer of the objects than this is read by GETs. */
const LIST_FROM = 3;
/** Collections listed at once. */
const LIST_CONCURRENCY = 4;
/** GETs in flight at once, for the objects no LIST answered for. */
const READ_CONCURRENCY = 16;

/** objectKey → the live object, or null when the LIST showed it absent; no entry: not read. */
export type KnownLive = Map<string, LiveObject | null>;

export interface ReadAheadOptions {
  /**
   * '' lists every object of the collection, so a name not listed is absent. With a selector, one
   * not listed may still exist unlabelled: it gets no entry, and the caller reads it.
   */
  labelSelector: string;
  /** Called after every page and every GET: a long read heartbeats as it goes. */
  progress: () => void;
  /** Objects per page; PAGE_LIMIT unless a test wants several pages of a few objects. */
  pageLimit?: number;
}

export async function readAhead(kube: KubeClient, refs: readonly ObjectRef[], { labelSelector, progress, pageLimit = PAGE_LIMIT }: ReadAheadOptions): Promise<KnownLive> {
  const known: KnownLive = new Map();
  const listed = collectionsOf(refs).filter((c) => c.refs.length >= LIST_FROM);
  await boundedParallel(listed, LIST_CONCURRENCY, async ({ first, refs: members }) => {
    const items = await listCollection(kube, first, { labelSelector, progress, pageLimit });
    if (!items) return;
    const byName = new Map(items.map((item) => [item.metadata.name, item]));
    for (const ref of members) {
      const live = byName.get(ref.name);
      if (live) known.set(objectKey(ref), live);
      else if (labelSelector === '') known.set(objectKey(ref), null);
    }
  });
  return known;
}

/** The live objects of `refs` in their order (undefined: absent), listed where it pays, else read one by one. */
export async function readLive(kube: KubeClient, refs: readonly ObjectRef[], options: ReadAheadOptions): Promise<Array<LiveObject | undefined>> {
  const known = await readAhead(kube, refs, options);
  return boundedParallel(refs, READ_CONCURRENCY, async (ref) => {
    const key = objectKey(ref);
    if (known.has(key)) return known.get(key) ?? undefined;
    try {
      return await kube.read(ref);
    } catch (err) {
      throw kubeFailure(err, `read ${describeObject(ref)}`);
    } finally {
      options.progress();
    }
  });
}

/** Not allowed to list (403), not served (404, discovery), or not listable (405): GETs decide. */
function cannotList(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === 403 || code === 404 || code === 405 || isKindNotServed(err);
}

/** Every page of one collection; undefined when it cannot be listed. A token that expired (410) starts over. */
async function listCollection(kube: KubeClient, ref: ObjectRef, { labelSelector, progress, pageLimit }: Required<ReadAheadOptions>): Promise<LiveObject[] | undefined> {
  const apiVersion = apiVersionOf(ref);
  const namespace = ref.namespace || undefined;
  for (let restarts = 0; ; restarts++) {
    const items: LiveObject[] = [];
    let next: string | undefined;
    try {
      do {
        const page = await kube.listPage(apiVersion, ref.kind, namespace, { labelSelector, limit: pageLimit, next });
        items.push(...page.items);
        next = page.next;
        progress();
      } while (next);
      return items;
    } catch (err) {
      if (cannotList(err)) return undefined;
      const expired = (err as { code?: unknown }).code === 410 && next !== undefined;
      if (!expired || restarts >= 2) throw kubeFailure(err, `list ${ref.kind} in ${ref.namespace || 'the cluster'}`);
    }
  }
}
