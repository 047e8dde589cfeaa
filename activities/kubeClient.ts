// The one Kubernetes client of the activities. Object requests go out through kubeRequest.ts
// (client-node's KubeConfig for credentials and TLS, Node's HTTP client over one keep-alive pool),
// to paths that discovery resolves. Every body is the manifest's own JSON, sent with
// `fieldValidation=Strict`, so the API server names an unknown or misspelled field as kubectl
// users expect (client-node's models would have dropped it silently). Discovery itself still asks
// through client-node's API classes, with the same user agent, timeout and connections.
import {
  type KubeConfig,
  ServerConfiguration,
  createConfiguration,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';
import type { JsonPatchOperation } from '../sync/finalizerRemoval';
import type { KubeObject } from '../sync/manifest';
import { ChangeWatch } from './changeWatch';
import { createDiscovery, type ListableKind } from './discovery';
import { inFlightLimit, type InFlightLimit } from './inFlightLimit';
import { createKeepAliveAgent, MAX_SOCKETS } from './keepAliveAgent';
import { createKubeRequester, type KubeRequest, type KubeVerb } from './kubeRequest';
import { honouringRetryAfter } from './serverHints';
import type { ObjectRef } from '../sync/types';

export const FIELD_MANAGER = 'hooksync';
/** Every request says who sends it: the audit log attributes each write to hooksync. */
export const USER_AGENT = 'hooksync/0.1.0';
/**
 * No single request may hang longer than this (client-node sets no timeout): the worker keeps
 * heartbeating while a call is in flight (worker/heartbeatPulse.ts), so only this ends a call to an
 * API server that stopped answering; the attempt then fails and is retried, instead of a call
 * outliving the activity that made it. The time counts once the request has its slot
 * (inFlightLimit.ts): a wait for a slot is not part of it, and with no more requests out than the
 * pool has sockets (keepAliveAgent.ts), none waits for a connection.
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

const dryRunParam = (options: WriteOptions) => (options.dryRun ? 'All' : undefined);

/** The query every write carries: who writes, how strictly the server checks, whether it persists. */
function writeQuery(options: WriteOptions): KubeRequest['query'] {
  return { fieldManager: FIELD_MANAGER, fieldValidation: options.fieldValidation ?? 'Strict', dryRun: dryRunParam(options) };
}

export function createKubeClient(kc: KubeConfig): KubeClient {
  // One pool of connections for every request of this client, discovery's included.
  const keepAlive = createKeepAliveAgent();
  // As many requests at once as the pool has sockets, so that none waits inside the agent (inFlightLimit.ts).
  const limited = inFlightLimit(MAX_SOCKETS);
  const requester = createKubeRequester(kc, keepAlive, { userAgent: USER_AGENT, timeoutMs: REQUEST_TIMEOUT_MS });
  // Each attempt takes a slot; a Retry-After wait between attempts holds none. Discovery's requests
  // are waited out too: a kind's first use asks for its group's resources, and an activity failed by
  // that one refusal redid all it had done (N2 in test/integration/durability/throttled.test.ts).
  const hinted: InFlightLimit = (call) => honouringRetryAfter(() => limited(call));
  const send = <T>(method: KubeVerb, req: KubeRequest) => hinted(() => requester(method, req)) as Promise<T>;
  const discovery = createDiscovery(kc, discoveryConfiguration(kc, requester.server, keepAlive), hinted);
  // As kubectl: an object that names no namespace is in the context's.
  const defaultNamespace = kc.getContextObject(kc.getCurrentContext())?.namespace ?? 'default';
  const objectPath = async (apiVersion: string, kind: string, namespace: string | undefined, name: string) =>
    `${await discovery.collectionPath(apiVersion, kind, namespace || defaultNamespace)}/${encodeURIComponent(name)}`;
  const pathOf = (ref: ObjectRef) => objectPath(apiVersionOf(ref), ref.kind, ref.namespace, ref.name);
  const pathOfObject = (obj: KubeObject) => objectPath(obj.apiVersion, obj.kind, obj.metadata.namespace, obj.metadata.name ?? '');
  const collectionOf = (obj: KubeObject) => discovery.collectionPath(obj.apiVersion, obj.kind, obj.metadata.namespace || defaultNamespace);

  return {
    async read(ref) {
      try {
        return await send<LiveObject>('GET', { path: await pathOf(ref) });
      } catch (err) {
        if ((err as { code?: number }).code === 404) return undefined;
        throw err;
      }
    },
    async create(obj, options = {}) {
      return send<LiveObject>('POST', { path: await collectionOf(obj), query: writeQuery(options), body: obj });
    },
    async apply(obj, options = {}) {
      const query = { ...writeQuery(options), force: true };
      return send<LiveObject>('PATCH', { path: await pathOfObject(obj), query, body: obj, contentType: 'application/apply-patch+yaml' });
    },
    async replace(obj, options = {}) {
      return send<LiveObject>('PUT', { path: await pathOfObject(obj), query: writeQuery(options), body: obj });
    },
    async jsonPatch(ref, patch) {
      return send<LiveObject>('PATCH', { path: await pathOf(ref), query: writeQuery({}), body: patch, contentType: 'application/json-patch+json' });
    },
    async delete(ref, { propagation = 'Background', uid }: DeleteOptions = {}) {
      // Never the REST default: for Jobs it orphans the pods. In the query, where the audit log shows it.
      const query = { propagationPolicy: propagation };
      const body = uid ? { apiVersion: 'v1', kind: 'DeleteOptions', preconditions: { uid } } : undefined;
      try {
        await send('DELETE', { path: await pathOf(ref), query, body });
      } catch (err) {
        if ((err as { code?: number }).code !== 404) throw err;
      }
    },
    changeWatch: () => new ChangeWatch(kc, discovery.collectionPath),
    listableKinds: () => discovery.listableKinds(),
    async list(apiVersion, kind, namespace, labelSelector) {
      const path = await discovery.collectionPath(apiVersion, kind, namespace ?? '');
      const res = await send<{ items: LiveObject[] }>('GET', { path, query: { labelSelector: labelSelector || undefined } });
      return res.items.map((item) => ({ ...item, apiVersion, kind }));
    },
    async listPage(apiVersion, kind, namespace, { labelSelector, limit, next }) {
      const path = await discovery.collectionPath(apiVersion, kind, namespace ?? '');
      const query = { labelSelector: labelSelector || undefined, limit, continue: next };
      const res = await send<{ items: LiveObject[]; metadata?: { continue?: string } }>('GET', { path, query });
      return { items: res.items.map((item) => ({ ...item, apiVersion, kind })), next: res.metadata?.continue || undefined };
    },
  };
}

/** client-node's API classes for discovery, with the client's user agent, timeout and connections. */
function discoveryConfiguration(kc: KubeConfig, server: string, keepAlive: ReturnType<typeof createKeepAliveAgent>) {
  const settings = {
    async pre(ctx: RequestContext) {
      ctx.setHeaderParam('User-Agent', USER_AGENT);
      ctx.setSignal(AbortSignal.timeout(REQUEST_TIMEOUT_MS));
      const agent = keepAlive.agentFor(ctx.getAgent());
      if (agent) ctx.setAgent(agent);
      return ctx;
    },
    post: async (res: ResponseContext) => res,
  };
  return createConfiguration({ baseServer: new ServerConfiguration(server, {}), authMethods: { default: kc }, promiseMiddleware: [settings] });
}
