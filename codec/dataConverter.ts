// The data converter every hooksync process uses (CLI, library client, worker, codec server):
// compression of large payloads, AES-GCM encryption when a key ring is configured, then the
// claim-check stage for large payloads, and failure messages moved into payloads so they are
// encrypted too.
import type { DataConverter, PayloadCodec } from '@temporalio/common';
import { AesGcmCodec } from './aesGcmCodec';
import type { BlobStore } from './blobStore';
import { ClaimCheckCodec } from './claimCheckCodec';
import { CodecSettingError } from './codecSettingError';
import { DeflateCodec } from './deflateCodec';
import { keyRingFromEnv, type KeyRing } from './keyRing';
import { LocalBlobStore } from './localBlobStore';

/** Path of the module the workflow bundle loads its failure converter from. */
export const failureConverterPath = require.resolve('./failureConverter');

export interface CodecConfig {
  ring?: KeyRing;
  store?: BlobStore;
  /** false: read compressed payloads but write none (a rolling upgrade while older readers remain). */
  compress?: boolean;
}

/** HOOKSYNC_CODEC_KEY_FILE / HOOKSYNC_CODEC_KEYS, HOOKSYNC_CLAIM_CHECK_DIR and HOOKSYNC_CODEC_COMPRESS (`off`). */
export function codecConfigFromEnv(env: NodeJS.ProcessEnv = process.env): CodecConfig {
  const dir = env.HOOKSYNC_CLAIM_CHECK_DIR;
  return { ring: keyRingFromEnv(env), ...(dir ? { store: new LocalBlobStore(dir) } : {}), compress: compressionFromEnv(env.HOOKSYNC_CODEC_COMPRESS) };
}

function compressionFromEnv(value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'on') return true;
  if (value === 'off') return false;
  throw new CodecSettingError(`HOOKSYNC_CODEC_COMPRESS is "${value}"; expected on (the default) or off (read compressed payloads, write none)`);
}

/** Encode order: compress, encrypt, then swap large ciphertexts for references. Decode runs in reverse. */
export function payloadCodecs({ ring, store, compress = true }: CodecConfig): PayloadCodec[] {
  return [new DeflateCodec({ encode: compress }), ...(ring ? [new AesGcmCodec(ring)] : []), new ClaimCheckCodec(store)];
}

export function hooksyncDataConverter(config: CodecConfig = codecConfigFromEnv()): DataConverter {
  return { payloadCodecs: payloadCodecs(config), failureConverterPath };
}
