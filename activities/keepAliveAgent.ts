// One keep-alive HTTPS agent per cluster. client-node builds a fresh https.Agent for every request
// (from the kubeconfig's CA, client certificate and key), so every request paid a TCP and TLS
// handshake (15-17 ms here, against ~3 ms on an open connection). The KubeClient hands each
// request's fresh agent to `agentFor`, which answers with one long-lived agent carrying the same
// TLS material. Authentication headers (tokens, exec plugins) stay client-node's, per request.
//
// The TLS material is compared on every request, not copied once: client-node re-reads the
// kubeconfig's files each time and an exec plugin may hand out a new client certificate, so a
// rotated certificate or CA gets a new agent (the old one's idle sockets simply time out).
import type { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent, type AgentOptions } from 'node:https';

/**
 * At most this many requests are on the wire at once; more wait in the agent for a free socket.
 * Watches never count against it: they keep client-node's own agent, one connection each (see
 * changeWatch.ts), so any number of long-lived watches cannot starve the requests.
 */
export const MAX_SOCKETS = 32;
/**
 * An idle connection is closed after this long: well inside the API server's own idle limit (90 s,
 * measured on the KWOK cluster's kube-apiserver), so that no request goes out on a socket that the
 * server is closing at that moment.
 */
export const IDLE_SOCKET_MS = 30_000;

// What client-node copies from the kubeconfig into the agent it builds (config.js, createAgent).
const TLS_FIELDS = ['ca', 'cert', 'key', 'pfx', 'passphrase', 'rejectUnauthorized', 'servername'] as const;
type TlsMaterial = Pick<AgentOptions, (typeof TLS_FIELDS)[number]>;

export interface KeepAliveAgent {
  /** The agent to send a request with, given the one client-node built for it. */
  agentFor(perRequest: HttpAgent | undefined): HttpAgent | undefined;
}

export function createKeepAliveAgent(): KeepAliveAgent {
  let shared: { agent: HttpsAgent; tls: TlsMaterial } | undefined;
  return {
    agentFor(perRequest) {
      // A proxy agent (hpagent, socks) or plain HTTP is left as client-node made it.
      if (!perRequest || Object.getPrototypeOf(perRequest) !== HttpsAgent.prototype) return perRequest;
      const tls = tlsMaterial((perRequest as HttpsAgent).options);
      if (!shared || !sameMaterial(shared.tls, tls)) {
        shared = { agent: new HttpsAgent({ ...tls, keepAlive: true, maxSockets: MAX_SOCKETS, timeout: IDLE_SOCKET_MS }), tls };
      }
      return shared.agent;
    },
  };
}

function tlsMaterial(options: AgentOptions): TlsMaterial {
  const tls: Record<string, unknown> = {};
  for (const field of TLS_FIELDS) {
    // Absent stays absent: an explicit `rejectUnauthorized: undefined` would still mean "verify",
    // but NODE_TLS_REJECT_UNAUTHORIZED must keep working as it does for client-node.
    if (options[field] !== undefined) tls[field] = options[field];
  }
  return tls as TlsMaterial;
}

function sameMaterial(a: TlsMaterial, b: TlsMaterial): boolean {
  return TLS_FIELDS.every((field) => sameValue(a[field], b[field]));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  return a === b;
}
