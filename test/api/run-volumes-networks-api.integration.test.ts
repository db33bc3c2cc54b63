import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../lib/protocol/audit';
import type { CreateContainerResult } from '../../lib/protocol/run-spec';
import { formatRunLine, parseRunLine } from '../../lib/protocol/run/run-line';
import { docker, servedPage, testRun, waitFor } from '../support/docker-cli';
import { startDockside, type RunningServer } from '../support/dockside-server';

// The run, volume and network routes through the real server: thin, validated, errors with the
// form field they concern, and what they do checked with the docker CLI.
const t = testRun('run-api');
let server: RunningServer;
const made: { volumes: string[]; networks: string[] } = { volumes: [], networks: [] };

beforeAll(async () => {
  server = await startDockside();
});
afterAll(async () => {
  await server?.stop();
  t.cleanup();
  for (const n of made.networks) docker('network', 'rm', n);
  if (made.volumes.length) docker('volume', 'rm', '-f', ...made.volumes);
});

const post = (path: string, body: unknown) =>
  server.api(path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-dockside-csrf': '1' }, body: JSON.stringify(body) });

describe('run routes', () => {
  it('runs a pasted line and the container serves its page', async () => {
    const name = t.name('web');
    const { spec, errors } = parseRunLine(`docker run -d --name ${name} -l ${t.label} -p 127.0.0.1::80 dockside/web`);
    expect(errors).toEqual([]);
    const res = await post('/api/run', { spec, start: true });
    expect(res.status).toBe(200);
    const body = (await res.json()) as CreateContainerResult;
    expect(body.started).toBe(true);
    // The engine's own create and start, timed apart from what Dockside adds (devtools, bench figure 16),
    // then Dockside's own read of the container for its page.
    expect(res.headers.get('server-timing')).toMatch(/^engine-create;dur=\d+(\.\d)?, engine-start;dur=\d+(\.\d)?, engine-inspect;dur=\d+(\.\d)?$/);
    // With the container as its page reads it (GET /api/containers/<id>), read after the start.
    expect(body.container?.container).toMatchObject({ id: body.id, name, state: { running: true, status: 'running' } });
    expect((body.container?.inspect as { Id: string }).Id).toBe(JSON.parse(docker('inspect', name))[0].Id);
    const page = await servedPage(name);
    expect(page.length).toBeGreaterThan(0);

    // Its run spec reads back as the line (only what differs from the image).
    const back = (await (await server.api(`/api/containers/${name}/run-spec`)).json()) as { spec: typeof spec };
    expect(formatRunLine(back.spec)).toBe(formatRunLine(spec));
  });

  it('answers an engine error with the field it concerns, and refuses a bad spec with 400', async () => {
    const name = t.name('taken');
    docker('create', '--label', t.label, '--name', name, 'dockside/busybox');
    const inUse = await post('/api/run', { spec: { image: 'dockside/busybox', name, labels: { 'dockside.test': t.run } }, start: false });
    expect(inUse.status).toBe(409);
    expect(await inUse.json()).toMatchObject({ code: 'conflict', field: 'name' });

    const bad = await post('/api/run', { spec: { image: 'dockside/busybox', mounts: [{ type: 'bind', source: 'relative', target: '/x', readOnly: false }] }, start: false });
    expect(bad.status).toBe(400);
    const noImage = await post('/api/run', { spec: { image: 'Not An Image' }, start: false });
    expect(noImage.status).toBe(400);
  });

  it('keeps the route rules: POST only, JSON only, 64 KiB, valid JSON; audited without env values; nothing made', async () => {
    const name = t.name('rules');
    const spec = { image: 'dockside/busybox', name, labels: { 'dockside.test': t.run }, env: ['SECRET_VALUE=hunter2-run'], command: ['sleep', '600'] };
    const auditFile = path.join(server.configDir, 'audit.log');
    // This test's own entries, told apart by a query parameter the route ignores: an entry is written
    // once its answer has been handed to the socket, so the previous test's last one may land later.
    const mark = `case=${name}`;
    const runEntries = () =>
      fs
        .readFileSync(auditFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as AuditEntry)
        .filter((e) => e.route === '/api/run' && (e.detail as { query?: { case?: string } } | undefined)?.query?.case === name);
    const send = (init: RequestInit) => server.api(`/api/run?${mark}`, { ...init, headers: { 'x-dockside-csrf': '1', ...(init.headers as Record<string, string>) } });
    const get = await send({ method: 'GET' });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await send({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ spec, start: true }) })).status).toBe(415);
    const big = await send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ spec: { ...spec, env: ['X='.padEnd(70 * 1024, 'x')] }, start: true }) });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ code: 'payload_too_large' });
    const notJson = await send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"spec":' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ code: 'bad_request', message: 'The body is not valid JSON.' });
    expect((await send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ spec }) })).status).toBe(400); // no `start`
    expect((await post(`/api/run?engine=no-such-engine&${mark}`, { spec, start: true })).status).toBe(404);
    expect(docker('ps', '-aq', '--filter', `name=^${name}$`)).toBe('');

    const made = await post(`/api/run?${mark}`, { spec, start: false });
    expect(made.status).toBe(200);
    expect(await made.json()).toMatchObject({ started: false, container: { container: { name, state: { status: 'created' } } } });
    // Written as each answer finishes (a GET is a read: not audited).
    const entries = await waitFor(() => (runEntries().length >= 6 ? runEntries() : null), 'the audit entries');
    expect(entries.map((e) => e.status)).toEqual([415, 413, 400, 400, 404, 200]);
    expect(entries.at(-1)).toMatchObject({ method: 'POST', outcome: 'ok', detail: { body: { start: false, spec: { image: 'dockside/busybox', name } } } });
    expect(fs.readFileSync(auditFile, 'utf8')).not.toContain('hunter2-run');
  });

  it('recreates over HTTP with a changed env, keeping the name', async () => {
    const name = t.name('edit');
    const id = docker('run', '-d', '--stop-timeout', '1', '--label', t.label, '--name', name, '-e', 'V=1', 'dockside/busybox', 'sleep', '600');
    const { spec } = (await (await server.api(`/api/containers/${name}/run-spec`)).json()) as { spec: Record<string, unknown> };
    const res = await post(`/api/containers/${name}/recreate`, { spec: { ...spec, env: ['V=2'] } });
    expect(res.status).toBe(200);
    const now = JSON.parse(docker('inspect', name))[0];
    expect(now.Id).not.toBe(id);
    expect(now.Config.Env).toContain('V=2');
    expect(now.State.Running).toBe(true);
  });
});

