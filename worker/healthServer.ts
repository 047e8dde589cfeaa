// GET /healthz (live) and GET /readyz (ready) for a supervisor's probes (probes.ts), on their own
// small HTTP server: the SDK's Prometheus exporter serves only /metrics. Anything else is a 404.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { liveness, readiness, type ProbeStatus } from './probes';
import type { ListenAddress } from './productionOptions';

export interface HealthServer {
  /** The port it listens on (the one the system chose, for port 0). */
  port: number;
  close(): Promise<void>;
}

/** Listens at `address`; `status` is read on each probe (undefined while the worker is being made). */
export async function startHealthServer(address: ListenAddress, status: () => ProbeStatus | undefined): Promise<HealthServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const probe = req.method !== 'GET' ? undefined : path === '/healthz' ? liveness : path === '/readyz' ? readiness : undefined;
    const { code, body } = probe ? probe(status()) : { code: 404, body: 'GET /healthz or /readyz\n' };
    res.writeHead(code, { 'content-type': probe ? 'application/json' : 'text/plain', 'cache-control': 'no-store' }).end(body);
  });
  await listen(server, address).catch((err: NodeJS.ErrnoException) => {
    throw new Error(`the health endpoint cannot listen on ${address.host}:${address.port}: ${err.code ?? err.message}`, { cause: err });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}

function listen(server: Server, { host, port }: ListenAddress): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => { server.off('error', reject); resolve(); });
  });
}
