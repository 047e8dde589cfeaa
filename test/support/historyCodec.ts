// Histories and the codec in replay tests: whether a recorded history holds encrypted payloads,
// the data converter to replay it with, and encrypting a plain history's payloads (to prove that
// an encrypted history replays with its key and fails without it).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { ENCRYPTED_ENCODING } from '../../codec/aesGcmCodec';
import { codecConfigFromEnv, hooksyncDataConverter } from '../../codec/dataConverter';
import { payloadsFromJson, payloadsToJson } from '../../codec/payloadJson';
import { runDir } from './paths';

const ENCRYPTED_B64 = Buffer.from(ENCRYPTED_ENCODING).toString('base64');

export function hasEncryptedPayloads(historyJson: string): boolean {
  return historyJson.includes(ENCRYPTED_B64);
}

/**
 * The converter workers use; the dev key ring only for a history with encrypted payloads. Such a
 * history replays only where its key is: commit histories recorded without encryption.
 */
export function replayConverter(historyJson: string): DataConverter {
  if (!hasEncryptedPayloads(historyJson)) return hooksyncDataConverter({});
  const keyFile = join(runDir(), 'codec-keys');
  if (!existsSync(keyFile)) throw new Error(`history has encrypted payloads and there is no dev key ring at ${keyFile}`);
  return hooksyncDataConverter(codecConfigFromEnv({ HOOKSYNC_CODEC_KEY_FILE: keyFile }));
}

type Json = Record<string, unknown>;

/** Applies `codec.encode` to every payload of a history in `temporal workflow show -o json` form. */
export function encodeHistoryPayloads(history: Json, codec: PayloadCodec): Promise<Json> {
  return mapHistoryPayloads(history, (p) => codec.encode(p));
}

/** Applies `codec.decode`: a history recorded on the encrypting dev env, made fit to commit. */
export function decodeHistoryPayloads(history: Json, codec: PayloadCodec): Promise<Json> {
  return mapHistoryPayloads(history, (p) => codec.decode(p));
}

async function mapHistoryPayloads(history: Json, code: (payloads: Payload[]) => Promise<Payload[]>): Promise<Json> {
  const walk = async (value: unknown, key: string): Promise<unknown> => {
    if (key === 'searchAttributes') return value; // never encoded, as on the server
    if (Array.isArray(value)) return Promise.all(value.map((v) => walk(v, '')));
    if (typeof value !== 'object' || value === null) return value;
    const record = value as Json;
    if (typeof (record.metadata as Json | undefined)?.encoding === 'string') {
      const [payload]: Payload[] = await code(payloadsFromJson({ payloads: [record] }));
      return payloadsToJson([payload]).payloads[0];
    }
    const out: Json = {};
    for (const [k, v] of Object.entries(record)) out[k] = await walk(v, k);
    return out;
  };
  return (await walk(history, '')) as Json;
}
