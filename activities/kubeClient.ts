// The one Kubernetes client of the activities. It wraps client-node's generic object API for URL
// building (discovery), auth and TLS, and fixes one thing: client-node serialises bodies of known
// kinds through its generated models, which silently drops unknown or misspelled fields. We send
// the manifest's own JSON instead, with `fieldValidation=Strict`, so the API server names the bad
// field as kubectl users expect. The same substitution carries JSON patches, whose body is an
// array that client-node would otherwise replace by the object header it builds the URL from.
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  type KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  ServerConfiguration,
  createConfiguration,
  type Configuration,
  type KubernetesObject,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';
import type { JsonPatchOperation } from '../sync/finalizerRemoval';
import type { KubeObject } from '../sync/manifest';
import { ChangeWatch } from './changeWatch';
import { createDiscovery, type ListableKind } from './discovery';
import { inFlightLimit } from './inFlightLimit';
import { createKeepAliveAgent, MAX_SOCKETS } from './keepAliveAgent';
import { honouringRetryAfter } from './serverHints';
import type { ObjectRef } from '../sync/types';

export const FIELD_MANAGER = 'hooksync';
/** Every request says who sends it: the audit log attributes each write to hooksync. */
export const USER_AGENT = 'hooksync/0.1.0';
/**
 * No single request may hang longer than this (client-node sets no timeout): the worker keeps
 * heartbeating while a call is in flight (worker/heartbeatPulse.ts), so only this ends a call to an
 * API server that stopped answering; the attempt then fails and is retried, instead of a call
 * outliving the activity that made it. The time counts from
 * when the request is handed to client-node, so a wait for a free pooled connection
 * (keepAliveAgent.ts) is part of it.
 */
export const REQUEST_TIMEOUT_MS = 10_000;

export interface LiveObject extends KubeObject {
  metadata: KubeObject['metadata'] & { uid?: string; resourceVersion?: string; deletionTimestamp?: string; finalizers?: string[] };
  status?: Record<string, unknown>;
}

export interface WriteOptions {
  /** A write the API server checks in full (admission, schema, ...) and then does not persist. */
  dryRun?: boolean;
  /**
   * Strict (the default) refuses an unknown or duplicate field, naming it; Ignore drops it
   * silently, as `Validate=false` (kubectl --validate=false) asks.
   */
  fieldValidation?: 'Strict' | 'Ignore';
}

export interface DeleteOptions {
  /**
   * Background (the default) lets the garbage collector remove dependents afterwards; Foreground
   * keeps the object until its dependents are gone, which is what a prune that waits needs.
   */
  propagation?: 'Background' | 'Foreground';
  /** Delete only this very object: one re-created under the same name since is left alone. */
  uid?: string;
}

export interface KubeClient {
  read(ref: ObjectRef): Promise<LiveObject | undefined>;
  create(obj: KubeObject, options?: WriteOptions): Promise<LiveObject>;
  apply(obj: KubeObject, options?: WriteOptions): Promise<LiveObject>;
  /**
   * A PUT of the whole object (`Replace=true`): fields the manifest leaves out are removed. Guarded
   * by the `metadata.resourceVersion` it carries: a changed object answers 409.
   */
  replace(obj: KubeObject, options?: WriteOptions): Promise<LiveObject>;
  /**
   * An RFC 6902 patch. Its `test` operations make it a guarded write: when one fails the server
   * changes nothing and answers 422.
   */
  jsonPatch(ref: ObjectRef, patch: readonly JsonPatchOperation[]): Promise<LiveObject>;
  /** Deletes; done when already gone. With `uid` (DeleteOptions), a replacement answers 409 and is kept. */
  delete(ref: ObjectRef, options?: DeleteOptions): Promise<void>;
  list(apiVersion: string, kind: string, namespace: string | undefined, labelSelector: string): Promise<LiveObject[]>;
  /** One page of a LIST (`limit`, `continue`); `next` is absent on the last page. */
  listPage(apiVersion: string, kind: string, namespace: string | undefined, page: PageRequest): Promise<ListPage>;
  /** Every kind the server can list and delete, in its preferred version (discovery). */
  listableKinds(): Promise<ListableKind[]>;
  /** A new set of watches that wake a waiting activity; the caller stops it. */
  changeWatch(): ChangeWatch;
}

export interface PageRequest {
  /** Empty: every object of the collection. */
  labelSelector: string;
  limit: number;
  /** The `continue` token of the page before. */
  next?: string;
}

export interface ListPage {
  items: LiveObject[];
  next?: string;
}

export function apiVersionOf(ref: Pick<ObjectRef, 'group' | 'version'>): string {
  return ref.group ? `${ref.group}/${ref.version}` : ref.version;
}

// The identifying header every object-API call needs (client-node does not export its type).
type ObjectHeader = Parameters<KubernetesObjectApi['read']>[0];

function specOf(ref: ObjectRef): ObjectHeader & KubernetesObject {
  return { apiVersion: apiVersionOf(ref), kind: ref.kind, metadata: { name: ref.name, namespace: ref.namespace } };
}

