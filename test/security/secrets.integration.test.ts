import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, runContainer, waitFor } from '../support/docker-cli';
import { startDockside, type RunningServer } from '../support/dockside-server';
import { TestSocket } from '../support/ws-client';
import { apiRoutes, bearer, engineFixture, fill, ownPage, raw, signIn, tryUpgrade, type RawResponse } from './support';

// Canaries: the access token, a registry password, a password-shaped body field and a container's
// env value are sent or planted, then searched for in every response, header, frame and log line.
let server: RunningServer;
let fx: ReturnType<typeof engineFixture>;
let cookie: string;
const canary = `canary-${crypto.randomBytes(8).toString('hex')}`;
const envCanary = `envcanary-${crypto.randomBytes(8).toString('hex')}`;
let envContainer: string;
let actName: string;

beforeAll(async () => {
  fx = engineFixture('sec-secrets');
  envContainer = runContainer(fx.label, fx.name('env'), ['-e', `DB_PASSWORD=${envCanary}`]);
  actName = fx.name('act');
  runContainer(fx.label, actName, []);
  server = await startDockside();
  cookie = await signIn(server);
});
afterAll(async () => {
  await server?.stop();
  fx?.cleanupAll();
});

const seen: string[] = [];
const record = (what: string, res: RawResponse) => {
  seen.push(`${what}\n${JSON.stringify(res.headers)}\n${res.body}`);
  return res;
};

describe('the access token stays secret', () => {
  it('appears in no API response body or header, page, or redirect', async () => {
    const own = { cookie, 'sec-fetch-site': 'same-origin' };
    for (const r of apiRoutes().filter((x) => x.methods.includes('GET'))) {
      const pathname = fill(r.template, fx.runningName);
      record(`GET ${pathname} (bearer)`, await raw(server, { path: pathname, headers: bearer(server) }));
      record(`GET ${pathname} (session)`, await raw(server, { path: pathname, headers: own }));
    }
    for (const page of ['/', '/login', '/containers', `/containers/${fx.runningName}`, `/containers/${fx.runningName}/inspect`, '/audit']) {
      record(`page ${page}`, await raw(server, { path: page, headers: own }));
    }
    // The answers that involve the token itself.
    record('sign-in link', await raw(server, { path: `/containers?token=${server.token}` }));
    record('token in API query', await raw(server, { path: `/api/containers?token=${server.token}` }));
    record('auth status', await raw(server, { path: '/api/auth/status', headers: bearer(server) }));
    record(
      'form sign-in',
      await raw(server, { method: 'POST', path: '/api/auth/login', headers: { origin: `http://127.0.0.1:${server.port}`, 'x-dockside-csrf': '1', 'content-type': 'application/json' }, body: JSON.stringify({ token: server.token }) }),
    );
    record('almost-token', await raw(server, { path: '/api/containers', headers: { authorization: `Bearer ${server.token.slice(0, 60)}` } }));
    const upgrade = await tryUpgrade(server.port, { target: `/ws?token=${server.token}`, headers: { Origin: `http://127.0.0.1:${server.port}` } });
    expect(upgrade.status).toBe(400);
    seen.push(upgrade.text);
    expect(seen.length).toBeGreaterThan(15);
    for (const s of seen) expect(s.includes(server.token), s.split('\n')[0]).toBe(false);
  });

  it('appears in no WebSocket frame: hello, events, stats, logs or terminal output', async () => {
    const sock = await TestSocket.connect(server.url, { Cookie: cookie, Origin: `http://127.0.0.1:${server.port}` });
    try {
      sock.send({ op: 'open', ch: 1, kind: 'events' });
      sock.send({ op: 'open', ch: 2, kind: 'stats', params: { container: fx.runningName } });
      sock.send({ op: 'open', ch: 3, kind: 'logs', params: { container: fx.runningName, tail: 50, follow: true } });
      sock.send({ op: 'open', ch: 4, kind: 'exec', params: { container: fx.runningName, cmd: ['sh', '-c', 'env; echo done-$((6*7))'], cols: 80, rows: 24 } });
      const output = () => Buffer.concat(sock.binary.filter((b) => b.ch === 4).map((b) => b.payload)).toString('utf8');
      await waitFor(() => output().includes('done-42'), 'the exec output');
      // Never pause a container an exec may still be entering: runc exec into a frozen cgroup hangs.
      const other = runContainer(fx.label, fx.name('events'), []);
      await sock.waitFor((f) => f.op === 'event' && f.ch === 1 && f.event.id === other && f.event.action === 'start');
      await sock.waitFor((f) => f.op === 'stats' && f.ch === 2);
      const text = sock.frames.map((f) => JSON.stringify(f)).join('\n');
      const binary = Buffer.concat(sock.binary.map((b) => b.payload)).toString('utf8');
      expect(text.includes(server.token)).toBe(false);
      expect(binary.includes(server.token)).toBe(false);
      // Dockside's own environment never reaches a container it starts a shell in.
      expect(binary).not.toMatch(/DOCKSIDE_READY_FILE|DOCKER_HOST|NEXT_TELEMETRY|NODE_ENV/);
    } finally {
      sock.close();
    }
  });

  it('is printed once, on the sign-in line, and the Authorization header never', async () => {
    // Provoke the paths most likely to log: refused tokens in URLs, bad bearer headers, an error.
    await raw(server, { path: `/api/engine?token=${server.token}` });
    await raw(server, { path: '/api/containers', headers: { authorization: `Bearer ${server.token}x` } });
    await raw(server, { method: 'POST', path: '/api/containers/%C0%AF/actions', headers: bearer(server) });
    const out = server.output();
    const lines = out.split('\n').filter((l) => l.includes(server.token));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\s+http:\/\/localhost:\d+\/\?token=[0-9a-f]{64}$/);
    expect(out).not.toMatch(/Bearer/i);
    expect(out).not.toContain('dockside_session=');
  });
});