describe('volume and network routes', () => {
  it('creates, lists and removes a volume; refuses removal in use (409)', async () => {
    const name = t.name('vol');
    made.volumes.push(name);
    expect((await post('/api/volumes', { name, labels: { 'dockside.test': t.run } })).status).toBe(200);
    expect(docker('volume', 'ls', '-q')).toContain(name);
    docker('create', '--label', t.label, '--name', t.name('vol-user'), '-v', `${name}:/d`, 'dockside/busybox');
    const list = (await (await server.api('/api/volumes')).json()) as Array<{ name: string; usedBy: Array<{ name: string }> }>;
    expect(list.find((v) => v.name === name)?.usedBy.map((u) => u.name)).toEqual([t.name('vol-user')]);
    const refused = await server.api(`/api/volumes/${name}`, { method: 'DELETE', headers: { 'x-dockside-csrf': '1' } });
    expect(refused.status).toBe(409);
    docker('rm', t.name('vol-user'));
    expect((await server.api(`/api/volumes/${name}`, { method: 'DELETE', headers: { 'x-dockside-csrf': '1' } })).status).toBe(200);
    expect(docker('volume', 'ls', '-q').split('\n')).not.toContain(name);
  });

  it('creates a network, connects a container with an alias, refuses to remove bridge (403)', async () => {
    const name = t.name('net');
    made.networks.push(name);
    expect((await post('/api/networks', { name, subnet: '10.213.130.0/24', labels: { 'dockside.test': t.run } })).status).toBe(200);
    const c = t.name('net-c');
    docker('run', '-d', '--stop-timeout', '1', '--label', t.label, '--name', c, 'dockside/busybox', 'sleep', '600');
    expect((await post(`/api/networks/${name}/connect`, { container: c, aliases: ['db'], ipv4: '10.213.130.9' })).status).toBe(200);
    expect(JSON.parse(docker('inspect', c))[0].NetworkSettings.Networks[name].IPAddress).toBe('10.213.130.9');
    expect((await post('/api/networks', { name: 'bad name' })).status).toBe(400);
    expect((await server.api('/api/networks/bridge', { method: 'DELETE', headers: { 'x-dockside-csrf': '1' } })).status).toBe(403);
    expect((await post(`/api/networks/${name}/disconnect`, { container: c })).status).toBe(200);
  });
});