const dryRunParam = (options: WriteOptions) => (options.dryRun ? 'All' : undefined);

/** The body a write sends as written (not through client-node's models), and how strictly it is checked. */
interface ExactBody {
  body: string;
  fieldValidation: NonNullable<WriteOptions['fieldValidation']>;
}

// setDefaultNamespace is protected: the context's namespace is only a fallback, as in kubectl.
class ObjectApi extends KubernetesObjectApi {
  constructor(kc: KubeConfig, configuration: Configuration) {
    super(configuration);
    this.setDefaultNamespace(kc);
  }
}

// Responses are deserialised into client-node's models (Dates, dropped unknowns); a JSON round
// trip gives the plain object shape the pure health rules in sync/health expect.
function plain<T>(value: unknown): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function createKubeClient(kc: KubeConfig): KubeClient {
  const exactBody = new AsyncLocalStorage<ExactBody>();
  // One pool of connections for every request of this client, discovery's included.
  const keepAlive = createKeepAliveAgent();
  // As many requests at once as the pool has sockets, so that none waits inside the agent (inFlightLimit.ts).
  const limited = inFlightLimit(MAX_SOCKETS);
  // Each attempt takes a slot; a Retry-After wait between attempts holds none.
  const send = <T>(call: () => Promise<T>) => honouringRetryAfter(() => limited(call));
  const sendExactBody = {
    async pre(ctx: RequestContext) {
      ctx.setHeaderParam('User-Agent', USER_AGENT);
      ctx.setSignal(AbortSignal.timeout(REQUEST_TIMEOUT_MS));
      const agent = keepAlive.agentFor(ctx.getAgent());
      if (agent) ctx.setAgent(agent);
      const exact = exactBody.getStore();
      if (exact !== undefined && ctx.getHttpMethod() !== 'GET') {
        ctx.setBody(exact.body);
        ctx.setQueryParam('fieldValidation', exact.fieldValidation);
      }
      return ctx;
    },
    post: async (res: ResponseContext) => res,
  };
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  const configuration = createConfiguration({
    baseServer: new ServerConfiguration(cluster.server, {}),
    authMethods: { default: kc },
    promiseMiddleware: [sendExactBody],
  });
  const api = new ObjectApi(kc, configuration);
  const withBody = <T>(body: unknown, call: () => Promise<T>, options: WriteOptions = {}) =>
    exactBody.run({ body: JSON.stringify(body), fieldValidation: options.fieldValidation ?? 'Strict' }, () => send(call));
  const discovery = createDiscovery(kc, configuration, limited);

  return {
    async read(ref) {
      try {
        return plain<LiveObject>(await send(() => api.read(specOf(ref))));
      } catch (err) {
        if ((err as { code?: number }).code === 404) return undefined;
        throw err;
      }
    },
    async create(obj, options = {}) {
      return plain<LiveObject>(await withBody(obj, () => api.create(structuredClone(obj), undefined, dryRunParam(options), FIELD_MANAGER), options));
    },
    async apply(obj, options = {}) {
      const call = () => api.patch(structuredClone(obj), undefined, dryRunParam(options), FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
      return plain<LiveObject>(await withBody(obj, call, options));
    },
    async replace(obj, options = {}) {
      return plain<LiveObject>(await withBody(obj, () => api.replace(structuredClone(obj), undefined, dryRunParam(options), FIELD_MANAGER), options));
    },
    async jsonPatch(ref, patch) {
      const call = () => api.patch(specOf(ref), undefined, undefined, FIELD_MANAGER, undefined, PatchStrategy.JsonPatch);
      return plain<LiveObject>(await withBody(patch, call));
    },
    async delete(ref, { propagation = 'Background', uid }: DeleteOptions = {}) {
      try {
        // Never the REST default: for Jobs it orphans the pods.
        const body = uid ? { preconditions: { uid } } : undefined;
        await send(() => api.delete(specOf(ref), undefined, undefined, undefined, undefined, propagation, body));
      } catch (err) {
        if ((err as { code?: number }).code !== 404) throw err;
      }
    },
    changeWatch: () => new ChangeWatch(kc, discovery.collectionPath),
    listableKinds: () => discovery.listableKinds(),
    async list(apiVersion, kind, namespace, labelSelector) {
      const res = await send(() => api.list(apiVersion, kind, namespace, undefined, undefined, undefined, undefined, labelSelector));
      return plain<{ items: LiveObject[] }>(res).items.map((item) => ({ ...item, apiVersion, kind }));
    },
    async listPage(apiVersion, kind, namespace, { labelSelector, limit, next }) {
      const call = () => api.list(apiVersion, kind, namespace, undefined, undefined, undefined, undefined, labelSelector || undefined, limit, next);
      // client-node's model names the token `_continue` (`continue` is a reserved word).
      const res = plain<{ items: LiveObject[]; metadata?: { _continue?: string; continue?: string } }>(await send(call));
      const token = res.metadata?._continue || res.metadata?.continue || undefined;
      return { items: res.items.map((item) => ({ ...item, apiVersion, kind })), next: token };
    },
  };
}
