// `hooksync codec-server`: serves Temporal's remote codec protocol with the environment's key ring,
// for the Temporal Web UI (--ui-codec-endpoint) and `temporal workflow show --codec-endpoint`.
import { readFileSync } from 'node:fs';
import { type Command } from 'commander';
import { listen, createCodecServer } from '../codec/codecServer';
import { codecConfigFromEnv, payloadCodecs } from '../codec/dataConverter';
import { KeyRingError } from '../codec/keyRing';
import { CliError, EXIT } from './cliCommon';

interface CodecServerFlags {
  host: string;
  port: string;
  uiOrigin: string[];
  tokenFile?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** The bearer token: --token-file, HOOKSYNC_CODEC_TOKEN_FILE, or HOOKSYNC_CODEC_TOKEN itself. */
function readToken(flag: string | undefined): string {
  const file = flag ?? process.env.HOOKSYNC_CODEC_TOKEN_FILE;
  const token = file ? readTokenFile(file) : process.env.HOOKSYNC_CODEC_TOKEN?.trim();
  if (!token || token.length < 16) {
    throw new CliError('the codec server needs a bearer token of at least 16 characters: --token-file, HOOKSYNC_CODEC_TOKEN_FILE or HOOKSYNC_CODEC_TOKEN', EXIT.badInput);
  }
  return token;
}

function readTokenFile(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new CliError(`cannot read the token file ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, EXIT.badInput);
  }
}

function codecsOrFail() {
  try {
    const config = codecConfigFromEnv();
    if (!config.ring) throw new CliError('no codec keys: set HOOKSYNC_CODEC_KEY_FILE or HOOKSYNC_CODEC_KEYS', EXIT.badInput);
    return payloadCodecs(config);
  } catch (err) {
    if (err instanceof KeyRingError) throw new CliError(err.message, EXIT.badInput);
    throw err;
  }
}

async function codecServerCommand(opts: CodecServerFlags): Promise<number> {
  const token = readToken(opts.tokenFile);
  const server = createCodecServer({ codecs: codecsOrFail(), token, allowedOrigins: opts.uiOrigin });
  const address = await listen(server, Number(opts.port), opts.host);
  console.log(`hooksync codec server on http://${address.address}:${address.port} (POST /encode, /decode; CORS for ${opts.uiOrigin.join(', ') || 'no origin'})`);
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => resolve()));
  });
  return EXIT.ok;
}

export function addCodecServerCommand(cli: Command): void {
  const defaultUi = process.env.HOOKSYNC_TEMPORAL_UI ?? 'http://127.0.0.1:8233';
  cli.command('codec-server').description('decode and encode payloads for the Temporal UI and CLI (remote codec protocol)')
    .option('--host <ip>', 'address to listen on (loopback unless you put it behind authentication and TLS)', '127.0.0.1')
    .option('--port <port>', 'port to listen on', process.env.HOOKSYNC_CODEC_PORT ?? '8235')
    .option('--ui-origin <origin>', `origin allowed to call from a browser (repeatable; default ${defaultUi})`, collect, [])
    .option('--token-file <file>', 'file holding the bearer token (HOOKSYNC_CODEC_TOKEN_FILE)')
    .action(async (opts: CodecServerFlags) => {
      if (opts.uiOrigin.length === 0) opts.uiOrigin = [defaultUi];
      process.exitCode = await codecServerCommand(opts);
    });
}
