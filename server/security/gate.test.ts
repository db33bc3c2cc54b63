import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { Gate, parseTarget } from './gate';
import { allowedHostSet } from './host-origin';

const TOKEN = 'a'.repeat(64);
const HOST = '127.0.0.1:3000';
const ORIGIN = `http://${HOST}`;

function gate(readOnly = false) {
  return new Gate({ allowedHosts: allowedHostSet('127.0.0.1', 3000, []), scheme: 'http', token: TOKEN, readOnly });
}
const req = (method: string, url: string, headers: Record<string, string> = {}) =>
  ({ method, url, headers: { host: HOST, ...headers }, socket: { remoteAddress: '127.0.0.1' } }) as unknown as IncomingMessage;
const bearer = { authorization: `Bearer ${TOKEN}` };

function status(g: Gate, r: IncomingMessage, kind: 'http' | 'upgrade' = 'http') {
  const v = g.check(r, kind);
  return v.ok ? 'ok' : v.redirect ? `redirect ${v.redirect}` : v.status;
}

describe('Gate', () => {
  it('refuses targets that are not origin-form, before anything else', () => {
    const g = gate();
    for (const url of ['http://127.0.0.1:3000/api/containers', '//evil/api', '*', '/api\\..\\x']) expect(status(g, req('GET', url, bearer))).toBe(400);
  });

  it('checks Host before auth: a valid token does not help a foreign Host', () => {
    expect(status(gate(), req('GET', '/api/containers', { ...bearer, host: 'evil.example:3000' }))).toBe(421);
    expect(status(gate(), req('GET', '/ws', { ...bearer, host: '127.1:3000' }), 'upgrade')).toBe(421);
  });

  it('answers 405 to methods an API or page does not take (no CORS preflight)', () => {
    const g = gate();
    expect(status(g, req('OPTIONS', '/api/containers', bearer))).toBe(405);
    expect(status(g, req('TRACE', '/api/containers', bearer))).toBe(405);
    expect(status(g, req('POST', '/containers', bearer))).toBe(405);
  });

  it('never takes a token from a URL except the sign-in link of a page', () => {
    const g = gate();
    expect(status(g, req('GET', `/api/containers?token=${TOKEN}`))).toBe(400);
    expect(status(g, req('GET', `/api/containers?%74oken=${TOKEN}`))).toBe(400);
    expect(status(g, req('GET', `/ws?token=${TOKEN}`, { origin: ORIGIN }), 'upgrade')).toBe(400);
    expect(status(g, req('GET', `/containers?token=${TOKEN}`))).toBe('ok');
  });

  it('needs a credential everywhere but the login page; pages redirect, the API says 401', () => {
    const g = gate();
    expect(status(g, req('GET', '/api/containers'))).toBe(401);
    expect(status(g, req('GET', '/ws', { origin: ORIGIN }), 'upgrade')).toBe(401);
    expect(status(g, req('GET', '/containers'))).toBe('redirect /login?next=%2Fcontainers');
    expect(status(g, req('GET', '/login'))).toBe('ok');
    // The static files of public/ that a signed-out browser asks for: harmless, so public.
    expect(status(g, req('GET', '/robots.txt'))).toBe('ok');
    expect(status(g, req('GET', '/icon.svg'))).toBe('ok');
    // Only those exact paths: nothing else under the root passes unauthenticated.
    expect(status(g, req('GET', '/robots.txt.bak'))).toBe('redirect /login?next=%2Frobots.txt.bak');
    expect(status(g, req('POST', '/api/robots.txt'))).toBe(401);
    expect(status(g, req('GET', '/api/containers', { authorization: 'Bearer nope' }))).toBe(401);
    expect(status(g, req('GET', '/api/containers', bearer))).toBe('ok');
  });

  it('refuses near-miss tokens without throwing: one character off, too long, or multi-byte of the same length', () => {
    const g = gate();
    for (const wrong of [`${'a'.repeat(63)}b`, `${TOKEN}a`, 'a'.repeat(63), `${'a'.repeat(63)}é`, '€'.repeat(64), '']) {
      expect(status(g, req('GET', '/api/containers', { authorization: `Bearer ${wrong}` }))).toBe(401);
      expect(g.checkToken(wrong)).toBe(false);
    }
    expect(g.checkToken(TOKEN)).toBe(true);
  });

  it('needs our origin and the CSRF header for cookie mutations and upgrades; bearer calls need neither', () => {
    const g = gate();
    const cookie = `dockside_session=${g.sessions.create()}`;
    const post = (h: Record<string, string>) => status(g, req('POST', '/api/prune/containers', { cookie, ...h }));
    expect(post({ origin: ORIGIN, 'x-dockside-csrf': '1' })).toBe('ok');
    expect(post({ origin: ORIGIN })).toBe(403);
    expect(post({ 'x-dockside-csrf': '1' })).toBe(403);
    expect(post({ origin: 'null', 'x-dockside-csrf': '1' })).toBe(403);
    expect(post({ origin: 'http://127.0.0.1:3001', 'x-dockside-csrf': '1' })).toBe(403);
    expect(post({ origin: ORIGIN, 'x-dockside-csrf': '1', 'sec-fetch-site': 'same-site' })).toBe(403);
    expect(status(g, req('GET', '/ws', { cookie, origin: ORIGIN }), 'upgrade')).toBe('ok');
    expect(status(g, req('GET', '/ws', { cookie }), 'upgrade')).toBe(403);
    expect(status(g, req('GET', '/api/containers', { cookie, 'sec-fetch-site': 'cross-site' }))).toBe(403);
    expect(status(g, req('POST', '/api/prune/containers', bearer))).toBe('ok');
  });

  it('in read-only mode refuses mutations and exporting reads, not views', () => {
    const g = gate(true);
    expect(status(g, req('POST', '/api/prune/containers', bearer))).toBe(403);
    expect(status(g, req('DELETE', '/api/containers/x', bearer))).toBe(403);
    expect(status(g, req('GET', '/api/containers/x/export', bearer))).toBe(403);
    expect(status(g, req('GET', '/api/containers/x/archive?path=/etc', bearer))).toBe(403);
    expect(status(g, req('GET', '/api/images/busybox/save', bearer))).toBe(403);
    expect(status(g, req('GET', '/api/containers', bearer))).toBe('ok');
    expect(status(g, req('GET', '/api/containers/x/logs', bearer))).toBe('ok');
  });

  it('names sessions in the audit log by a hash, never the id', () => {
    const g = gate();
    const sid = g.sessions.create();
    const who = g.actor(req('POST', '/api/x', { cookie: `dockside_session=${sid}` }));
    expect(who).toMatch(/^session:[0-9a-f]{8}$/);
    expect(who).not.toContain(sid.slice(0, 8));
    expect(g.actor(req('POST', '/api/x'))).toBe('unauthenticated');
  });
});

