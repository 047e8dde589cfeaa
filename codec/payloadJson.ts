// The JSON form of payloads in Temporal's remote codec protocol: `{ payloads: [{ metadata: {k:
// base64}, data: base64 }] }`, the shape the Web UI and `temporal` CLI send to a codec server.
import type { Payload } from '@temporalio/common';

export interface PayloadJson {
  metadata?: Record<string, string>;
  data?: string;
}

export class BadPayloadJson extends Error {}

const b64 = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('base64');

export function payloadsFromJson(body: unknown): Payload[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadPayloadJson('expected a JSON object with a "payloads" array');
  // Protobuf's JSON leaves an empty list out: `{}` is no payloads (an update without arguments).
  const list = (body as { payloads?: unknown }).payloads ?? [];
  if (!Array.isArray(list)) throw new BadPayloadJson('expected a JSON object with a "payloads" array');
  return list.map((item: PayloadJson, i) => {
    if (typeof item !== 'object' || item === null) throw new BadPayloadJson(`payloads[${i}] is not an object`);
    const metadata: Record<string, Uint8Array> = {};
    for (const [key, value] of Object.entries(item.metadata ?? {})) {
      if (typeof value !== 'string') throw new BadPayloadJson(`payloads[${i}].metadata.${key} is not a base64 string`);
      metadata[key] = Buffer.from(value, 'base64');
    }
    return { metadata, data: Buffer.from(typeof item.data === 'string' ? item.data : '', 'base64') };
  });
}

export function payloadsToJson(payloads: Payload[]): { payloads: PayloadJson[] } {
  return {
    payloads: payloads.map((p) => ({
      metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, b64(v)])),
      data: b64(p.data),
    })),
  };
}
