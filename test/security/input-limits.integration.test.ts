import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerFrame } from '../../lib/protocol/frames';
import { waitFor } from '../support/docker-cli';
import { startDockside, type RunningServer } from '../support/dockside-server';
import { TestSocket } from '../support/ws-client';
import { apiRoutes, bearer, engineFixture, fill, MUTATING, raw, signIn, tryUpgrade } from './support';

// Hostile input: ids that try to walk the engine's URL space, bodies and frames that try to exhaust
// memory, and clients that try to hold too much. Every refusal is explicit and the engine unchanged.
let server: RunningServer;
let fx: ReturnType<typeof engineFixture>;
let cookie: string;
let origin: string;

beforeAll(async () => {
  fx = engineFixture('sec-input');
  server = await startDockside();
  cookie = await signIn(server);
  origin = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server?.stop();
  fx?.cleanupAll();
});

describe('path and query injection', () => {
  it('keeps every id-taking route inside its own engine call (400/404/405), for every method', async () => {
    const before = fx.snapshot();
    const E = fx.exitedName;
    const R = fx.runningName;
    const nosuch = `nosuch-${fx.run}`;
    // Each payload would act on our containers (or list other engine objects) if it reached the
    // engine's URL unvalidated: these are the wire forms, sent byte for byte.
    const payloads = [
      '..%2F..%2Fimages',
      '..%2F..%2Fimages%2Fjson',
      `..%2Fcontainers%2F${E}`,
      `${E}%2F..%2F${E}`,
      `${R}%2Fkill`,
      `${R}%2Fstop%3Ft%3D0`,
      `${E}%3Fforce%3D1`,
      `${E}%3Fforce%3Dtrue%26v%3D1`,
      `${E}%23`,
      `${E}%252F..%252F${E}`,
      `..%252F..%252Fimages%252Fjson`,
      '%2E%2E',
      '.%2E',
      `${R}%00`,
      `${R}%0D%0AX-Injected:%201`,
      `${R}%20`,
      `${R}%C0%AF`,
      `%2F${R}`,
      'a'.repeat(200),
      `${nosuch}?x=..%2F${E}`,
      `${nosuch}#/../${E}`,
    ];
    const routes = apiRoutes().filter((r) => r.dynamic);
    expect(routes.length).toBeGreaterThan(0);
    const seen = new Set<number>();
    for (const r of routes) {
      for (const method of r.methods) {
        for (const p of payloads) {
          const pathname = fill(r.template, p);
          const res = await raw(server, {
            method,
            path: pathname,
            headers: { ...bearer(server), 'content-type': 'application/json' },
            body: MUTATING.has(method) ? JSON.stringify({ action: 'kill', signal: 'SIGKILL' }) : undefined,
          });
          seen.add(res.status);
          // Container refs are refused by their schema (400) before the engine is asked; a raw `?`
          // or `#` cuts the path short, onto a missing container (404) or a route without that
          // method (405). Other kinds of ids (image references may contain `/`) may reach 404.
          const cutShort = /[?#]/.test(p);
          const expected = r.template.startsWith('/api/containers/') && !cutShort ? [400] : [400, 404, 405];
          expect(expected, `${method} ${pathname} → ${res.status} ${res.body.slice(0, 200)}`).toContain(res.status);
        }
      }
    }
    // Dot segments that Next or the URL parser would normalise: they land on a page (405) or nowhere.
    for (const pathname of [`/api/containers/../../containers/${E}`, `/api/containers/${nosuch}/../${E}`, `/api/containers/%2e%2e/%2e%2e/containers/${E}`]) {
      const res = await raw(server, { method: 'DELETE', path: `${pathname}?force=1`, headers: bearer(server) });
      expect([400, 404, 405], `DELETE ${pathname} → ${res.status}`).toContain(res.status);
    }
    expect(fx.snapshot()).toBe(before);
    expect(seen.has(400)).toBe(true);
  });

  it('validates container references in socket frames before any engine call', async () => {
    const sock = await TestSocket.connect(server.url, { Cookie: cookie, Origin: origin });
    try {
      const bad = ['../../images/json', `${fx.runningName}/kill`, `${fx.runningName}?x=1`, 'a'.repeat(200), '', `${fx.runningName}#`];
      let ch = 1;
      for (const container of bad) {
        const id = ch++;
        sock.send({ op: 'open', ch: id, kind: 'stats', params: { container } });
        const f = await sock.waitFor((fr: ServerFrame) => fr.op === 'error' && (fr.ch === id || fr.ch === undefined) && !sock.frames.slice(0, -1).includes(fr));
        expect(f).toMatchObject({ op: 'error', code: 'bad_request' });
        sock.frames.length = 0;
      }
    } finally {
      sock.close();
    }
  });
});

describe('size limits', () => {
  it('refuses a JSON body over 64 KiB with 413, declared or chunked; the container keeps running', async () => {
    const before = fx.snapshot();
    const big = JSON.stringify({ action: 'stop', timeout: 0, pad: 'x'.repeat(70 * 1024) });
    const path = `/api/containers/${fx.running}/actions`;
    const headers = { ...bearer(server), 'content-type': 'application/json' };
    const declared = await raw(server, { method: 'POST', path, headers, body: big });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ code: 'payload_too_large' });
    const chunked = await raw(server, { method: 'POST', path, headers, body: JSON.stringify({ action: 'stop', pad: 'y'.repeat(300 * 1024) }), chunked: true });
    expect(chunked.status).toBe(413);
    // Just under the limit is fine (the schema then rejects the unknown padding or accepts it: not 413).
    expect((await raw(server, { method: 'POST', path, headers, body: JSON.stringify({ action: 'pause', pad: 'z'.repeat(1000) }) })).status).not.toBe(413);
    await raw(server, { method: 'POST', path, headers, body: JSON.stringify({ action: 'unpause' }) });
    expect(fx.snapshot()).toBe(before);
  });

  it('refuses a sign-in body over 4 KiB with 413', async () => {
    const res = await raw(server, {
      method: 'POST',
      path: '/api/auth/login',
      headers: { origin, 'x-dockside-csrf': '1', 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'x'.repeat(8000) }),
    });
    expect(res.status).toBe(413);
  });

  it('closes a socket that sends a message over 1 MiB (1009) and keeps serving others', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, { headers: { Cookie: cookie, Origin: origin } });
    await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.send('x'.repeat(1024 * 1024 + 1));
    expect(await closed).toBe(1009);
    const other = await TestSocket.connect(server.url, { Cookie: cookie, Origin: origin });
    expect(await other.waitFor((f) => f.op === 'hello')).toBeTruthy();
    other.close();
  });
});