describe('Gate dot segments', () => {
  it.each(['/api/containers/..', '/api/containers/%2E%2E/x', '/api/./containers', '/api/containers/.%2e', '/containers/%2e'])('refuses %s', (url) => {
    expect(gate().check(req('GET', url, bearer), 'http')).toMatchObject({ ok: false, status: 400 });
  });
  it.each(['/api/containers/a..b', '/api/containers/.hidden', '/_next/static/chunks/x..y.js'])('accepts %s', (url) => {
    expect(gate().check(req('GET', url, bearer), 'http').ok).toBe(true);
  });
});

describe('parseTarget', () => {
  /** What WHATWG URL makes of a target: the slow path, which the plain-target shortcut must match. */
  const byUrl = (target: string) => {
    const url = new URL(target, 'http://x');
    return { pathname: url.pathname, search: url.search, hasToken: url.search.length > 1 && url.searchParams.has('token') };
  };
  it.each([
    '/', '/containers', '/containers?', '/containers?token=abc', '/?token', '/?token&x=1', '/?x=1&token=', '/?xtoken=1', '/?tokens=1',
    '/?tok=1', '/?a=token', '/api/containers?all=1&size=0', '/api/containers/abc_def-1.2/logs', '/a//b', '/x~y/z.js',
    '/_next/static/chunks/0g8c01wikxr3k.js', '/?token=a=b', '/?=token', '/?&token', '/a..b/c',
    // Not plain: these go through URL itself.
    '/?%74oken=1', '/?to%6Ben', '/?token+=1', '/a%20b', '/a b', '/é', '/?x=%E2%82%AC', '/a#frag', '/a?b#token',
  ])('%s parses as URL would', (target) => {
    expect(parseTarget(target)).toEqual(byUrl(target));
  });
  it('refuses percent-encoding that is not UTF-8', () => {
    expect(parseTarget('/api/%C0%AF')).toBeNull();
  });
});
