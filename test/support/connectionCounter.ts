// Counts, for this whole process, the HTTP requests sent to one server and how many of them had to
// open a new connection. It listens on Node's `http.client.request.start` diagnostics channel and
// reads each request's documented `reusedSocket` flag, so it sees every agent alike: a shared
// keep-alive agent and the throw-away agents client-node builds per request. It needs no hook in
// the code under test, so it cannot be fooled by that code counting wrongly.
import diagnostics from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';

export interface ConnectionCount {
  requests: number;
  newConnections: number;
}

export interface ConnectionCounter {
  /** Counts from now on; the numbers so far are dropped. */
  reset(): void;
  read(): ConnectionCount;
  stop(): void;
}

const CHANNEL = 'http.client.request.start';

/** `server` is the kubeconfig's URL (https://host:port); watches are left out (`watch=true`). */
export function countConnections(server: string): ConnectionCounter {
  const { host } = new URL(server);
  let count: ConnectionCount = { requests: 0, newConnections: 0 };
  const decide = (request: ClientRequest) => {
    count.requests++;
    if (!request.reusedSocket) count.newConnections++;
  };
  const onStart = (message: unknown) => {
    const { request } = message as { request: ClientRequest };
    if (request.getHeader('host') !== host || request.path.includes('watch=true')) return;
    // A request queued behind a full pool gets its socket later; the flag is set by then.
    if (request.socket) decide(request);
    else request.once('socket', () => decide(request));
  };
  diagnostics.subscribe(CHANNEL, onStart);
  return {
    reset: () => { count = { requests: 0, newConnections: 0 }; },
    read: () => ({ ...count }),
    stop: () => { diagnostics.unsubscribe(CHANNEL, onStart); },
  };
}
