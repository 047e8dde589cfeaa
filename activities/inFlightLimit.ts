// At most `limit` Kubernetes requests of one KubeClient on the wire at once; the rest wait here, not
// in the keep-alive agent. A request that waits in the agent is handed the socket of the response
// that just ended, before that response has emitted 'close'; node-fetch 2.7 (client-node's HTTP
// library) takes the new request's listener on the socket for a chunked body cut short and fails
// the old response with "Premature close" (node-fetch#1767). With 50 syncs at once every request
// past the 32 sockets failed that way (an integration test reproduces it: test/integration/kube).
// A slot is given back only on the turn of the event loop after its call settled, by when the
// socket is back in the agent's free list, so a waiting request finds it idle.

export type InFlightLimit = <T>(call: () => Promise<T>) => Promise<T>;

export function inFlightLimit(limit: number): InFlightLimit {
  let running = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next(); // the slot passes on as it is: `running` stays
    else running--;
  };
  const acquire = () => {
    if (running < limit) {
      running++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => waiting.push(resolve));
  };
  return async (call) => {
    await acquire();
    try {
      return await call();
    } finally {
      setImmediate(release);
    }
  };
}
