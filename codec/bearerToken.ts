// Who may use the codec server: a request that carries the shared token, either as
// `Authorization: Bearer <token>` (CLI, scripts) or as the session cookie that `/session` sets for
// a browser (the Temporal UI can send cookies to a codec server, not arbitrary headers).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'hooksync-codec-session';

// Comparing digests keeps the comparison constant-time whatever the lengths.
const digest = (value: string) => createHash('sha256').update(value).digest();

export function tokenMatches(given: string | undefined, token: string): boolean {
  return given !== undefined && given !== '' && timingSafeEqual(digest(given), digest(token));
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export function isAuthorised(req: IncomingMessage, token: string): boolean {
  const header = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  return tokenMatches(header, token) || tokenMatches(cookie(req, SESSION_COOKIE), token);
}

/** The cookie for a browser that proved it holds the token; same-site only, invisible to scripts. */
export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
}
