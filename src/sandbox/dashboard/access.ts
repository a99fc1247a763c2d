/**
 * Who may see the dashboard. Without a token (the sandbox on loopback) anyone who reaches it
 * by a loopback name (127.0.0.1, localhost, [::1]): the `Host` check keeps a web page that
 * re-points its own domain at 127.0.0.1 (DNS rebinding) from reading it. With a token, a
 * browser gives it once (a form, or `?token=`) and gets an HttpOnly cookie naming a random
 * dashboard session; scripts may send `Authorization: Bearer <token>` instead.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

/** Browser sessions kept at most (the oldest is dropped beyond). */
const MAX_SESSIONS = 1000;

const digest = (text: string) => createHash('sha256').update(text).digest();

/** True for 127.0.0.0/8, ::1 and localhost names. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return (
    bare === 'localhost' ||
    bare.endsWith('.localhost') ||
    bare === '::1' ||
    /^127(\.\d{1,3}){3}$/.test(bare)
  );
}

/** The host name of a `Host` header (`127.0.0.1:8080` → `127.0.0.1`, `[::1]:80` → `[::1]`). */
function hostName(header: string | undefined): string {
  if (!header) return '';
  try {
    return new URL(`http://${header}`).hostname;
  } catch {
    return '';
  }
}

export type Verdict = 'allowed' | 'needs-token' | 'wrong-host';

export class DashboardAccess {
  /** Per sandbox, so two sandboxes on one host (cookies ignore ports) do not clash. */
  readonly cookieName = `covage_dashboard_${randomBytes(4).toString('hex')}`;
  private readonly sessions = new Set<string>();
  private readonly tokenDigest: Buffer | undefined;

  constructor(token: string | undefined) {
    this.tokenDigest = token === undefined ? undefined : digest(token);
  }

  get tokenRequired(): boolean {
    return this.tokenDigest !== undefined;
  }

  /** Compares in constant time (on digests, so the lengths match). */
  tokenMatches(candidate: string | undefined): boolean {
    if (this.tokenDigest === undefined || candidate === undefined) return false;
    return timingSafeEqual(digest(candidate), this.tokenDigest);
  }

  verdict(c: Context): Verdict {
    if (!this.tokenRequired)
      return isLoopbackHost(hostName(c.req.header('host'))) ? 'allowed' : 'wrong-host';
    const session = getCookie(c, this.cookieName);
    if (session !== undefined && this.sessions.has(session)) return 'allowed';
    const bearer = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    return this.tokenMatches(bearer) ? 'allowed' : 'needs-token';
  }

  /** Opens a browser session: sets its HttpOnly cookie on the answer. */
  open(c: Context) {
    const session = randomBytes(24).toString('base64url');
    this.sessions.add(session);
    if (this.sessions.size > MAX_SESSIONS) {
      const oldest = this.sessions.values().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    setCookie(c, this.cookieName, session, { httpOnly: true, sameSite: 'Strict', path: '/' });
  }
}
