// How the `hooksync` process ends, the one way every command uses. On Linux a write to a pipe is
// asynchronous: what does not fit in the pipe's buffer (64 KiB) waits in Node's stream, and a
// plain process.exit drops it. So the exit waits until stdout and stderr have handed everything
// to the OS; only then does it end the process, whatever handles (a gRPC channel, a watch) remain.

type Output = Pick<NodeJS.WritableStream, 'write'> & { destroyed?: boolean; writable?: boolean };

/**
 * Resolves once everything written to `stream` so far has left it. Writes complete in order, so
 * the callback of an empty write comes after those of all earlier ones; a stream that failed (the
 * reader went away: EPIPE) calls it with the error, which ends the wait too.
 */
export function flushed(stream: Output): Promise<void> {
  if (stream.destroyed || stream.writable === false) return Promise.resolve();
  return new Promise((resolve) => {
    stream.write('', () => resolve());
  });
}

/** Ends the process with `code` once stdout and stderr are flushed. */
export async function exitWhenFlushed(code: number): Promise<never> {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}
