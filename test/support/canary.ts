// Canary values for the leak tests (reliability notes S1–S3): every form a value can take in an
// artefact (as written, base64, and base64 nested inside a base64 blob at any alignment), and a
// scanner that counts them in text or raw bytes.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface Canary {
  /** Goes into stringData as written. */
  plain: string;
  /** Goes into data, base64-encoded. */
  data: string;
  /** Every searched form of both. */
  forms: string[];
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/**
 * The base64 of `text` wherever it starts inside a longer encoded blob: three alignments, each cut
 * to the characters that depend on `text` alone. A plain JSON payload in `temporal workflow show
 * -o json` appears this way.
 */
export function base64Variants(text: string): string[] {
  return [0, 1, 2].map((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), Buffer.from(text, 'utf8')]).toString('base64').replace(/=+$/, '');
    const start = Math.ceil((offset * 4) / 3);
    const end = Math.floor(((offset + Buffer.byteLength(text)) * 4) / 3);
    return encoded.slice(start, end);
  });
}

export function newCanary(): Canary {
  const plain = `hscanary${randomBytes(6).toString('hex')}`;
  const data = `hsdata${randomBytes(6).toString('hex')}`;
  const written = [plain, data, b64(plain), b64(data)];
  const forms = [...new Set([...written, ...written.flatMap(base64Variants)])];
  return { plain, data, forms };
}

/** Occurrences of every form in `text`, by form; only forms found at least once are listed. */
export function findCanary(canary: Canary, text: string | Buffer): Record<string, number> {
  const haystack = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const found: Record<string, number> = {};
  for (const form of canary.forms) {
    let count = 0;
    for (let at = haystack.indexOf(form); at >= 0; at = haystack.indexOf(form, at + 1)) count++;
    if (count > 0) found[form] = count;
  }
  return found;
}

export function findCanaryInFiles(canary: Canary, files: string[]): Record<string, Record<string, number>> {
  return Object.fromEntries(files.map((f) => [f, findCanary(canary, readFileSync(f))]));
}
