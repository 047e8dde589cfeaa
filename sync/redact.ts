// What may be said about an object in a message (reliability notes §4.3). A Secret's values
// must never reach a message, log line, search attribute, memo or exception: this is the one place
// that knows what those values look like, and the one function every message built from a
// Kubernetes error or object goes through. Pure, so the CLI, activities and tests share it.
import { type KubeObject } from './manifest';

export const REDACTED = '[redacted]';
/** Shorter values are too likely to occur by chance; Secret messages drop server text anyway. */
const MIN_SEARCHED_LENGTH = 4;

export function isSecret(object: Pick<KubeObject, 'apiVersion' | 'kind'>): boolean {
  return object.kind === 'Secret' && object.apiVersion === 'v1';
}

function utf8ToBase64(text: string): string {
  return btoa(Array.from(new TextEncoder().encode(text), (b) => String.fromCharCode(b)).join(''));
}

function base64ToUtf8(encoded: string): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0)));
  } catch {
    return undefined; // not base64 or not text: the encoded form is searched for anyway
  }
}

const stringValues = (map: unknown): string[] =>
  map !== null && typeof map === 'object' ? Object.values(map).filter((v): v is string => typeof v === 'string') : [];

/** Every form a Secret's values can take in text: as written, base64, decoded, JSON-escaped. */
export function secretValues(object: KubeObject | undefined): string[] {
  if (!object || !isSecret(object)) return [];
  const forms = new Set<string>();
  for (const encoded of stringValues(object.data)) {
    forms.add(encoded);
    const decoded = base64ToUtf8(encoded);
    if (decoded !== undefined) forms.add(decoded);
  }
  for (const plain of stringValues(object.stringData)) {
    forms.add(plain);
    forms.add(utf8ToBase64(plain));
  }
  for (const form of [...forms]) forms.add(JSON.stringify(form).slice(1, -1));
  return [...forms].filter((f) => f.length >= MIN_SEARCHED_LENGTH).sort((a, b) => b.length - a.length);
}

/** `text` with every occurrence of the given values replaced, longest first. */
export function redactValues(text: string, values: readonly string[]): string {
  return values.reduce((out, value) => out.split(value).join(REDACTED), text);
}

/** `text` with the values of `object` (when it is a Secret) redacted. */
export function redactFor(text: string, object: KubeObject | undefined): string {
  return redactValues(text, secretValues(object));
}
