import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectState } from '../support/docker-cli';
import { startDockside, type RunningServer } from '../support/dockside-server';
import { apiRoutes, bearer, engineFixture, fill, MUTATING, ownPage, raw, signIn, tryUpgrade } from './support';

// CSRF and cross-site WebSocket hijacking: the browser attaches the session cookie to requests from
// other sites and from other localhost ports (same-site); only our own page may change anything.
let server: RunningServer;
let fx: ReturnType<typeof engineFixture>;
let cookie: string;
let self: string;

beforeAll(async () => {
  fx = engineFixture('sec-xsite');
  server = await startDockside();
  cookie = await signIn(server);
  self = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server?.stop();
  fx?.cleanupAll();
});

const stopBody = JSON.stringify({ action: 'stop', timeout: 0 });
const stopPath = () => `/api/containers/${fx.running}/actions`;

describe('cookie-authenticated mutations must come from our own page', () => {
  it('refuses a foreign, null, missing, other-port, other-name or other-scheme Origin (403); the container keeps running', async () => {
    const before = fx.snapshot();
    const origins = ['http://evil.example', 'null', '', `http://127.0.0.1:${server.port + 1}`, 'http://localhost:3000', `http://localhost:${server.port}`, `https://127.0.0.1:${server.port}`];
    for (const origin of origins) {
      const headers = { ...ownPage(server, cookie), origin };
      if (!origin) delete (headers as Record<string, string>).origin;
      delete (headers as Record<string, string>)['sec-fetch-site'];
      const res = await raw(server, { method: 'POST', path: stopPath(), headers, body: stopBody });
      expect(res.status, `Origin ${JSON.stringify(origin)}`).toBe(403);
      // A bodiless mutation too. (Our own exited container, not prune: a broken gate here must not
      // delete other people's containers on a shared engine.)
      const remove = await raw(server, { method: 'DELETE', path: `/api/containers/${fx.exitedName}?force=1`, headers });
      expect(remove.status, `remove, Origin ${JSON.stringify(origin)}`).toBe(403);
    }
    expect(inspectState(fx.running).Running).toBe(true);
    expect(fx.snapshot()).toBe(before);
  });

  it('refuses Sec-Fetch-Site cross-site and same-site even when the Origin looks right', async () => {
    const before = fx.snapshot();
    for (const site of ['cross-site', 'same-site']) {
      const res = await raw(server, { method: 'POST', path: stopPath(), headers: { ...ownPage(server, cookie), 'sec-fetch-site': site }, body: stopBody });
      expect(res.status, site).toBe(403);
      expect(JSON.parse(res.body).message).toMatch(/Sec-Fetch-Site/);
    }
    expect(fx.snapshot()).toBe(before);
  });

  it('refuses a form-encoded cross-site POST (what an HTML form on another site sends)', async () => {
    const before = fx.snapshot();
    const form = { cookie, origin: 'http://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' };
    expect((await raw(server, { method: 'POST', path: stopPath(), headers: form, body: 'action=stop&timeout=0' })).status).toBe(403);
    expect((await raw(server, { method: 'POST', path: stopPath(), headers: form, body: 'action=kill' })).status).toBe(403);
    // Even a form from a page that shares our origin needs the custom header, which forms cannot set.
    const sameOriginForm = { ...form, origin: self, 'sec-fetch-site': 'same-origin' };
    expect((await raw(server, { method: 'POST', path: stopPath(), headers: sameOriginForm, body: 'action=stop' })).status).toBe(403);
    expect(inspectState(fx.exited).Status).toBe('created');
    expect(fx.snapshot()).toBe(before);
  });

  it('refuses a text/plain cross-site POST carrying JSON (the no-preflight trick)', async () => {
    const before = fx.snapshot();
    const headers = { cookie, origin: 'http://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' };
    expect((await raw(server, { method: 'POST', path: stopPath(), headers, body: stopBody })).status).toBe(403);
    // From our own origin but as text/plain and without the CSRF header: still refused.
    const plainOwn = { cookie, origin: self, 'content-type': 'text/plain' };
    expect((await raw(server, { method: 'POST', path: stopPath(), headers: plainOwn, body: stopBody })).status).toBe(403);
    // With the header but text/plain: the route wants JSON (415), nothing happens.
    const plainWithHeader = { ...ownPage(server, cookie), 'content-type': 'text/plain' };
    expect((await raw(server, { method: 'POST', path: stopPath(), headers: plainWithHeader, body: stopBody })).status).toBe(415);
    expect(inspectState(fx.running).Running).toBe(true);
    expect(fx.snapshot()).toBe(before);
  });

  it('refuses API reads with a session cookie from another site or localhost port', async () => {
    for (const site of ['cross-site', 'same-site']) {
      expect((await raw(server, { path: '/api/containers', headers: { cookie, 'sec-fetch-site': site } })).status, site).toBe(403);
    }
    expect((await raw(server, { path: '/api/containers', headers: { cookie, 'sec-fetch-site': 'same-origin' } })).status).toBe(200);
  });
});

