import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker } from '../support/docker-cli';
import { startDockside, type RunningServer } from '../support/dockside-server';
import { TestSocket } from '../support/ws-client';
import { apiRoutes, bearer, engineFixture, fill, MUTATING, ownPage, raw, signIn } from './support';

// --read-only: views, logs and stats. Every mutation, every exec/attach and every read that exports
// data is refused by the server, whoever asks and however.
let server: RunningServer;
let fx: ReturnType<typeof engineFixture>;
let cookie: string;

beforeAll(async () => {
  fx = engineFixture('sec-ro');
  server = await startDockside(['--read-only']);
  cookie = await signIn(server);
});
afterAll(async () => {
  await server?.stop();
  fx?.cleanupAll();
});

describe('read-only mode', () => {
  it('refuses every mutating route and method (403), for the token and for a session', async () => {
    const before = fx.snapshot();
    const mutations = apiRoutes().flatMap((r) => r.methods.filter((m) => MUTATING.has(m)).map((m) => [r.template, m] as const));
    expect(mutations.length).toBeGreaterThan(2);
    const bodies = [{ action: 'kill' }, { action: 'stop', timeout: 0 }, { action: 'rename', name: 'renamed-by-attacker' }];
    for (const [template, method] of mutations) {
      for (const target of [fx.runningName, fx.exitedName]) {
        const pathname = `${fill(template, target)}?force=1&volumes=1`;
        for (const body of bodies) {
          for (const headers of [{ ...bearer(server), 'content-type': 'application/json' }, ownPage(server, cookie)]) {
            const res = await raw(server, { method, path: pathname, headers, body: JSON.stringify(body) });
            expect(res.status, `${method} ${pathname}`).toBe(403);
            expect(JSON.parse(res.body).message).toMatch(/read-only/);
          }
        }
      }
    }
    expect(fx.snapshot()).toBe(before);
  });

  it('refuses reads that export data: container export, file archives, image save', async () => {
    const R = fx.runningName;
    for (const pathname of [
      `/api/containers/${R}/export`,
      `/api/containers/${R}/archive?path=/etc/passwd`,
      `/api/containers/${R}/files/download?path=/etc`,
      `/api/images/${encodeURIComponent('dockside/busybox')}/save`,
      '/api/images/save?names=dockside%2Fbusybox',
      '/api/images/get?names=dockside%2Fbusybox',
    ]) {
      for (const method of ['GET', 'HEAD']) {
        const res = await raw(server, { method, path: pathname, headers: bearer(server) });
        expect(res.status, `${method} ${pathname}`).toBe(403);
      }
    }
  });

  it('refuses exec and attach channels before touching the engine (no new exec)', async () => {
    const sock = await TestSocket.connect(server.url, { Cookie: cookie, Origin: `http://127.0.0.1:${server.port}` });
    try {
      sock.send({ op: 'open', ch: 1, kind: 'exec', params: { container: fx.runningName, cmd: ['sh', '-c', 'touch /tmp/pwned'], cols: 80, rows: 24 } });
      sock.send({ op: 'open', ch: 2, kind: 'exec', params: { container: fx.running, cols: 80, rows: 24 } });
      sock.send({ op: 'open', ch: 3, kind: 'attach', params: { container: fx.runningName, write: true, cols: 80, rows: 24 } });
      sock.send({ op: 'open', ch: 4, kind: 'attach', params: { container: fx.runningName, write: false, cols: 80, rows: 24 } });
      for (const ch of [1, 2, 3, 4]) {
        const f = await sock.waitFor((fr) => (fr.op === 'error' || fr.op === 'opened') && 'ch' in fr && fr.ch === ch);
        expect(f, `channel ${ch}`).toMatchObject({ op: 'error', code: 'forbidden' });
      }
      // Give a wrongly started exec time to show up before looking.
      await new Promise((r) => setTimeout(r, 500));
      expect(docker('inspect', '--format', '{{json .ExecIDs}}', fx.running)).toBe('null');
    } finally {
      sock.close();
    }
    expect(() => docker('exec', fx.running, 'test', '-e', '/tmp/pwned')).toThrow();
  });

  it('still serves views, logs and stats, and sign-in', async () => {
    expect((await raw(server, { path: '/api/containers', headers: bearer(server) })).status).toBe(200);
    expect((await raw(server, { path: `/api/containers/${fx.runningName}`, headers: bearer(server) })).status).toBe(200);
    expect((await raw(server, { path: `/api/containers/${fx.runningName}/logs`, headers: bearer(server) })).status).toBe(200);
    const status = JSON.parse((await raw(server, { path: '/api/engine', headers: bearer(server) })).body) as { readOnly: boolean };
    expect(status.readOnly).toBe(true);
    const login = await raw(server, {
      method: 'POST',
      path: '/api/auth/login',
      headers: { origin: `http://127.0.0.1:${server.port}`, 'x-dockside-csrf': '1', 'content-type': 'application/json' },
      body: JSON.stringify({ token: server.token }),
    });
    expect(login.status).toBe(200);
    const sock = await TestSocket.connect(server.url, { Cookie: cookie, Origin: `http://127.0.0.1:${server.port}` });
    try {
      sock.send({ op: 'open', ch: 1, kind: 'stats', params: { container: fx.runningName } });
      sock.send({ op: 'open', ch: 2, kind: 'logs', params: { container: fx.runningName, tail: 10, follow: false } });
      expect(await sock.waitFor((f) => f.op === 'stats' && f.ch === 1)).toBeTruthy();
      expect(await sock.waitFor((f) => (f.op === 'opened' || f.op === 'end') && f.ch === 2)).toBeTruthy();
    } finally {
      sock.close();
    }
  });
});
