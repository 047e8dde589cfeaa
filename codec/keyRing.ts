// The AES-256 keys of the payload codec, by key id. Text form, one key a line: `id:base64key`
// (blank lines and `#` comments allowed). The last line is the current key: new payloads are
// encrypted with it, and every key listed still decrypts. Rotating = appending a new line; a key
// is retired by deleting its line once no history that needs it is kept.
import { readFileSync } from 'node:fs';
import { CodecSettingError } from './codecSettingError';

export const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface KeyRing {
  currentId: string;
  keys: ReadonlyMap<string, Buffer>;
}

export class KeyRingError extends CodecSettingError {}

/** Parses key text; `source` names where it came from in error messages (never the key itself). */
export function parseKeyRing(text: string, source: string): KeyRing {
  const keys = new Map<string, Buffer>();
  let currentId = '';
  text.split(/[\n,]/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [id, key] = parseKeyLine(line, `${source}, entry ${index + 1}`);
    if (keys.has(id)) throw new KeyRingError(`${source}: key id "${id}" appears twice`);
    keys.set(id, key);
    currentId = id;
  });
  if (keys.size === 0) throw new KeyRingError(`${source}: no key; expected lines of the form id:base64key`);
  return { currentId, keys };
}

function parseKeyLine(line: string, where: string): [string, Buffer] {
  const colon = line.indexOf(':');
  const id = line.slice(0, Math.max(colon, 0));
  if (!KEY_ID.test(id)) throw new KeyRingError(`${where}: expected id:base64key with an id of letters, digits, '.', '_' or '-'`);
  const encoded = line.slice(colon + 1);
  const key = Buffer.from(encoded, 'base64');
  if (key.length !== KEY_BYTES || key.toString('base64') !== encoded) {
    throw new KeyRingError(`${where}: key "${id}" must be ${KEY_BYTES} bytes in base64 (e.g. head -c 32 /dev/urandom | base64)`);
  }
  return [id, key];
}

/**
 * The key ring the environment names: HOOKSYNC_CODEC_KEYS (the key text itself, entries separated
 * by newlines or commas) or HOOKSYNC_CODEC_KEY_FILE (a file of it). Undefined when neither is set:
 * payloads then travel unencrypted.
 */
export function keyRingFromEnv(env: NodeJS.ProcessEnv = process.env): KeyRing | undefined {
  if (env.HOOKSYNC_CODEC_KEYS) return parseKeyRing(env.HOOKSYNC_CODEC_KEYS, 'HOOKSYNC_CODEC_KEYS');
  const file = env.HOOKSYNC_CODEC_KEY_FILE;
  if (!file) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new KeyRingError(`cannot read the codec key file ${file} (HOOKSYNC_CODEC_KEY_FILE): ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return parseKeyRing(text, file);
}