describe('safe methods and CORS', () => {
  it('answers GET and HEAD on every mutation-only route with 405, and nothing changes', async () => {
    const before = fx.snapshot();
    const mutationOnly = apiRoutes().filter((r) => r.methods.some((m) => MUTATING.has(m)) && !r.methods.includes('GET'));
    expect(mutationOnly.length).toBeGreaterThan(0);
    for (const r of mutationOnly) {
      for (const method of ['GET', 'HEAD']) {
        for (const who of [bearer(server), { cookie }]) {
          const res = await raw(server, { method, path: `${fill(r.template, fx.runningName)}?action=stop&force=1`, headers: who });
          expect(res.status, `${method} ${r.template}`).toBe(405);
        }
      }
    }
    // Routes that have a GET beside a mutation: the GET only reads (prune preview removes nothing).
    expect((await raw(server, { path: '/api/prune/containers', headers: bearer(server) })).status).toBe(200);
    expect((await raw(server, { method: 'GET', path: `/api/containers/${fx.exitedName}?force=1`, headers: bearer(server) })).status).toBe(200);
    expect(fx.snapshot()).toBe(before);
  });

  it('never sends CORS headers: not on a preflight, not on a cross-origin request, not on errors', async () => {
    const evil = { origin: 'http://evil.example' };
    const responses = [
      await raw(server, { method: 'OPTIONS', path: stopPath(), headers: { ...evil, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-dockside-csrf' } }),
      await raw(server, { method: 'OPTIONS', path: '/api/containers', headers: { ...evil, ...bearer(server), 'access-control-request-method': 'GET' } }),
      await raw(server, { path: '/api/containers', headers: { ...evil, ...bearer(server) } }),
      await raw(server, { path: '/api/containers', headers: evil }),
      await raw(server, { path: '/containers', headers: { ...evil, cookie } }),
      await raw(server, { method: 'POST', path: '/api/auth/login', headers: { ...evil, 'content-type': 'application/json' }, body: '{"token":"x"}' }),
    ];
    expect(responses[0]!.status).toBe(405);
    expect(responses[1]!.status).toBe(405);
    for (const res of responses) {
      expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('sends the security headers on pages and API answers', async () => {
    const pages = [await raw(server, { path: '/containers', headers: { cookie } }), await raw(server, { path: '/login' })];
    const apis = [
      await raw(server, { path: '/api/containers', headers: bearer(server) }),
      // The list route writes its own header block, its refusals included.
      await raw(server, { path: '/api/containers?all=maybe', headers: bearer(server) }),
      await raw(server, { path: '/api/engine', headers: bearer(server) }),
    ];
    for (const res of [...pages, ...apis]) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      if (pages.includes(res)) expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'(;|$)/);
      else expect(csp).toMatch(/^default-src 'none'(;|$)/);
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });
});

describe('the WebSocket upgrade must come from our own page', () => {
  it('refuses a foreign, null, missing or other-port Origin, and cross-site fetch metadata (403)', async () => {
    const p = server.port;
    const cases: Array<[string, Record<string, string>]> = [
      ['foreign', { Origin: 'http://evil.example' }],
      ['null', { Origin: 'null' }],
      ['missing', {}],
      ['another localhost port', { Origin: `http://127.0.0.1:${p + 1}` }],
      ['another loopback name', { Origin: `http://localhost:${p}` }],
      ['cross-site metadata', { Origin: self, 'Sec-Fetch-Site': 'cross-site' }],
      ['same-site metadata', { Origin: self, 'Sec-Fetch-Site': 'same-site' }],
    ];
    for (const [what, headers] of cases) {
      expect((await tryUpgrade(p, { headers: { Cookie: cookie, ...headers } })).status, what).toBe(403);
    }
    expect((await tryUpgrade(p, { headers: { Cookie: cookie, Origin: self, 'Sec-Fetch-Site': 'same-origin' } })).status).toBe(101);
  });
});

describe('control: our own page can act', () => {
  it('stops the container with cookie + Origin + CSRF header + JSON', async () => {
    const res = await raw(server, { method: 'POST', path: stopPath(), headers: ownPage(server, cookie), body: stopBody });
    expect(res.status).toBe(200);
    expect(inspectState(fx.running).Running).toBe(false);
  });
});
