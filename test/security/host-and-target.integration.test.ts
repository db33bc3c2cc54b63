import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDockside, type RunningServer } from '../support/dockside-server';
import { bearer, engineFixture, ownPage, raw, rawSocket, signIn, tryUpgrade } from './support';

// DNS rebinding and proxy-style SSRF: only the names Dockside listens on, only origin-form targets,
// only /ws upgrades. Each refusal leaves the engine as it was.
let server: RunningServer;
let fx: ReturnType<typeof engineFixture>;
let cookie: string;

beforeAll(async () => {
  fx = engineFixture('sec-host');
  server = await startDockside();
  cookie = await signIn(server);
});
afterAll(async () => {
  await server?.stop();
  fx?.cleanupAll();
});

const stop = (host: string) =>
  raw(server, {
    method: 'POST',
    path: `/api/containers/${fx.running}/actions`,
    headers: { ...bearer(server), host, 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'stop', timeout: 0 }),
  });

describe('Host allow-list', () => {
  it('answers the loopback names it listens on (control)', async () => {
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `[::1]:${server.port}`]) {
      expect((await raw(server, { path: '/api/containers', headers: { ...bearer(server), host } })).status, host).toBe(200);
    }
  });

  it('refuses a foreign Host with 421 on pages, API reads and mutations, even with the token', async () => {
    const before = fx.snapshot();
    for (const host of ['evil.example', `evil.example:${server.port}`, `rebind.127.0.0.1.nip.io:${server.port}`, `attacker.localhost:${server.port}`]) {
      expect((await raw(server, { path: '/', headers: { host } })).status, host).toBe(421);
      expect((await raw(server, { path: '/login', headers: { host } })).status, host).toBe(421);
      expect((await raw(server, { path: '/api/containers', headers: { ...bearer(server), host } })).status, host).toBe(421);
      expect((await stop(host)).status, host).toBe(421);
    }
    expect(fx.snapshot()).toBe(before);
  });

  it('refuses alternate spellings of loopback, a missing Host and a wrong port', async () => {
    const before = fx.snapshot();
    const p = server.port;
    const hosts = [`127.1:${p}`, `0x7f000001:${p}`, `2130706433:${p}`, `0177.0.0.1:${p}`, `127.0.0.01:${p}`, `[::ffff:127.0.0.1]:${p}`, `[0:0:0:0:0:0:0:1]:${p}`, `localhost.:${p}`, `127.0.0.2:${p}`, '127.0.0.1', `localhost:${p + 1}`, ''];
    // Node itself answers 400 to an HTTP/1.1 request with no Host; the gate answers 421 to the rest.
    const refused = (host: string) => (host === '' ? [400, 421] : [421]);
    for (const host of hosts) {
      expect(refused(host), `Host ${JSON.stringify(host)}`).toContain((await stop(host)).status);
      expect(refused(host), host).toContain((await raw(server, { path: '/api/containers', headers: { ...bearer(server), host } })).status);
    }
    // HTTP/1.0 without any Host header at all.
    const bare = await rawSocket(p, `GET /api/containers HTTP/1.0\r\nAuthorization: Bearer ${server.token}\r\n\r\n`);
    expect(bare.status).toBe(421);
    expect(fx.snapshot()).toBe(before);
  });

  it('refuses a foreign or alternate-loopback Host on the WebSocket upgrade, even with a session', async () => {
    const p = server.port;
    for (const host of [`evil.example:${p}`, `127.1:${p}`, `0x7f000001:${p}`, `[::ffff:127.0.0.1]:${p}`, '']) {
      // The Origin matches the forged Host, as a rebinding page's would.
      const res = await tryUpgrade(p, { headers: { Host: host, Cookie: cookie, Origin: `http://${host}` } });
      expect(host === '' ? [400, 421] : [421], `Host ${JSON.stringify(host)}`).toContain(res.status);
    }
    // Control: the same session from our own origin upgrades.
    expect((await tryUpgrade(p, { headers: { Cookie: cookie, Origin: `http://127.0.0.1:${p}` } })).status).toBe(101);
  });
});

describe('request targets', () => {
  it('refuses absolute-form, authority-form, asterisk and scheme-relative targets', async () => {
    const before = fx.snapshot();
    const p = server.port;
    const auth = `Authorization: Bearer ${server.token}\r\n`;
    const host = `Host: 127.0.0.1:${p}\r\n`;
    const targets = [
      `GET http://127.0.0.1:${p}/api/containers HTTP/1.1\r\n${host}${auth}Connection: close\r\n\r\n`,
      `GET http://unix:/var/run/docker.sock:/containers/json HTTP/1.1\r\n${host}${auth}Connection: close\r\n\r\n`,
      `GET //api/containers HTTP/1.1\r\n${host}${auth}Connection: close\r\n\r\n`,
      `GET /\\api/containers HTTP/1.1\r\n${host}${auth}Connection: close\r\n\r\n`,
      `OPTIONS * HTTP/1.1\r\n${host}${auth}Connection: close\r\n\r\n`,
      `POST http://127.0.0.1:${p}/api/containers/${fx.running}/actions HTTP/1.1\r\n${host}${auth}Content-Type: application/json\r\nContent-Length: 17\r\nConnection: close\r\n\r\n{"action":"stop"}`,
    ];
    for (const t of targets) {
      const res = await rawSocket(p, t);
      expect(res.status, t.split('\r\n')[0]).toBeGreaterThanOrEqual(400);
      expect(res.status, t.split('\r\n')[0]).toBeLessThan(500);
    }
    // CONNECT has no handler: the server drops it rather than tunnelling.
    const connect = await rawSocket(p, `CONNECT 127.0.0.1:22 HTTP/1.1\r\n${host}${auth}\r\n`);
    expect(connect.status === 0 || connect.status >= 400).toBe(true);
    expect(fx.snapshot()).toBe(before);
  });

  it('refuses an absolute-form upgrade target', async () => {
    const res = await tryUpgrade(server.port, { target: `http://127.0.0.1:${server.port}/ws`, headers: { Cookie: cookie, Origin: `http://127.0.0.1:${server.port}` } });
    expect(res.status).toBe(400);
  });

  it('upgrades only /ws: every other path is refused even with a valid session', async () => {
    const p = server.port;
    const headers = { Cookie: cookie, Origin: `http://127.0.0.1:${p}` };
    for (const target of ['/', '/ws/', '/ws/../ws2', '/WS', '/api/containers', '/_next/webpack-hmr', '/login', '/ws%2F', '/containers']) {
      // 404 for another path; 400 when the gate already refuses the target's dot segments.
      expect(target.includes('..') ? 400 : 404, target).toBe((await tryUpgrade(p, { target, headers })).status);
    }
  });

  it('takes only GET and HEAD on pages (no form posts or server actions reach Next)', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await raw(server, { method, path: '/containers', headers: { ...ownPage(server, cookie), 'next-action': 'x' }, body: '{}' });
      expect(res.status, method).toBe(405);
    }
  });
});
