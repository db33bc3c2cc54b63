import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { readCookie } from '../../lib/protocol/cookie';
import { runtime } from '../runtime';
import { SESSION_COOKIE } from './sessions';
import type { Gate } from './gate';
import { MAX_PASSWORD_LENGTH } from './password';

const MAX_LOGIN_BODY = 4096;
const SESSION_MAX_AGE_S = 12 * 3600;
/** `token` is whatever the user pasted: the access token or, when one is set, the password. */
const loginBodySchema = z.union([z.object({ token: z.string().min(1).max(MAX_PASSWORD_LENGTH) }), z.object({ password: z.string().min(1).max(MAX_PASSWORD_LENGTH) })]);

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

function sessionCookie(gate: Gate, value: string, maxAge: number): string {
  const secure = gate.opts.scheme === 'https' ? '; Secure' : '';
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`;
}

async function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const clientKey = (req: IncomingMessage) => req.socket.remoteAddress ?? 'unknown';

function rateLimited(res: ServerResponse, wait: number): void {
  json(res, 429, { code: 'rate_limited', message: `Too many failed sign-in attempts. Try again in ${wait} s.` }, { 'Retry-After': String(wait) });
}

/**
 * The server's own auth endpoints (they sit in front of Next, like the gate):
 * - `GET <page>?token=…` exchanges the printed token for a session cookie and redirects to the
 *   same page without the token, so it never stays in history, logs or a Referer.
 * - `POST /api/auth/login {token}` for the "paste your token or password" form; failures are rate-limited.
 * - `POST /api/auth/logout`; `GET /api/auth/status`.
 * Returns true when it answered the request.
 */
export async function handleAuthRoute(gate: Gate, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://x');
  const method = req.method ?? 'GET';

  if ((method === 'GET' || method === 'HEAD') && !url.pathname.startsWith('/api/') && url.searchParams.has('token')) {
    const token = url.searchParams.get('token') ?? '';
    url.searchParams.delete('token');
    const clean = url.pathname + (url.searchParams.size ? `?${url.searchParams}` : '');
    const wait = gate.loginLimiter.retryAfter(clientKey(req));
    const valid = wait === 0 && gate.checkToken(token);
    if (!valid) {
      if (wait === 0) gate.loginLimiter.fail(clientKey(req));
      res.writeHead(302, { Location: `/login?error=${wait > 0 ? 'rate_limited' : 'invalid_token'}`, 'Cache-Control': 'no-store' });
      res.end();
      return true;
    }
    res.writeHead(303, { Location: clean, 'Set-Cookie': sessionCookie(gate, gate.sessions.create(), SESSION_MAX_AGE_S), 'Cache-Control': 'no-store' });
    res.end();
    return true;
  }

  if (url.pathname === '/api/auth/status') {
    if (method !== 'GET' && method !== 'HEAD') return json(res, 405, { code: 'bad_request', message: 'Use GET.' }, { Allow: 'GET, HEAD' }), true;
    // tokenPath: the sign-in page names where the token really is (DOCKSIDE_CONFIG_DIR moves it); the
    // person reading it started Dockside and can read that file, so the path itself is no secret.
    json(res, 200, { authEnabled: gate.authEnabled, passwordEnabled: gate.passwordEnabled, signedIn: gate.principal(req) !== null, tokenPath: runtime()?.tokenPath });
    return true;
  }

  if (url.pathname === '/api/auth/login') {
    if (method !== 'POST') return json(res, 405, { code: 'bad_request', message: 'Use POST.' }, { Allow: 'POST' }), true;
    const key = clientKey(req);
    const wait = gate.loginLimiter.retryAfter(key);
    if (wait > 0) return rateLimited(res, wait), true;
    if (!req.headers['content-type']?.startsWith('application/json')) {
      return json(res, 415, { code: 'bad_request', message: 'Send the body as application/json.' }), true;
    }
    const raw = await readBody(req, MAX_LOGIN_BODY);
    if (raw === null) return json(res, 413, { code: 'payload_too_large', message: 'Request body too large.' }), true;
    let secret: string | null = null;
    try {
      const r = loginBodySchema.safeParse(JSON.parse(raw));
      secret = r.success ? ('token' in r.data ? r.data.token : r.data.password) : null;
    } catch {
      secret = null;
    }
    if (secret === null) return json(res, 400, { code: 'bad_request', message: 'Send {"token": "…"} as JSON.' }), true;
    if (!(await gate.checkSecret(secret))) {
      gate.loginLimiter.fail(key);
      const what = gate.passwordEnabled ? 'That is neither the token nor the password.' : 'That token is not right.';
      json(res, 401, { code: 'unauthorized', message: `${what} Copy the token from the terminal where Dockside started.` });
      return true;
    }
    json(res, 200, { ok: true }, { 'Set-Cookie': sessionCookie(gate, gate.sessions.create(), SESSION_MAX_AGE_S) });
    return true;
  }

  if (url.pathname === '/api/auth/logout') {
    if (method !== 'POST') return json(res, 405, { code: 'bad_request', message: 'Use POST.' }, { Allow: 'POST' }), true;
    gate.sessions.destroy(readCookie(req.headers.cookie, SESSION_COOKIE));
    json(res, 200, { ok: true }, { 'Set-Cookie': sessionCookie(gate, '', 0) });
    return true;
  }
  return false;
}
