// The baseline's HTTP client: plain HTTPS requests over one keep-alive agent, with the kubeconfig's
// credentials and TLS settings. It has nothing of hooksync's client (no client-node request
// pipeline, no per-request agent), so the baseline costs what the API server costs.
import { Agent, request } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import type { ObjectRef } from '../../sync/types';

export interface KubeResponse {
  status: number;
  body: unknown;
}

export interface DirectKube {
  /** One JSON request; non-2xx answers are returned, not thrown, so that callers decide. */
  send(method: string, path: string, body?: unknown, contentType?: string): Promise<KubeResponse>;
  /** A watch stream: calls `onEvent` per event until `stop()`. */
  watch(path: string, onEvent: (type: string, object: Record<string, unknown>) => void): Promise<() => void>;
  /** The REST path of an object's collection (its kind resolved by discovery, cached). */
  collectionPath(ref: Pick<ObjectRef, 'group' | 'version' | 'kind' | 'namespace'>): Promise<string>;
  close(): void;
}

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

export async function connectDirectKube(kc: KubeConfig, maxSockets = Infinity): Promise<DirectKube> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  const server = new URL(cluster.server);
  const tls: Record<string, unknown> = {};
  await kc.applyToHTTPSOptions(tls);
  const headers = (tls.headers ?? {}) as Record<string, string>;
  const agent = new Agent({ keepAlive: true, maxSockets, ca: tls.ca as string, cert: tls.cert as string, key: tls.key as string, rejectUnauthorized: tls.rejectUnauthorized as boolean | undefined });
  const open = (method: string, path: string, body: string | undefined, contentType: string) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      const req = request({
        host: server.hostname, port: server.port || 443, path, method, agent,
        // Content-Length always: Node sends a DELETE's body neither chunked nor sized, and the
        // server would read it as the start of the next request on the kept-alive socket.
        headers: {
          ...headers, Accept: 'application/json', 'User-Agent': 'hooksync-bench-baseline',
          ...(body ? { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) } : {}),
        },
      }, resolve);
      req.on('error', reject);
      req.end(body);
    });

  const send = async (method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<KubeResponse> => {
    const res = await open(method, path, body === undefined ? undefined : JSON.stringify(body), contentType);
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString();
    return { status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined };
  };

  const resources = new Map<string, Promise<ApiResource[]>>();
  const discover = (groupVersion: string) => {
    if (!resources.has(groupVersion)) {
      const path = groupVersion.includes('/') ? `/apis/${groupVersion}` : `/api/${groupVersion}`;
      resources.set(groupVersion, send('GET', path).then((r) => (r.body as { resources: ApiResource[] }).resources));
    }
    return resources.get(groupVersion) as Promise<ApiResource[]>;
  };

  return {
    send,
    async watch(path, onEvent) {
      const res = await open('GET', path, undefined, '');
      if (res.statusCode !== 200) {
        const chunks: Buffer[] = [];
        for await (const chunk of res) chunks.push(chunk as Buffer);
        throw new Error(`watch ${path}: HTTP ${res.statusCode} ${Buffer.concat(chunks).toString().slice(0, 300)}`);
      }
      let buffered = '';
      res.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        let newline;
        while ((newline = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, newline);
          buffered = buffered.slice(newline + 1);
          if (!line.trim()) continue;
          const event = JSON.parse(line) as { type: string; object: Record<string, unknown> };
          onEvent(event.type, event.object);
        }
      });
      res.on('error', () => undefined);
      return () => res.destroy();
    },
    async collectionPath(ref) {
      const groupVersion = ref.group ? `${ref.group}/${ref.version}` : ref.version;
      const found = (await discover(groupVersion)).find((r) => r.kind === ref.kind && !r.name.includes('/'));
      if (!found) throw new Error(`the server does not serve ${ref.kind} in ${groupVersion}`);
      const prefix = ref.group ? `/apis/${groupVersion}` : `/api/${groupVersion}`;
      return found.namespaced ? `${prefix}/namespaces/${ref.namespace}/${found.name}` : `${prefix}/${found.name}`;
    },
    close: () => agent.destroy(),
  };
}
