// Every HTTP response this process receives while some work runs, read from Node's
// `http.client.response.finish` diagnostics channel: what the server sent, seen independently of
// the client code under test.
import diagnostics from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';

export type ResponseListener = (request: ClientRequest, response: IncomingMessage) => void;

/** Runs `work`, calling `listener` for every response that arrives meanwhile. */
export async function whileWatchingResponses<T>(listener: ResponseListener, work: () => Promise<T>): Promise<T> {
  const onFinish = (message: unknown) => {
    const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
    listener(request, response);
  };
  diagnostics.subscribe('http.client.response.finish', onFinish);
  try {
    return await work();
  } finally {
    diagnostics.unsubscribe('http.client.response.finish', onFinish);
  }
}
