import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiError, ErrorCode } from '../../lib/protocol/errors';
import { httpStatusForCode } from '../../lib/protocol/errors';
import { readCookie } from '../../lib/protocol/cookie';
import { fetchSite, hostAllowed, sameOrigin } from './host-origin';
import { verifyPassword } from './password';
import { RateLimiter } from './rate-limit';
import { SESSION_COOKIE, SessionStore } from './sessions';
import { matchesToken } from './token-store';

export interface GateOptions {
  allowedHosts: Set<string>;
  scheme: 'http' | 'https';
  /** null when auth is off (`--no-auth`, loopback only). */
  token: string | null;
  readOnly: boolean;
  /** The stored password hash, if the user set one (`set-password`); read on each sign-in. */
  passwordHash?: () => string | null;
  /** Where sessions persist across restarts (config dir); in memory only when absent. */
  sessionFile?: string;
}

export type Principal = 'session' | 'bearer' | 'anonymous';

/** Who is asking: the kind, and a stable name for limits and the audit log (never a secret). */
export interface Identity {
  principal: Principal;
  /** `session:<8 hex of the session id's hash>`, `bearer` or `anonymous`. */
  subject: string;
}

export type Verdict =
  | ({ ok: true } & Identity)
  | { ok: false; status: number; body: ApiError; headers?: Record<string, string>; redirect?: string };

