// What `hooksync codec-server` does (codecServerCommand.ts defines it); loaded when it runs.
import { readFileSync } from 'node:fs';
import { listen, createCodecServer } from '../../codec/codecServer';
import { codecConfigFromEnv, payloadCodecs } from '../../codec/dataConverter';
import { CodecSettingError } from '../../codec/codecSettingError';
import { CliError, EXIT } from './cliCommon';

export interface CodecServerFlags {
  host: string;
  port: string;
  uiOrigin: string[];
  tokenFile?: string;
}

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
    if (err instanceof CodecSettingError) throw new CliError(err.message, EXIT.badInput);
    throw err;
  }
}

export async function codecServerCommand(opts: CodecServerFlags): Promise<number> {
  const token = readToken(opts.tokenFile);
  const server = createCodecServer({ codecs: codecsOrFail(), token, allowedOrigins: opts.uiOrigin });
  const address = await listen(server, Number(opts.port), opts.host);
  console.log(`hooksync codec server on http://${address.address}:${address.port} (POST /encode, /decode; CORS for ${opts.uiOrigin.join(', ') || 'no origin'})`);
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => resolve()));
  });
  return EXIT.ok;
}