describe('other secrets', () => {
  it('never echoes or logs registry credentials, password fields or cookies sent to it', async () => {
    const registryAuth = Buffer.from(JSON.stringify({ username: 'u', password: canary, serveraddress: 'registry.example' })).toString('base64');
    const headers = { ...bearer(server), 'content-type': 'application/json', 'x-registry-auth': registryAuth, cookie: `other=${canary}` };
    const responses = [
      await raw(server, { method: 'POST', path: `/api/containers/${actName}/actions`, headers, body: JSON.stringify({ action: 'pause', password: canary, auth: canary }) }),
      await raw(server, { method: 'POST', path: `/api/containers/${actName}/actions`, headers, body: JSON.stringify({ action: 'unpause' }) }),
      await raw(server, { method: 'POST', path: `/api/containers/${actName}/actions`, headers, body: JSON.stringify({ action: 'rename', name: canary, registryAuth: canary }) }),
      await raw(server, { method: 'POST', path: `/api/containers/${actName}/actions?password=${canary}`, headers: { ...ownPage(server, cookie), origin: 'http://evil.example', 'x-registry-auth': registryAuth }, body: '{"action":"kill"}' }),
      await raw(server, { method: 'POST', path: '/api/auth/login', headers: { origin: `http://127.0.0.1:${server.port}`, 'x-dockside-csrf': '1', 'content-type': 'application/json' }, body: JSON.stringify({ password: canary }) }),
    ];
    // Put the container's name back (the rename above used the canary as a legal name).
    docker('rename', canary, actName);
    for (const r of responses) {
      expect(r.body).not.toContain(canary);
      expect(JSON.stringify(r.headers)).not.toContain(canary);
    }
    const audit = fs.readFileSync(path.join(server.configDir, 'audit.log'), 'utf8');
    expect(audit).toContain('"action":"pause"');
    // The rename target is a name, not a secret: it may appear as the new name only.
    const withoutRename = audit.split('\n').filter((l) => !l.includes('"action":"rename"')).join('\n');
    expect(withoutRename).not.toContain(canary);
    expect(audit).not.toContain(registryAuth);
    expect(audit).not.toContain(server.token);
    expect(server.output()).not.toContain(canary);
    expect(server.output()).not.toContain(registryAuth);
  });

  it("never logs a container's env values, even after showing its inspect view", async () => {
    const res = await raw(server, { path: `/api/containers/${envContainer}`, headers: bearer(server) });
    expect(res.status).toBe(200);
    await raw(server, { method: 'POST', path: `/api/containers/${envContainer}/actions`, headers: { ...bearer(server), 'content-type': 'application/json' }, body: JSON.stringify({ action: 'pause' }) });
    await raw(server, { method: 'POST', path: `/api/containers/${envContainer}/actions`, headers: { ...bearer(server), 'content-type': 'application/json' }, body: JSON.stringify({ action: 'unpause' }) });
    expect(server.output()).not.toContain(envCanary);
    expect(fs.readFileSync(path.join(server.configDir, 'audit.log'), 'utf8')).not.toContain(envCanary);
  });
});