/** Paths anyone may load: the login page and the static build output it needs. */
const PUBLIC_PATHS = [/^\/login\/?$/, /^\/_next\/static\//, /^\/favicon\.ico$/, /^\/icon\.svg$/, /^\/robots\.txt$/, /^\/api\/auth\/(login|status)$/];
const SAFE_METHODS = new Set(['GET', 'HEAD']);
const API_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_HEADER = 'x-dockside-csrf';
const DOT_SEGMENT = /(^|\/)(\.|%2e){1,2}(?=\/|$)/i;

/**
 * Reads that hand out data wholesale (container export, `docker cp` archives, image save) count as
 * mutations for `--read-only`: read-only means views, logs and stats, not "copy everything out".
 * Any route added later whose path ends like this is covered without touching the gate.
 */
export const READ_ONLY_REFUSED_READS = [/\/export\/?$/, /\/archive\/?$/, /\/save\/?$/, /\/files\/download\/?$/, /^\/api\/images\/get\/?$/];

const deny = (code: ErrorCode, message: string, extra: Partial<Extract<Verdict, { ok: false }>> = {}): Verdict => ({
  ok: false,
  status: httpStatusForCode[code],
  body: { code, message },
  ...extra,
});

const methodNotAllowed = (method: string, allow: string): Verdict => ({
  ok: false,
  status: 405,
  body: { code: 'bad_request', message: `Method ${method.slice(0, 20)} is not allowed here.` },
  headers: { Allow: allow },
});

/** What the gate needs of a request target. */
export interface ParsedTarget {
  pathname: string;
  search: string;
  /** A `token` query parameter, however spelled (`?%74oken=` too). */
  hasToken: boolean;
}

/**
 * Targets of only these characters are their own pathname and query: nothing to decode, nothing
 * WHATWG URL parsing would rewrite (dot segments are refused before this), and every query key is
 * literal. Every request the UI makes after a page load looks like this; it runs per request, so
 * it skips building a URL (measured: BENCHMARKS.md, figure 1).
 */
const PLAIN_TARGET = /^\/[\w\-./~]*(\?[\w\-.~=&]*)?$/;
const TOKEN_PARAM = /[?&]token(?:[=&]|$)/;

/** Pathname, query and whether a token rides in it; null for a target nobody should send. */
export function parseTarget(target: string): ParsedTarget | null {
  if (PLAIN_TARGET.test(target)) {
    const q = target.indexOf('?');
    const search = q < 0 || q === target.length - 1 ? '' : target.slice(q);
    return { pathname: q < 0 ? target : target.slice(0, q), search, hasToken: TOKEN_PARAM.test(search) };
  }
  try {
    const url = new URL(target, 'http://x');
    // Percent-encoding that is not UTF-8 (`%C0%AF`, overlong `/`) would make Next throw later.
    decodeURIComponent(url.pathname);
    return { pathname: url.pathname, search: url.search, hasToken: url.search.length > 1 && url.searchParams.has('token') };
  } catch {
    return null;
  }
}

/**
 * Every HTTP request and every upgrade passes here before Next or the WebSocket sees it. Auth is
 * enforced in the server itself, not in Next middleware, so no header trick in Next can skip it.
 * Order: request-target form → Host → method → token-in-URL → auth → origin/CSRF → read-only.
 */
export class Gate {
  readonly sessions: SessionStore;
  readonly loginLimiter = new RateLimiter(10, 60_000);
  /** Encoded once: every request with a bearer token is compared against it. */
  private readonly tokenBytes: Buffer | null;

  constructor(readonly opts: GateOptions) {
    this.sessions = new SessionStore(opts.sessionFile);
    this.tokenBytes = opts.token === null ? null : Buffer.from(opts.token, 'utf8');
  }

  get authEnabled(): boolean {
    return this.opts.token !== null;
  }

  checkToken(candidate: string): boolean {
    return this.tokenBytes !== null && matchesToken(candidate, this.tokenBytes);
  }

  get passwordEnabled(): boolean {
    return this.authEnabled && Boolean(this.opts.passwordHash?.());
  }

  /** The sign-in form takes the token (constant-time compare) or the password (scrypt verify). */
  async checkSecret(candidate: string): Promise<boolean> {
    if (!this.authEnabled) return false;
    if (this.checkToken(candidate.trim())) return true;
    const hash = this.opts.passwordHash?.();
    return hash ? verifyPassword(candidate, hash) : false;
  }

  /** A browser session, a script with a bearer token, or nobody we know (null). */
  identify(req: IncomingMessage): Identity | null {
    if (!this.authEnabled) return { principal: 'anonymous', subject: 'anonymous' };
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ') && this.checkToken(auth.slice(7).trim())) return { principal: 'bearer', subject: 'bearer' };
    const sid = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (this.sessions.touch(sid)) {
      return { principal: 'session', subject: `session:${crypto.createHash('sha256').update(sid!).digest('hex').slice(0, 8)}` };
    }
    return null;
  }

  principal(req: IncomingMessage): Principal | null {
    return this.identify(req)?.principal ?? null;
  }

  check(req: IncomingMessage, kind: 'http' | 'upgrade'): Verdict {
    const target = req.url ?? '';
    // Only origin-form targets: an absolute-form URL ("GET http://evil/ HTTP/1.1") is how proxy-style SSRF starts.
    if (!target.startsWith('/') || target.startsWith('//') || target.includes('\\')) return deny('bad_request', 'Malformed request target.');
    // Browsers resolve dot segments before sending; a raw or encoded `..` only comes from someone
    // hoping a layer below normalises it into another route.
    if (DOT_SEGMENT.test(target.split(/[?#]/)[0]!)) return deny('bad_request', 'Dot segments ("." or "..") are not allowed in a path.');
    if (!hostAllowed(req, this.opts.allowedHosts)) {
      return { ok: false, status: 421, body: { code: 'forbidden', message: `Unknown host "${(req.headers.host ?? '').slice(0, 100)}". Open Dockside through the address it printed at start.` } };
    }
    const url = parseTarget(target);
    if (!url) return deny('bad_request', 'Malformed request target.');
    const isApi = url.pathname.startsWith('/api/');
    const method = (req.method ?? 'GET').toUpperCase();
    const mutation = kind === 'upgrade' || !SAFE_METHODS.has(method);

    if (kind === 'http') {
      if (isApi && !API_METHODS.has(method)) return methodNotAllowed(method, [...API_METHODS].join(', '));
      // Pages only render: no form posts or server actions reach Next.
      if (!isApi && !SAFE_METHODS.has(method)) return methodNotAllowed(method, 'GET, HEAD');
    }

    // A page URL carrying ?token= is the sign-in link: handleAuthRoute exchanges it for a session.
    // Anywhere else — the API, the socket — a token in the URL is refused, because URLs get logged.
    const tokenInUrl = url.hasToken;
    const isSignInLink = tokenInUrl && kind === 'http' && !isApi && SAFE_METHODS.has(method);
    if (tokenInUrl && !isSignInLink) {
      return deny('bad_request', 'Tokens are never accepted in a URL. Send "Authorization: Bearer <token>", or sign in through the page.');
    }

    const who = this.identify(req);
    const isPublic = () => isSignInLink || (kind === 'http' && PUBLIC_PATHS.some((re) => re.test(url.pathname)));
    if (!who && !isPublic()) {
      if (kind === 'http' && !isApi && SAFE_METHODS.has(method)) {
        const next = url.pathname === '/' ? '' : `?next=${encodeURIComponent(url.pathname + url.search)}`;
        return deny('unauthorized', 'Sign in first.', { redirect: `/login${next}` });
      }
      return deny('unauthorized', 'Sign in to Dockside first: open the URL with the token that Dockside printed at start.');
    }

    if (who?.principal !== 'bearer') {
      // Cookies ride along with requests from other sites and other localhost ports (same-site);
      // these checks make sure our own page sent it. Bearer calls cannot come from a browser page
      // without a CORS preflight, which we never answer.
      if (mutation) {
        const same = sameOrigin(req, this.opts.scheme);
        if (!same.ok) return deny('forbidden', same.why ?? 'Cross-origin request refused.');
        if (kind === 'http' && req.headers[CSRF_HEADER] !== '1') {
          return deny('forbidden', `Requests that change something must carry the ${CSRF_HEADER}: 1 header.`);
        }
      } else if (isApi) {
        const site = fetchSite(req);
        if (site === 'cross-site' || site === 'same-site') return deny('forbidden', `API reads from another site are refused (Sec-Fetch-Site: ${site}).`);
      }
    }

    if (this.opts.readOnly && kind === 'http' && isApi && !url.pathname.startsWith('/api/auth/')) {
      if (mutation) return deny('forbidden', 'Dockside runs in read-only mode: views, logs and stats only.');
      if (READ_ONLY_REFUSED_READS.some((re) => re.test(url.pathname))) {
        return deny('forbidden', 'Dockside runs in read-only mode: exporting data (export, archive, save) is refused.');
      }
    }
    return { ok: true, ...(who ?? { principal: 'anonymous', subject: 'public' }) };
  }

  /** The audit log's "who" for any request, including refused ones. */
  actor(req: IncomingMessage): string {
    return this.identify(req)?.subject ?? 'unauthenticated';
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
