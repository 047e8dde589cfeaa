// One request to the API server, sent with Node's own HTTP client instead of client-node's request
// pipeline. client-node still decides everything about who we are and how we connect: its
// KubeConfig applies the kubeconfig's credentials (token, exec plugin, client certificate, basic
// auth) and builds the agent (TLS material, proxy), which keepAliveAgent.ts swaps for the pooled
// one. What is skipped is the rest of that pipeline (rxjs, node-fetch, model (de)serialisation, a
// JSON round trip back to plain objects): it cost about 0.3 ms of CPU per request (--cpu-prof),
// which a wave of 200 objects pays twice (the dry run and the apply). 200 dry-run applies now take
// as long as over plain HTTPS, for 1.12-1.14 times its CPU (bench/transport.bench.ts, README).
//
// Answers other than 2xx are thrown as client-node's ApiException (status `code`, the parsed
// Status as `body`, the response headers), the shape kubeFailures.ts and serverHints.ts read.
import { request as httpRequest, type Agent, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { urlToHttpOptions } from 'node:url';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { ApiException, type KubeConfig } from '@kubernetes/client-node';
import { credentialSource, type Credentials } from './credentialSnapshot';
import type { KeepAliveAgent } from './keepAliveAgent';

const gunzipped = promisify(gunzip);

export type KubeVerb = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface KubeRequest {
  /** The server-relative path, e.g. `/api/v1/namespaces/a/configmaps/b`. */
  path: string;
  /** Query parameters; undefined values are left out. */
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  /** The body's media type; JSON unless a patch says which kind it is. */
  contentType?: string;
}

export interface RequestSettings {
  userAgent: string;
  timeoutMs: number;
  /** How long one credential step serves later requests (credentialSnapshot.ts; default REUSE_MS). */
  credentialReuseMs?: number;
}

/** Sends one request and answers the parsed JSON body (undefined when empty); `server` is the cluster's URL. */
export type KubeRequester = ((method: KubeVerb, req: KubeRequest) => Promise<unknown>) & { server: string };

export function createKubeRequester(kc: KubeConfig, keepAlive: KeepAliveAgent, settings: RequestSettings): KubeRequester {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  const server = cluster.server.replace(/\/+$/, '');
  const endpoint = endpointOf(server);
  const credentials = credentialSource(kc, server, settings.credentialReuseMs === undefined ? {} : { reuseMs: settings.credentialReuseMs });
  const requester = async (method: KubeVerb, { path, query = {}, body, contentType = 'application/json' }: KubeRequest) => {
    const target = endpoint.basePath + path + queryString(query);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    // client-node's own step, reused for a second: credentials into headers, TLS and proxy into an agent.
    const exchange = (auth: Credentials) => {
      const headers: Record<string, string | number> = {
        ...auth.headers,
        Accept: 'application/json',
        'Accept-Encoding': 'gzip',
        'User-Agent': settings.userAgent,
        // Always sized: Node would send a DELETE's body neither chunked nor sized.
        ...(payload === undefined ? {} : { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(payload) }),
      };
      const agent = keepAlive.agentFor(auth.agent) as Agent | undefined;
      return send(endpoint, { method, path: target, headers, agent }, payload, settings.timeoutMs);
    };
    const kept = await credentials();
    let { res, text } = await exchange(kept);
    // A token kept from the last second may have expired since (an exec plugin's, say): the server
    // refused who we are, not the request, so the step is taken afresh and the request sent once more.
    if (res.statusCode === 401) {
      credentials.forget(kept);
      ({ res, text } = await exchange(await credentials()));
    }
    const status = res.statusCode ?? 0;
    if (status >= 200 && status <= 299) return text === '' ? undefined : JSON.parse(text);
    throw new ApiException(status, 'Unsuccessful HTTP Request', parsedOrText(text), flatHeaders(res));
  };
  return Object.assign(requester, { server: cluster.server });
}

/**
 * The cluster's URL taken apart once. A URL object and an AbortSignal.timeout per request cost
 * about 0.025 ms of CPU per request (bench/transport.bench.ts: the requester took 32-33 ms of CPU
 * per 200 dry-run applies before, 28-29 after, plain HTTPS 24-25); a sync of 200 sends 400.
 */
interface Endpoint {
  request: typeof httpsRequest;
  /** protocol, hostname (IPv6 without brackets), port: what http.request wants. */
  options: RequestOptions;
  /** A path the server URL has (a proxy's prefix), without a trailing slash. */
  basePath: string;
}

function endpointOf(server: string): Endpoint {
  const url = new URL(server);
  const { protocol, hostname, port } = urlToHttpOptions(url);
  return {
    request: url.protocol === 'http:' ? httpRequest : httpsRequest,
    options: { protocol, hostname, ...(port ? { port } : {}) },
    basePath: url.pathname.replace(/\/+$/, ''),
  };
}

/** `?a=1&b=2` of the values given (undefined ones left out), or '' for none. */
function queryString(query: NonNullable<KubeRequest['query']>): string {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(query)) if (value !== undefined) pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
}

interface SendOptions {
  method: KubeVerb;
  path: string;
  headers: Record<string, string | number>;
  agent: Agent | undefined;
}

/** The error a request past its timeout fails with: what AbortSignal.timeout gives, as under node-fetch. */
function timeoutError(): DOMException {
  return new DOMException('The operation was aborted due to timeout', 'TimeoutError');
}

/**
 * The response and its whole body, within `timeoutMs` for the whole exchange (body included); past
 * it the request is destroyed and fails with a TimeoutError. A connection cut mid-body fails the
 * read with the connection's own error (test/integration/kube/kubeRequest.test.ts cuts one).
 */
function send(endpoint: Endpoint, { method, path, headers, agent }: SendOptions, payload: string | undefined, timeoutMs: number): Promise<{ res: IncomingMessage; text: string }> {
  return new Promise((resolve, reject) => {
    let timedOut = false;
    const req = endpoint.request({ ...endpoint.options, method, path, headers, agent });
    const timer = setTimeout(() => {
      timedOut = true;
      req.destroy(timeoutError());
    }, timeoutMs);
    // Like AbortSignal.timeout's: the timer alone does not keep the process alive.
    timer.unref();
    const fail = (err: unknown) => {
      clearTimeout(timer);
      reject(timedOut ? timeoutError() : err);
    };
    req.on('response', (res: IncomingMessage) => {
      bodyText(res).then((text) => {
        clearTimeout(timer);
        resolve({ res, text });
      }, fail);
    });
    req.on('error', fail);
    req.end(payload);
  });
}

/** The whole body, unzipped once it is in; read from the response itself, so that its errors are the connection's. */
async function bodyText(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  return (res.headers['content-encoding'] === 'gzip' ? await gunzipped(raw) : raw).toString('utf8');
}

/** The Status object the server sends with a refusal, or the text when it is not JSON. */
function parsedOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function flatHeaders(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}
