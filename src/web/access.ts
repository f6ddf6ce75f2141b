/**
 * Who may read the pages. Without a token the server listens on loopback only and answers only requests addressed
 * to a loopback name (a web page elsewhere cannot reach it through DNS rebinding). With a token, every request
 * must carry it: `Authorization: Bearer …`, `?token=…` (which also sets a same-site cookie, so links keep working),
 * or that cookie.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { WebError } from './web-error.js';

/** The cookie a page visit with `?token=` sets. */
export const TOKEN_COOKIE = 'newsdedup_token';

/** True when a listen address is a loopback one (127.0.0.0/8, ::1, localhost). */
export function isLoopbackAddress(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare) || bare.endsWith('.localhost');
}

/** The host name of a Host header, without its port. */
function hostName(header: string): string {
  if (header.startsWith('[')) return header.slice(0, header.indexOf(']') + 1);
  return header.replace(/:\d*$/, '').toLowerCase();
}

/** What a request carried. */
export interface RequestCredentials {
  host: string | undefined;
  authorization: string | undefined;
  cookie: string | undefined;
  queryToken: string | undefined;
}

/** How a request was let in: `viaQuery` when the token came in the URL (the page then sets the cookie). */
export type Access = { viaQuery: boolean };

/** Checks a request against the token (or, without one, against the loopback Host rule); throws a 400/401 WebError. */
export function checkAccess(token: string | null, request: RequestCredentials): Access {
  if (token === null) {
    if (request.host === undefined || !isLoopbackAddress(hostName(request.host))) {
      throw new WebError(
        'bad_host',
        'this server answers only requests to localhost or 127.0.0.1 (start it with --auth-token to serve other names)',
      );
    }
    return { viaQuery: false };
  }
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.authorization ?? '')?.[1];
  if (bearer !== undefined && sameToken(bearer, token)) return { viaQuery: false };
  if (request.queryToken !== undefined && sameToken(request.queryToken, token)) return { viaQuery: true };
  const cookie = cookieValue(request.cookie, TOKEN_COOKIE);
  if (cookie !== null && sameToken(cookie, token)) return { viaQuery: false };
  throw new WebError(
    'unauthorized',
    'this server needs its access token: send "Authorization: Bearer <token>" or open the page once with ?token=<token>',
  );
}

/** The Set-Cookie value that lets a browser that came with `?token=` follow links. */
export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`;
}

// Hashing first gives equal lengths, so the comparison takes the same time whatever the guess.
function sameToken(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) {
      try {
        return decodeURIComponent(rest.join('='));
      } catch {
        return null;
      }
    }
  }
  return null;
}
