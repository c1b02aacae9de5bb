// The per-run secret of browser mode. Anything on this machine can reach a loopback port
// (other users, other browsers' pages), so the token — not the address — is what makes
// the server answer only the page VirtWire printed.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_COOKIE, TOKEN_PARAM } from '../../shared/api/wire.ts';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison; hashing first hides the expected length as well. */
export function tokenMatches(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(expected), digest(given));
}

function cookieToken(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === TOKEN_COOKIE) return part.slice(eq + 1).trim();
  }
  return null;
}

export function queryToken(url: URL): string | null {
  return url.searchParams.get(TOKEN_PARAM);
}

/** The page's first load carries the token in the query; later requests carry the cookie set then. */
export function requestHasToken(expected: string, req: IncomingMessage, url: URL): boolean {
  return tokenMatches(expected, queryToken(url)) || tokenMatches(expected, cookieToken(req));
}

export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}
