import { execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverEntry, startDockside, type RunningServer } from '../support/dockside-server';
import { apiRoutes, bearer, engineFixture, fill, ownPage, raw, signIn, tryUpgrade } from './support';

const execFileAsync = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

// Authentication is on by default and enforced by the server itself on every route and the upgrade.
let server: RunningServer;
let fx: ReturnType<typeof engineFixture>;

beforeAll(async () => {
  fx = engineFixture('sec-auth');
  server = await startDockside();
});
afterAll(async () => {
  await server?.stop();
  fx?.cleanupAll();
});

const jsonPost = (pathname: string, body: unknown, headers: Record<string, string> = {}) =>
  raw(server, { method: 'POST', path: pathname, headers: { origin: `http://127.0.0.1:${server.port}`, 'x-dockside-csrf': '1', 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('no credentials, no access', () => {
  it('refuses every API route and method without a credential (401), and the engine is unchanged', async () => {
    const before = fx.snapshot();
    const routes = apiRoutes().filter((r) => !r.template.startsWith('/api/auth'));
    expect(routes.length).toBeGreaterThan(5);
    const forged = ['', 'Bearer ', 'Bearer nope', `Bearer ${server.token.slice(0, 63)}`, `Basic ${Buffer.from(`x:${server.token}`).toString('base64')}`, `bearer${server.token}`];
    for (const r of routes) {
      for (const method of r.methods) {
        const pathname = fill(r.template, fx.runningName);
        for (const authorization of forged) {
          const headers: Record<string, string> = { 'content-type': 'application/json', origin: `http://127.0.0.1:${server.port}`, 'x-dockside-csrf': '1', cookie: 'dockside_session=forged' };
          if (authorization) headers.authorization = authorization;
          const res = await raw(server, { method, path: pathname, headers, body: method === 'GET' || method === 'HEAD' ? undefined : '{"action":"kill"}' });
          expect(res.status, `${method} ${pathname} with ${JSON.stringify(authorization)}`).toBe(401);
        }
      }
    }
    expect(fx.snapshot()).toBe(before);
  });

  it('redirects pages to the login page without a session', async () => {
    const res = await raw(server, { path: '/containers' });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/login?next=%2Fcontainers');
  });

  it('refuses the WebSocket upgrade without a session (401), with a forged or a logged-out one', async () => {
    const origin = `http://127.0.0.1:${server.port}`;
    expect((await tryUpgrade(server.port, { headers: { Origin: origin } })).status).toBe(401);
    expect((await tryUpgrade(server.port, { headers: { Origin: origin, Cookie: 'dockside_session=forged' } })).status).toBe(401);
    const cookie = await signIn(server);
    expect((await raw(server, { method: 'POST', path: '/api/auth/logout', headers: ownPage(server, cookie) })).status).toBe(200);
    expect((await tryUpgrade(server.port, { headers: { Origin: origin, Cookie: cookie } })).status).toBe(401);
    expect((await raw(server, { path: '/api/containers', headers: { cookie } })).status).toBe(401);
  });

  it('answers a container on the host network without a token with 401', async () => {
    const url = `http://127.0.0.1:${server.port}`;
    const wget = async (pathname: string) => {
      try {
        const r = await execFileAsync('docker', ['run', '--rm', '--label', fx.label, '--network', 'host', 'dockside/busybox', 'wget', '-S', '-O-', `${url}${pathname}`], { encoding: 'utf8' });
        return r.stdout + r.stderr;
      } catch (err) {
        const e = err as { stdout?: string; stderr?: string };
        return `${e.stdout ?? ''}${e.stderr ?? ''}`;
      }
    };
    // Control: the container does reach the server (the login page is public)...
    expect(await wget('/login')).toMatch(/HTTP\/1\.1 200/);
    // ...but the API and every page behind it are closed to it.
    const api = await wget('/api/containers');
    expect(api).toMatch(/HTTP\/1\.1 401/);
    expect(api).not.toContain(fx.runningName);
    expect(await wget('/api/engine')).toMatch(/HTTP\/1\.1 401/);
  });
});

describe('the token never travels in a URL except the sign-in link', () => {
  it('refuses a valid token in an API query string, however it is spelled', async () => {
    const before = fx.snapshot();
    for (const q of [`token=${server.token}`, `%74oken=${server.token}`, `a=1&token=${server.token}`]) {
      expect((await raw(server, { path: `/api/containers?${q}` })).status, q).toBe(400);
      const stop = await raw(server, { method: 'POST', path: `/api/containers/${fx.running}/actions?${q}`, headers: { 'content-type': 'application/json' }, body: '{"action":"stop","timeout":0}' });
      expect(stop.status, q).toBe(400);
    }
    expect(fx.snapshot()).toBe(before);
  });

  it('refuses a token on the WebSocket URL, alone or beside a valid session', async () => {
    const origin = `http://127.0.0.1:${server.port}`;
    expect((await tryUpgrade(server.port, { target: `/ws?token=${server.token}`, headers: { Origin: origin } })).status).toBe(400);
    const cookie = await signIn(server);
    expect((await tryUpgrade(server.port, { target: `/ws?token=${server.token}`, headers: { Origin: origin, Cookie: cookie } })).status).toBe(400);
  });

  it('exchanges the sign-in link for a strict session cookie and redirects to a URL without the token', async () => {
    const res = await raw(server, { path: `/containers?token=${server.token}&status=running` });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/containers?status=running');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    const cookie = res.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/^dockside_session=[\w-]{40,}; /);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; Max-Age=\d+/);
    expect(cookie).not.toMatch(/Secure/); // plain http: a Secure cookie would never come back
    expect(cookie).not.toContain(server.token);
    const session = cookie.split(';')[0]!;
    expect((await raw(server, { path: '/api/containers', headers: { cookie: session } })).status).toBe(200);
  });

  it('sends a wrong token in the link to the login page, without a cookie', async () => {
    const res = await raw(server, { path: `/?token=${'0'.repeat(64)}` });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/login?error=invalid_token');
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('the sign-in form', () => {
  it('exchanges a pasted token for the same strict cookie; logout ends it', async () => {
    const res = await jsonPost('/api/auth/login', { token: server.token });
    expect(res.status).toBe(200);
    const cookie = res.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const session = cookie.split(';')[0]!;
    expect((await raw(server, { path: '/api/auth/status', headers: { cookie: session } })).body).toContain('"signedIn":true');
    const out = await raw(server, { method: 'POST', path: '/api/auth/logout', headers: ownPage(server, session) });
    expect(out.headers['set-cookie']?.[0]).toMatch(/Max-Age=0/);
    expect((await raw(server, { path: '/api/containers', headers: { cookie: session } })).status).toBe(401);
  });

  it('refuses a cross-site login (login CSRF) and a non-JSON one', async () => {
    expect((await jsonPost('/api/auth/login', { token: server.token }, { origin: 'http://evil.example' })).status).toBe(403);
    const form = await raw(server, { method: 'POST', path: '/api/auth/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${server.token}` });
    expect(form.status).toBe(403);
  });

  it('accepts a password set with `set-password` (salted scrypt hash, mode 0600)', async () => {
    const password = 'correct horse battery staple';
    const child = spawn(process.execPath, [...serverEntry(), 'set-password', '--config-dir', server.configDir], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.stdin.end(`${password}\n`);
    const code = await new Promise((r) => child.on('exit', r));
    expect(code, out).toBe(0);
    const file = path.join(server.configDir, 'password');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const stored = fs.readFileSync(file, 'utf8');
    expect(stored).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[\w-]{16,}\$[\w-]{40,}\n$/);
    expect(stored).not.toContain('horse');
    expect(out).not.toContain('horse');

    const status = JSON.parse((await raw(server, { path: '/api/auth/status' })).body) as { passwordEnabled: boolean };
    expect(status.passwordEnabled).toBe(true);
    expect((await jsonPost('/api/auth/login', { token: password })).status).toBe(200);
    expect((await jsonPost('/api/auth/login', { password })).status).toBe(200);
    expect((await jsonPost('/api/auth/login', { token: `${password}!` })).status).toBe(401);
    // The token still works, and the password is never a bearer credential or a sign-in link.
    expect((await jsonPost('/api/auth/login', { token: server.token })).status).toBe(200);
    expect((await raw(server, { path: '/api/containers', headers: { authorization: `Bearer ${password}` } })).status).toBe(401);
    expect((await raw(server, { path: `/?token=${encodeURIComponent(password)}` })).headers.location).toBe('/login?error=invalid_token');
  });
});

describe('TLS', () => {
  it('marks the session cookie Secure over https and wants the https origin', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-tls-'));
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
    const own = await startDockside(['--tls-cert', cert, '--tls-key', key]);
    const get = (pathname: string, method = 'GET', headers: Record<string, string> = {}) =>
      new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
        const req = https.request({ host: '127.0.0.1', port: own.port, path: pathname, method, headers: { host: `127.0.0.1:${own.port}`, ...headers }, rejectUnauthorized: false }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
        });
        req.on('error', reject);
        req.end(method === 'POST' ? '{"action":"kill"}' : undefined);
      });
    try {
      const signIn = await get(`/?token=${own.token}`);
      expect(signIn.status).toBe(303);
      const cookie = (signIn.headers['set-cookie'] as string[])[0]!;
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Strict/);
      expect(cookie).toMatch(/; Secure/);
      const session = cookie.split(';')[0]!;
      const post = (origin: string) => get(`/api/containers/nosuch-${fx.run}/actions`, 'POST', { cookie: session, origin, 'x-dockside-csrf': '1', 'content-type': 'application/json' });
      expect((await post(`http://127.0.0.1:${own.port}`)).status).toBe(403); // the http origin is another origin
      expect((await post(`https://127.0.0.1:${own.port}`)).status).toBe(404); // through the gate, to a missing container
    } finally {
      await own.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After after 10 failed sign-ins, for the form and the link alike', async () => {
    const own = await startDockside();
    try {
      const post = (token: string) =>
        raw(own, { method: 'POST', path: '/api/auth/login', headers: { origin: `http://127.0.0.1:${own.port}`, 'x-dockside-csrf': '1', 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
      // Signing in successfully does not count against you.
      for (let i = 0; i < 12; i++) expect((await post(own.token)).status).toBe(200);
      for (let i = 0; i < 10; i++) expect((await post(`wrong-${i}`)).status).toBe(401);
      const limited = await post('wrong-again');
      expect(limited.status).toBe(429);
      const wait = Number(limited.headers['retry-after']);
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60);
      expect(JSON.parse(limited.body)).toMatchObject({ code: 'rate_limited' });
      // While limited, even the right token waits: guessing cannot continue through another door.
      expect((await post(own.token)).status).toBe(429);
      const link = await raw(own, { path: `/?token=${own.token}` });
      expect(link.headers.location).toBe('/login?error=rate_limited');
      expect(link.headers['set-cookie']).toBeUndefined();
    } finally {
      await own.stop();
    }
  });
});

describe('start-up refusals', () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, [...serverEntry(), '--sandbox', 'never', '--port', '0', ...args], {
        cwd: root,
        env: { ...process.env, NODE_ENV: 'production', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, out });
      });
    });

  it('refuses --no-auth with a non-loopback --host, with a clear message', async () => {
    const cases = [
      [['--host', '0.0.0.0', '--no-auth'], {}],
      [['--host', '::', '--no-auth'], {}],
      [['--host', '0.0.0.0'], { DOCKSIDE_NO_AUTH: '1' }],
    ] as const;
    for (const r of await Promise.all(cases.map(([args, env]) => run([...args], env)))) {
      expect(r.code, r.out).toBe(2);
      expect(r.out).toMatch(/Refusing to listen on .* without authentication/);
    }
  });

  it('says loudly what --no-auth means on loopback', async () => {
    const own = await startDockside(['--no-auth']);
    try {
      expect(own.output()).toMatch(/WARNING: --no-auth: any program or web page on this machine that can reach this port can drive Docker as root/);
      expect(own.token).toBe('');
      // Still no cross-site mutations without auth: the Origin checks stay on.
      const res = await raw(own, {
        method: 'POST',
        path: `/api/containers/${fx.runningName}/actions`,
        headers: { origin: 'http://evil.example', 'content-type': 'application/json', 'x-dockside-csrf': '1' },
        body: '{"action":"kill"}',
      });
      expect(res.status).toBe(403);
    } finally {
      await own.stop();
    }
  });
});
