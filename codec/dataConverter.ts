// The data converter every hooksync process uses (CLI, library client, worker, codec server):
// AES-GCM encryption when a key ring is configured, then the claim-check stage for large payloads,
// and failure messages moved into payloads so they are encrypted too.
import type { DataConverter, PayloadCodec } from '@temporalio/common';
import { AesGcmCodec } from './aesGcmCodec';
import type { BlobStore } from './blobStore';
import { ClaimCheckCodec } from './claimCheckCodec';
import { keyRingFromEnv, type KeyRing } from './keyRing';
import { LocalBlobStore } from './localBlobStore';

/** Path of the module the workflow bundle loads its failure converter from. */
export const failureConverterPath = require.resolve('./failureConverter');

export interface CodecConfig {
  ring?: KeyRing;
  store?: BlobStore;
}

/** HOOKSYNC_CODEC_KEY_FILE / HOOKSYNC_CODEC_KEYS, and HOOKSYNC_CLAIM_CHECK_DIR. */
export function codecConfigFromEnv(env: NodeJS.ProcessEnv = process.env): CodecConfig {
  const dir = env.HOOKSYNC_CLAIM_CHECK_DIR;
  return { ring: keyRingFromEnv(env), ...(dir ? { store: new LocalBlobStore(dir) } : {}) };
}

/** Encode order: encrypt, then swap large ciphertexts for references. Decode runs in reverse. */
export function payloadCodecs({ ring, store }: CodecConfig): PayloadCodec[] {
  return [...(ring ? [new AesGcmCodec(ring)] : []), new ClaimCheckCodec(store)];
}

export function hooksyncDataConverter(config: CodecConfig = codecConfigFromEnv()): DataConverter {
  return { payloadCodecs: payloadCodecs(config), failureConverterPath };
}
