// Walks a history as `temporal workflow show -o json` prints it and lists the payloads that are
// neither encrypted nor claim-check references. Search attributes are never encoded by design (they must stay indexable), so
// they are left out; they hold app, cluster, sync id and phase only.
// A claim-check reference holds only the digest of an encrypted blob.
const PROTECTED = new Set(['binary/encrypted', 'binary/claim-check'].map((e) => Buffer.from(e).toString('base64')));
const NEVER_ENCODED = new Set(['searchAttributes']);

/**
 * A `patched()` marker's `patch-data` is written by the SDK's core, outside the data converter: it
 * holds only the patch id (a constant of workflows/syncWorkflow.ts) and a deprecated flag. It is
 * let by only when it holds exactly that.
 */
function isPatchMarkerData(path: string, record: Record<string, unknown>): boolean {
  if (!path.includes('.markerRecordedEventAttributes.details.patch-data.')) return false;
  try {
    const data = JSON.parse(Buffer.from(String(record.data ?? ''), 'base64').toString()) as Record<string, unknown>;
    return Object.keys(data).sort().join(',') === 'deprecated,id' && /^[a-z-]+$/.test(String(data.id));
  } catch {
    return false;
  }
}

interface Found {
  plaintext: string[];
  total: number;
}

function isPayload(value: Record<string, unknown>): boolean {
  const metadata = value.metadata as Record<string, unknown> | undefined;
  return typeof metadata === 'object' && metadata !== null && typeof metadata.encoding === 'string';
}

export function plaintextPayloads(history: unknown): Found {
  const found: Found = { plaintext: [], total: 0 };
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${path}[${i}]`));
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    if (isPayload(record)) {
      found.total++;
      const encoding = (record.metadata as Record<string, string>).encoding;
      if (!PROTECTED.has(encoding) && !isPatchMarkerData(path, record)) found.plaintext.push(`${path} (${Buffer.from(encoding, 'base64').toString()})`);
      return;
    }
    for (const [key, child] of Object.entries(record)) {
      if (!NEVER_ENCODED.has(key)) walk(child, `${path}.${key}`);
    }
  };
  walk(history, '$');
  return found;
}
