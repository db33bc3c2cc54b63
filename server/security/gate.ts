import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiError, ErrorCode } from '../../lib/protocol/errors';
import { httpStatusForCode } from '../../lib/protocol/errors';
import { hostAllowed, sameOrigin } from './host-origin';
import { RateLimiter } from './rate-limit';
import { readCookie, SESSION_COOKIE, SessionStore } from './sessions';
import { tokensEqual } from './token-store';

export interface GateOptions {
  allowedHosts: Set<string>;
  scheme: 'http' | 'https';
  /** null when auth is off (`--no-auth`, loopback only). */
  token: string | null;
  readOnly: boolean;
}

export type Principal = 'session' | 'bearer' | 'anonymous';

export type Verdict =
  | { ok: true; principal: Principal }
  | { ok: false; status: number; body: ApiError; headers?: Record<string, string>; redirect?: string };

/** Paths anyone may load: the login page and the static build output it needs. */
const PUBLIC_PATHS = [/^\/login\/?$/, /^\/_next\/static\//, /^\/favicon\.ico$/, /^\/api\/auth\/(login|status)$/];
const SAFE_METHODS = new Set(['GET', 'HEAD']);
export const CSRF_HEADER = 'x-dockside-csrf';

const deny = (code: ErrorCode, message: string, extra: Partial<Extract<Verdict, { ok: false }>> = {}): Verdict => ({
  ok: false,
  status: httpStatusForCode[code],
  body: { code, message },
  ...extra,
});

/**
 * Every HTTP request and every upgrade passes here before Next or the WebSocket sees it. Auth is
 * enforced in the server itself, not in Next middleware, so no header trick in Next can skip it.
 */
export class Gate {
  readonly sessions = new SessionStore();
  readonly loginLimiter = new RateLimiter(10, 60_000);

  constructor(readonly opts: GateOptions) {}

  get authEnabled(): boolean {
    return this.opts.token !== null;
  }

  checkToken(candidate: string): boolean {
    return this.opts.token !== null && tokensEqual(candidate, this.opts.token);
  }

  /** Who is asking: a browser session, a script with a bearer token, or nobody we know. */
  principal(req: IncomingMessage): Principal | null {
    if (!this.authEnabled) return 'anonymous';
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ') && this.checkToken(auth.slice(7).trim())) return 'bearer';
    if (this.sessions.touch(readCookie(req.headers.cookie, SESSION_COOKIE))) return 'session';
    return null;
  }

  check(req: IncomingMessage, kind: 'http' | 'upgrade'): Verdict {
    const target = req.url ?? '';
    // Only origin-form targets: an absolute-form URL ("GET http://evil/ HTTP/1.1") is how proxy-style SSRF starts.
    if (!target.startsWith('/') || target.startsWith('//')) return deny('bad_request', 'Malformed request target.');
    if (!hostAllowed(req, this.opts.allowedHosts)) {
      return { ok: false, status: 421, body: { code: 'forbidden', message: `Unknown host "${req.headers.host ?? ''}". Open Dockside through the address it printed at start.` } };
    }
    const url = new URL(target, 'http://x');
    const isApi = url.pathname.startsWith('/api/');
    const method = (req.method ?? 'GET').toUpperCase();
    const mutation = kind === 'upgrade' || !SAFE_METHODS.has(method);

    if (isApi && url.searchParams.has('token')) {
      return deny('bad_request', 'Tokens are never accepted in a URL of the API. Send "Authorization: Bearer <token>".');
    }

    // A page URL carrying ?token= is the sign-in link: handleAuthRoute exchanges it for a session.
    const isSignInLink = kind === 'http' && !isApi && method === 'GET' && url.searchParams.has('token');
    const isPublic = isSignInLink || (kind === 'http' && PUBLIC_PATHS.some((re) => re.test(url.pathname)));
    const who = this.principal(req);
    if (!who && !isPublic) {
      if (kind === 'http' && !isApi && SAFE_METHODS.has(method)) {
        const next = url.pathname === '/' ? '' : `?next=${encodeURIComponent(url.pathname + url.search)}`;
        return deny('unauthorized', 'Sign in first.', { redirect: `/login${next}` });
      }
      return deny('unauthorized', 'Sign in to Dockside first: open the URL with the token that Dockside printed at start.');
    }

    if (mutation && who !== 'bearer') {
      // Cookies ride along with cross-site requests; these checks make sure our own page sent it.
      const same = sameOrigin(req, this.opts.scheme);
      if (!same.ok) return deny('forbidden', same.why ?? 'Cross-origin request refused.');
      if (kind === 'http' && req.headers[CSRF_HEADER] !== '1') {
        return deny('forbidden', `Requests that change something must carry the ${CSRF_HEADER} header.`);
      }
    }
    if (mutation && kind === 'http' && isApi && method !== 'POST' && method !== 'DELETE' && method !== 'PUT' && method !== 'PATCH') {
      return deny('bad_request', `Method ${method} is not allowed.`);
    }
    if (this.opts.readOnly && mutation && kind === 'http' && isApi && !url.pathname.startsWith('/api/auth/')) {
      return deny('forbidden', 'Dockside runs in read-only mode: views, logs and stats only.');
    }
    return { ok: true, principal: who ?? 'anonymous' };
  }
}

export function writeVerdict(res: ServerResponse, v: Extract<Verdict, { ok: false }>): void {
  if (v.redirect) {
    res.writeHead(302, { Location: v.redirect, 'Cache-Control': 'no-store' });
    res.end();
    return;
  }
  res.writeHead(v.status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...v.headers });
  res.end(JSON.stringify(v.body));
}
