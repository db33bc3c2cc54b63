import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../lib/protocol/containers';
import type { SavedEngine } from '../../lib/protocol/engine-address';
import type { EngineInfo } from '../../lib/protocol/engines';
import type { AuditEntry } from '../../lib/protocol/audit';
import { testRun, waitFor } from '../support/docker-cli';
import { startDockside, type RunningServer } from '../support/dockside-server';
import { startTlsDockerd, type TlsDockerd } from '../support/tls-engine';
import { ownPage, raw, signIn } from '../security/support';

/**
 * Engines added on the /engines page, against real engines: this test's sandbox behind its unix
 * socket and behind a plain TCP relay on 127.0.0.1, and a private `dockerd --tlsverify`
 * (test/support/tls-engine.ts) that demands a client certificate. Requests are made as Dockside's own page makes them (session
 * cookie, Origin, CSRF header). The docker CLI is the oracle for what each engine holds; the config
 * dir's file is checked for its mode; no response, log line or audit line may carry the TLS key.
 */
const t = testRun('added-engines');
const socketPath = process.env.DOCKER_HOST!.replace(/^unix:\/\//, '');
let dir: string;
let tlsd: TlsDockerd;
let relay: net.Server;
let relayPort = 0;
let server: RunningServer;
let cookie = '';
let keyPem = '';
/** Every response body this test saw: none may carry the key. */
const bodies: string[] = [];

const send = async (method: string, pathname: string, body?: unknown, headers?: Record<string, string>) => {
  const res = await raw(server, { method, path: pathname, headers: { ...ownPage(server, cookie), ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  bodies.push(res.body);
  return { status: res.status, json: (res.body ? JSON.parse(res.body) : null) as Record<string, unknown> & SavedEngine & { code?: string; message?: string } };
};
const engines = async () => {
  const res = await server.api('/api/engines');
  const text = await res.text();
  bodies.push(text);
  expect(res.status).toBe(200);
  return JSON.parse(text) as EngineInfo[];
};
const auditLines = (): AuditEntry[] =>
  fs
    .readFileSync(path.join(server.configDir, 'audit.log'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AuditEntry);
/** A line of the key's base64 body: if any of it shows up anywhere, the key leaked. */
const keyLine = () => keyPem.split('\n')[1]!;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-added-'));
  tlsd = await startTlsDockerd(`/tmp/dks-added-tls-${process.pid}`);
  keyPem = fs.readFileSync(tlsd.m.key, 'utf8');
  // Plain TCP on loopback: a relay to the engine's socket, as `dockerd -H tcp://127.0.0.1:…` would be.
  relay = net.createServer((client) => {
    const engine = net.connect(socketPath);
    client.pipe(engine).pipe(client);
    const drop = () => (client.destroy(), engine.destroy());
    client.on('error', drop).on('close', drop);
    engine.on('error', drop).on('close', drop);
  });
  await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
  relayPort = (relay.address() as net.AddressInfo).port;
  server = await startDockside([], { DOCKSIDE_ENGINES: `fromenv=${process.env.DOCKER_HOST}`, DOCKSIDE_ENGINE_READ_DEADLINE_MS: '3000' });
  cookie = await signIn(server);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await tlsd?.stop({ purge: true });
  relay?.close();
  t.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('engines added in Dockside', () => {
  it('adds a TLS engine after it answered, stores it 0600 in a 0700 dir, and drives it at once without a restart', async () => {
    const id = tlsd.docker('run', '-d', '--stop-timeout', '1', '--label', t.label, '--name', t.name('seen'), 'dockside/busybox', 'sleep', '3600');
    const tls = { ca: fs.readFileSync(tlsd.m.ca, 'utf8'), cert: fs.readFileSync(tlsd.m.cert, 'utf8'), key: keyPem };
    const added = await send('POST', '/api/engines', { name: 'tls-box', address: `tcp://127.0.0.1:${tlsd.port}`, tls });
    expect(added.status).toBe(200);
    expect(added.json).toMatchObject({ name: 'tls-box', answered: true, product: 'Docker', view: { address: `tcp://127.0.0.1:${tlsd.port}`, tls: { ca: true, cert: true, key: true } } });

    const file = path.join(server.configDir, 'engines.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(server.configDir).mode & 0o777).toBe(0o700);
    expect(fs.readFileSync(file, 'utf8')).toContain(keyLine()); // Kept on the server: that is where it lives.

    const listed = (await engines()).find((e) => e.name === 'tls-box');
    expect(listed).toMatchObject({ source: 'added', label: `tcp://127.0.0.1:${tlsd.port} (TLS)`, added: { tls: { key: true } } });
    expect(listed?.warning).toBeUndefined();
    const res = await server.api('/api/containers?all=1&engine=tls-box');
    expect(res.status).toBe(200);
    const ids = ((await res.json()) as ContainerSummary[]).map((c) => c.id);
    expect(ids).toContain(id);
    expect(ids.sort()).toEqual(tlsd.docker('ps', '-aq', '--no-trunc').split('\n').filter(Boolean).sort());
  });

  it('shows disk used on the list only once someone ran docker system df on that engine', async () => {
    expect((await engines()).find((e) => e.name === 'tls-box')?.disk).toBeUndefined();
    const df = await server.api('/api/engine/disk-usage?engine=tls-box');
    expect(df.status).toBe(200);
    const usage = (await df.json()) as { categories: { sizeBytes: number }[] };
    const row = (await engines()).find((e) => e.name === 'tls-box');
    expect(row?.disk?.totalBytes).toBe(usage.categories.reduce((s, c) => s + c.sizeBytes, 0));
    expect(row?.disk?.totalBytes).toBeGreaterThan(0);
    // Another engine's disk use is its own: not measured there.
    expect((await engines()).find((e) => e.name === 'default')?.disk).toBeUndefined();
  });

  it('edits an added engine, keeping the key it was never sent back, and refuses half a client pair', async () => {
    const kept = await send('PUT', '/api/engines/tls-box', { address: `tcp://localhost:${tlsd.port}` });
    // The engine's certificate names 127.0.0.1 and localhost: the stored CA, cert and key still work.
    expect(kept.status).toBe(200);
    expect(kept.json).toMatchObject({ answered: true, view: { address: `tcp://localhost:${tlsd.port}`, tls: { ca: true, cert: true, key: true } }, });
    const half = await send('PUT', '/api/engines/tls-box', { address: `tcp://localhost:${tlsd.port}`, tls: { key: null } });
    expect(half.status).toBe(400);
    expect(half.json.message).toMatch(/certificate and its key go together/);
    // PEM text OpenSSL cannot read, or a key that is not the certificate's: 400 before anything is dialled.
    const bad = await send('PUT', '/api/engines/tls-box', { address: `tcp://localhost:${tlsd.port}`, tls: { ca: '-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n' } });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch(/TLS material cannot be used/);
    const otherKey = await send('PUT', '/api/engines/tls-box', { address: `tcp://localhost:${tlsd.port}`, tls: { key: fs.readFileSync(tlsd.m.serverKey, 'utf8') } });
    expect(otherKey.status).toBe(400);
    expect(otherKey.json.message).toMatch(/TLS material cannot be used.*key values mismatch/);
    // Without the client certificate the engine refuses the connection: not saved, and says why.
    const noClient = await send('PUT', '/api/engines/tls-box', { address: `tcp://localhost:${tlsd.port}`, tls: { key: null, cert: null } });
    expect(noClient.status).toBe(503);
    expect(noClient.json.message).toMatch(/Nothing was saved.*Save anyway/);
    expect((await engines()).find((e) => e.name === 'tls-box')?.added?.tls).toEqual({ ca: true, cert: true, key: true });
  });

  it('refuses a name any other engine has with a clear 409', async () => {
    for (const [name, owner] of [
      ['default', /default engine/],
      ['fromenv', /DOCKSIDE_ENGINES/],
      ['tls-box', /added in Dockside/],
    ] as const) {
      const r = await send('POST', '/api/engines', { name, address: process.env.DOCKER_HOST });
      expect(r.status, name).toBe(409);
      expect(r.json.message).toMatch(owner);
    }
    // Engines from the environment are shown read-only, with where they come from.
    expect((await engines()).find((e) => e.name === 'fromenv')).toMatchObject({ source: 'env', origin: expect.stringMatching(/DOCKSIDE_ENGINES/) });
    const del = await send('DELETE', '/api/engines/fromenv');
    expect(del.status).toBe(409);
    expect(del.json.message).toMatch(/DOCKSIDE_ENGINES.*does not change it/);
  });

  it('allows plain TCP to loopback with a warning, and refuses it to another machine unless the risk is accepted', async () => {
    const local = await send('POST', '/api/engines', { name: 'plain-local', address: `tcp://127.0.0.1:${relayPort}` });
    expect(local.status).toBe(200);
    expect(local.json.answered).toBe(true);
    const row = (await engines()).find((e) => e.name === 'plain-local');
    expect(row?.warning).toMatch(/Plain TCP without TLS: every program and user on this machine/);
    expect((await server.api('/api/containers?engine=plain-local')).status).toBe(200);

    const far = await send('POST', '/api/engines', { name: 'plain-far', address: 'tcp://192.0.2.10:2375' });
    expect(far.status).toBe(400);
    expect(far.json.message).toMatch(/Plain TCP \(no TLS\) to 192\.0\.2\.10 is refused: anyone on the network path could drive that engine and take root/);
    expect((await engines()).some((e) => e.name === 'plain-far')).toBe(false);

    // Accepted (and nothing answers at that documentation address): stored only with "save anyway", shown down with the warning.
    const notSaved = await send('POST', '/api/engines', { name: 'plain-far', address: 'tcp://192.0.2.10:2375', acceptInsecure: true });
    expect(notSaved.status).toBe(503);
    const accepted = await send('POST', '/api/engines', { name: 'plain-far', address: 'tcp://192.0.2.10:2375', acceptInsecure: true, saveAnyway: true });
    expect(accepted.status).toBe(200);
    expect(accepted.json).toMatchObject({ answered: false, view: { acceptInsecure: true } });
    const farRow = (await engines()).find((e) => e.name === 'plain-far');
    expect(farRow).toMatchObject({ added: { acceptInsecure: true }, warning: expect.stringMatching(/another machine: anyone on the network path can take root/) });
    await waitFor(async () => (await engines()).find((e) => e.name === 'plain-far')?.status.reachable === false && !(await engines()).find((e) => e.name === 'plain-far')?.status.checking, 'the far engine to show as down', 20_000);

    const entry = auditLines().find((a) => a.method === 'POST' && a.route === '/api/engines' && a.outcome === 'ok' && JSON.stringify(a.detail).includes('plain-far'));
    expect(entry?.detail).toMatchObject({ body: { name: 'plain-far', acceptInsecure: true, risk: expect.stringMatching(/accepted/), saveAnyway: true, answered: false } });
  });

  it('refuses a change without the CSRF header or from another origin, and stores nothing', async () => {
    const before = fs.readFileSync(path.join(server.configDir, 'engines.json'), 'utf8');
    const noHeader = await send('POST', '/api/engines', { name: 'sneaky', address: process.env.DOCKER_HOST }, { 'x-dockside-csrf': '' });
    expect(noHeader.status).toBe(403);
    const otherOrigin = await send('DELETE', '/api/engines/tls-box', undefined, { origin: 'http://evil.example' });
    expect(otherOrigin.status).toBe(403);
    expect(fs.readFileSync(path.join(server.configDir, 'engines.json'), 'utf8')).toBe(before);
    expect(auditLines().some((a) => a.route === '/api/engines' && a.outcome === 'refused')).toBe(true);
  });

  it('removes an added engine: gone from the file, the list and its routes, audited', async () => {
    const removed = await send('DELETE', '/api/engines/plain-local');
    expect(removed.status).toBe(200);
    expect(fs.readFileSync(path.join(server.configDir, 'engines.json'), 'utf8')).not.toContain('plain-local');
    expect((await engines()).some((e) => e.name === 'plain-local')).toBe(false);
    expect((await server.api('/api/containers?engine=plain-local')).status).toBe(404);
    expect(auditLines().some((a) => a.method === 'DELETE' && a.route === '/api/engines/plain-local' && a.outcome === 'ok')).toBe(true);
    expect((await send('DELETE', '/api/engines/plain-local')).status).toBe(404);
  });

  it('serves the home page at / once there are several engines', async () => {
    const home = await raw(server, { path: '/?engine=tls-box', headers: { cookie } });
    expect(home.status).toBe(200);
    expect(home.body).toContain('<html');
  });

  it('never lets the TLS key out: no response, no audit line, no log line carries it', () => {
    expect(bodies.length).toBeGreaterThan(10);
    for (const b of bodies) expect(b).not.toContain(keyLine());
    expect(fs.readFileSync(path.join(server.configDir, 'audit.log'), 'utf8')).not.toContain(keyLine());
    expect(server.output()).not.toContain(keyLine());
    // The audit line of the TLS add says which parts were given, not what they are.
    const tlsAdd = auditLines().find((a) => a.method === 'POST' && JSON.stringify(a.detail).includes('tls-box'));
    expect(JSON.stringify(tlsAdd?.detail)).not.toContain('BEGIN');
  });
});

describe('read-only mode', () => {
  it('refuses adding, editing and removing engines with 403, and writes no file', async () => {
    const ro = await startDockside(['--read-only']);
    try {
      const roCookie = await signIn(ro);
      for (const [method, pathname] of [
        ['POST', '/api/engines'],
        ['PUT', '/api/engines/x'],
        ['DELETE', '/api/engines/x'],
      ] as const) {
        const r = await raw(ro, { method, path: pathname, headers: ownPage(ro, roCookie), body: JSON.stringify({ name: 'x', address: process.env.DOCKER_HOST }) });
        expect(r.status, `${method} ${pathname}`).toBe(403);
        expect(r.body).toMatch(/read-only/);
      }
      expect(fs.existsSync(path.join(ro.configDir, 'engines.json'))).toBe(false);
      // One engine: `/` is its Containers page, straight from the server.
      const home = await raw(ro, { path: '/?engine=default', headers: { cookie: roCookie } });
      expect(home.status).toBe(307);
      expect(home.headers.location).toBe('/containers?engine=default');
    } finally {
      await ro.stop();
    }
  }, 120_000);
});
