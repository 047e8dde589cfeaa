// Payload metadata values are bytes; the codecs write and read them as UTF-8 text.
export const text = (value: string): Uint8Array => new TextEncoder().encode(value);
export const readText = (bytes: Uint8Array | null | undefined): string | undefined => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);
