// `hooksync codec-server`: Temporal's remote codec protocol (POST /encode, POST /decode) over the
// same codecs as workers and clients, so the Web UI and `temporal` CLI can show payloads to those
// who hold the token. It decrypts anything it is sent, hence: loopback by default, a bearer token
// on every call, and CORS only for the UI's own origin.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { isAuthorised, sessionCookie, tokenMatches } from './bearerToken';
import { BadPayloadJson, payloadsFromJson, payloadsToJson } from './payloadJson';

export interface CodecServerOptions {
  /** Applied in order to encode and in reverse to decode, as a DataConverter's payloadCodecs. */
  codecs: PayloadCodec[];
  token: string;
  /** Origins allowed to call from a browser, e.g. http://127.0.0.1:8233 (the Temporal UI). */
  allowedOrigins: string[];
  /** Largest request body accepted. */
  maxBodyBytes?: number;
}

const DEFAULT_MAX_BODY = 16 * 1024 * 1024;

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

type Transform = (payloads: Payload[]) => Promise<Payload[]>;

function transforms(codecs: PayloadCodec[]): Record<string, Transform> {
  return {
    '/encode': async (payloads) => {
      for (const codec of codecs) payloads = await codec.encode(payloads);
      return payloads;
    },
    '/decode': async (payloads) => {
      for (const codec of [...codecs].reverse()) payloads = await codec.decode(payloads);
      return payloads;
    },
  };
}

function corsHeaders(req: IncomingMessage, allowed: string[]): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin || !allowed.includes(origin)) return { Vary: 'Origin' };
  return {
    Vary: 'Origin',
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Namespace',
    'Access-Control-Max-Age': '600',
  };
}

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, `request body over ${limit} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'request body is not JSON');
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const type = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
  res.writeHead(status, { ...headers, 'Content-Type': type, 'Cache-Control': 'no-store' }).end(text);
}

async function handle(req: IncomingMessage, res: ServerResponse, opts: CodecServerOptions, routes: Record<string, Transform>): Promise<void> {
  const cors = corsHeaders(req, opts.allowedOrigins);
  const url = new URL(req.url ?? '/', 'http://codec.invalid');
  if (req.headers.origin && !cors['Access-Control-Allow-Origin']) throw new HttpError(403, 'origin not allowed');
  if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
  if (req.method === 'GET' && url.pathname === '/session') {
    if (!tokenMatches(url.searchParams.get('token') ?? undefined, opts.token)) throw new HttpError(401, 'token required');
    return send(res, 200, 'codec server session set: enable "Include cross-origin credentials" in the Temporal UI codec settings\n', { ...cors, 'Set-Cookie': sessionCookie(opts.token) });
  }
  const route = routes[url.pathname];
  if (!route || req.method !== 'POST') throw new HttpError(404, 'POST /encode or /decode');
  if (!isAuthorised(req, opts.token)) throw new HttpError(401, 'bearer token required');
  const payloads = payloadsFromJson(await readJson(req, opts.maxBodyBytes ?? DEFAULT_MAX_BODY));
  send(res, 200, payloadsToJson(await route(payloads)), cors);
}

export function createCodecServer(opts: CodecServerOptions): Server {
  const routes = transforms(opts.codecs);
  return createServer((req, res) => {
    handle(req, res, opts, routes).catch((err: unknown) => {
      // Messages name what was wrong with the request, never payload content.
      const status = err instanceof HttpError ? err.status : err instanceof BadPayloadJson ? 400 : 422;
      const message = err instanceof Error ? err.message : 'failed';
      send(res, status, { message }, corsHeaders(req, opts.allowedOrigins));
    });
  });
}

/** Listens on host:port (port 0 picks one); resolves with the address actually bound. */
export async function listen(server: Server, port: number, host = '127.0.0.1'): Promise<AddressInfo> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server.address() as AddressInfo;
}
