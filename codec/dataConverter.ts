// The data converter every hooksync process uses (CLI, library client, worker, codec server):
// AES-GCM encryption when a key ring is configured, and failure messages moved into payloads.
import type { DataConverter, PayloadCodec } from '@temporalio/common';
import { AesGcmCodec } from './aesGcmCodec';
import { keyRingFromEnv, type KeyRing } from './keyRing';

/** Path of the module the workflow bundle loads its failure converter from. */
export const failureConverterPath = require.resolve('./failureConverter');

export function payloadCodecs(ring: KeyRing | undefined): PayloadCodec[] {
  return ring ? [new AesGcmCodec(ring)] : [];
}

export function hooksyncDataConverter(ring: KeyRing | undefined = keyRingFromEnv()): DataConverter {
  return { payloadCodecs: payloadCodecs(ring), failureConverterPath };
}
