import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../lib/protocol/audit';
import { waitFor } from '../support/docker-cli';
import { startDockside, type RunningServer } from '../support/dockside-server';
import { TestSocket } from '../support/ws-client';
import { bearer, engineFixture, ownPage, raw, signIn } from './support';

// Every mutation leaves a line: who, from where, what, on which target, how it ended, when.
let server: RunningServer;
let fx: ReturnType<typeof engineFixture>;
let cookie: string;
let file: string;

beforeAll(async () => {
  fx = engineFixture('sec-audit');
  server = await startDockside();
  cookie = await signIn(server);
  file = path.join(server.configDir, 'audit.log');
});
afterAll(async () => {
  await server?.stop();
  fx?.cleanupAll();
});

const entries = (): AuditEntry[] =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AuditEntry);

describe('audit log', () => {
  it('records mutations by token and by session, refused ones too, without secrets', async () => {
    const started = Date.now();
    const actions = `/api/containers/${fx.runningName}/actions`;
    const byToken = await raw(server, { method: 'POST', path: actions, headers: { ...bearer(server), 'content-type': 'application/json', 'x-registry-auth': 'c2VjcmV0' }, body: JSON.stringify({ action: 'pause' }) });
    expect(byToken.status).toBe(200);
    const bySession = await raw(server, { method: 'POST', path: actions, headers: ownPage(server, cookie), body: JSON.stringify({ action: 'unpause' }) });
    expect(bySession.status).toBe(200);
    const crossSite = await raw(server, { method: 'POST', path: actions, headers: { ...ownPage(server, cookie), origin: 'http://evil.example' }, body: JSON.stringify({ action: 'kill' }) });
    expect(crossSite.status).toBe(403);
    const missing = await raw(server, { method: 'DELETE', path: `/api/containers/nosuch-${fx.run}?force=1`, headers: bearer(server) });
    expect(missing.status).toBe(404);

    await waitFor(() => entries().length >= 4, 'four audit entries');
    const log = entries();
    const pause = log.find((e) => e.action === 'pause');
    expect(pause).toMatchObject({ who: 'bearer', remote: '127.0.0.1', method: 'POST', route: actions, target: fx.runningName, status: 200, outcome: 'ok', detail: { body: { action: 'pause' } } });
    expect(Date.parse(pause!.time)).toBeGreaterThanOrEqual(started - 1000);
    const unpause = log.find((e) => e.action === 'unpause');
    expect(unpause?.who).toMatch(/^session:[0-9a-f]{8}$/);
    expect(unpause).toMatchObject({ status: 200, outcome: 'ok' });
    const refused = log.find((e) => e.status === 403);
    expect(refused).toMatchObject({ method: 'POST', route: actions, target: fx.runningName, outcome: 'refused' });
    const failed = log.find((e) => e.method === 'DELETE');
    expect(failed).toMatchObject({ target: `nosuch-${fx.run}`, status: 404, outcome: 'failed', detail: { query: { force: '1' } } });

    const text = fs.readFileSync(file, 'utf8');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(text).not.toContain(server.token);
    expect(text).not.toContain(cookie.split('=')[1]!);
    expect(text).not.toContain('c2VjcmV0');
  });

  it('does not record reads', async () => {
    const before = entries().length;
    await raw(server, { path: '/api/containers', headers: bearer(server) });
    await raw(server, { method: 'HEAD', path: '/api/containers', headers: bearer(server) });
    await raw(server, { path: '/containers', headers: { cookie } });
    expect(entries().length).toBe(before);
  });

  it('records exec opens on the socket with the program, never its arguments', async () => {
    const sock = await TestSocket.connect(server.url, { Cookie: cookie, Origin: `http://127.0.0.1:${server.port}` });
    try {
      sock.send({ op: 'open', ch: 1, kind: 'exec', params: { container: fx.runningName, cmd: ['sh', '-c', 'echo arg-canary-123'], cols: 80, rows: 24 } });
      await sock.waitFor((f) => (f.op === 'opened' || f.op === 'error') && 'ch' in f && f.ch === 1);
      const exec = await waitFor(() => entries().find((e) => e.method === 'WS'), 'the exec audit entry');
      expect(exec).toMatchObject({ route: '/ws exec', action: 'exec', target: fx.runningName, outcome: 'requested', detail: { program: 'sh', args: 2 } });
      expect(exec.who).toMatch(/^session:/);
      expect(fs.readFileSync(file, 'utf8')).not.toContain('arg-canary-123');
    } finally {
      sock.close();
    }
  });

  it('serves the newest entries first at GET /api/audit?limit=N, with the limit validated', async () => {
    const res = await raw(server, { path: '/api/audit?limit=2', headers: bearer(server) });
    expect(res.status).toBe(200);
    const list = JSON.parse(res.body) as AuditEntry[];
    expect(list).toHaveLength(2);
    expect(Date.parse(list[0]!.time)).toBeGreaterThanOrEqual(Date.parse(list[1]!.time));
    const all = entries();
    expect(list[0]).toEqual(all[all.length - 1]);
    for (const bad of ['0', '-1', 'abc', '100000']) expect((await raw(server, { path: `/api/audit?limit=${bad}`, headers: bearer(server) })).status, bad).toBe(400);
    expect((await raw(server, { path: '/api/audit' })).status).toBe(401);
  });
});
