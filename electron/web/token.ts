// The per-run secret of browser mode. Anything on this machine can reach a loopback port
// (other users, other browsers' pages), so the token — not the address — is what makes
// the server answer only the page VirtWire printed. It travels in the URL only: the page
// reads it from its own address and presents it on the API socket. It is never put in a
// cookie, because cookies are not scoped by port and every other 127.0.0.1 site would get it.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { TOKEN_PARAM } from '../../shared/api/wire.ts';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison; hashing first hides the expected length as well. */
export function tokenMatches(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(expected), digest(given));
}

export function queryToken(url: URL): string | null {
  return url.searchParams.get(TOKEN_PARAM);
}