describe('per-client limits', () => {
  it('opens at most 64 channels on one socket, then says why', async () => {
    const sock = await TestSocket.connect(server.url, { Cookie: cookie, Origin: origin });
    try {
      for (let ch = 1; ch <= 64; ch++) sock.send({ op: 'open', ch, kind: 'events' });
      await waitFor(() => sock.frames.filter((f) => f.op === 'opened').length === 64, '64 channels to open');
      sock.send({ op: 'open', ch: 65, kind: 'events' });
      const refused = await sock.waitFor((f) => f.op === 'error' && f.ch === 65);
      expect(refused).toMatchObject({ code: 'rate_limited' });
      expect((refused as { message: string }).message).toMatch(/64 channels/);
      // Closing one frees a slot.
      sock.send({ op: 'close', ch: 1 });
      sock.send({ op: 'open', ch: 66, kind: 'events' });
      await sock.waitFor((f) => f.op === 'opened' && f.ch === 66);
    } finally {
      sock.close();
    }
  });

  it('allows at most 32 open sockets per session: the next upgrade gets 429 with a reason', async () => {
    const session = await signIn(server);
    const socks: TestSocket[] = [];
    try {
      for (let i = 0; i < 32; i++) socks.push(await TestSocket.connect(server.url, { Cookie: session, Origin: origin }));
      const refused = await tryUpgrade(server.port, { headers: { Cookie: session, Origin: origin } });
      expect(refused.status).toBe(429);
      expect(refused.text).toMatch(/Too many open Dockside connections for this session \(limit 32\)/);
      // Another session is not affected.
      const other = await TestSocket.connect(server.url, { Cookie: cookie, Origin: origin });
      other.close();
      // Closing one frees a slot for the same session.
      socks.pop()!.close();
      await waitFor(async () => (await tryUpgrade(server.port, { headers: { Cookie: session, Origin: origin } })).status === 101, 'a slot to free up');
    } finally {
      for (const s of socks) s.close();
    }
  });
});
