import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistrySummary } from '../../lib/protocol/registries';
import type { TaskSummary } from '../../lib/protocol/tasks';
import { encodeRecordHeader, FILE_RECORDS_TYPE } from '../../lib/protocol/file-records';
import { docker, imageExists, removeImages, testRun } from '../support/docker-cli';
import { startDockside, type RunningServer } from '../support/dockside-server';
import { startRegistry, type TestRegistry } from '../support/registry';
import { recordedApi, jsonPost as json } from '../support/recorded-api';
import { TestSocket } from '../support/ws-client';
import { ownPage, raw, signIn } from '../security/support';

// Through the real server: credentials stay on it, tasks reach every socket, uploads are bounded.
const t = testRun('moving-http');
const CANARY = `pw-canary-${Math.random().toString(36).slice(2)}`;
const LIMIT = 256 * 1024;
let server: RunningServer;
const { responses, call, finished } = recordedApi(() => server);
let secured: TestRegistry;
let socket: TestSocket;
const made: string[] = [];

beforeAll(async () => {
  secured = await startRegistry({ auth: { username: 'tester', password: CANARY } });
  server = await startDockside([], { DOCKSIDE_UPLOAD_LIMIT_BYTES: String(LIMIT), DOCKSIDE_BUILD_CONTEXT_LIMIT_BYTES: String(LIMIT) });
  socket = await TestSocket.connect(server.url, { authorization: `Bearer ${server.token}` });
  socket.send({ op: 'open', ch: 1, kind: 'tasks' });
  await socket.waitFor((f) => f.op === 'opened' && f.ch === 1);
});

afterAll(async () => {
  socket?.close();
  removeImages(made);
  t.cleanup();
  await server?.stop();
  await secured?.stop();
});

describe('registry credentials through the server', () => {
  it('refuses a wrong password (checked by the engine) and stores a right one 0600, answering with an id only', async () => {
    const wrong = await call('/api/registries', json({ address: secured.address, username: 'tester', password: 'not-it' }));
    expect(wrong.status).toBe(400);
    expect(wrong.text).toMatch(/refused the login/);
    const added = await call('/api/registries', json({ address: secured.address, username: 'tester', password: CANARY }));
    expect(added.status, added.text).toBe(200);
    const summary = added.body as RegistrySummary;
    expect(summary).toMatchObject({ address: secured.address, username: 'tester', source: 'dockside', transport: 'http (loopback)' });
    const file = path.join(server.configDir, 'registries.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const list = await call('/api/registries');
    expect((list.body as RegistrySummary[]).map((r) => r.address)).toEqual(expect.arrayContaining(['docker.io', secured.address]));
  });

  it('pushes with the stored credentials (tag first), browses, pulls back, and the password is in no response, frame, log or audit line', async () => {
    const ref = `${secured.address}/${t.run}/app:v1`;
    made.push(ref);
    const push = await call('/api/transfers/push', json({ source: 'dockside/busybox', reference: ref }));
    expect(push.status, push.text).toBe(202);
    const pushed = await finished((push.body as TaskSummary).id);
    expect(pushed.state, pushed.message).toBe('succeeded');
    const id = (JSON.parse((await call('/api/registries')).text) as RegistrySummary[]).find((r) => r.address === secured.address)!.id;
    const tags = await call(`/api/registries/${id}/tags?repo=${encodeURIComponent(`${t.run}/app`)}`);
    expect(tags.body).toMatchObject({ items: ['v1'] });
    const manifest = await call(`/api/registries/${id}/manifest?repo=${encodeURIComponent(`${t.run}/app`)}&ref=v1`);
    expect(manifest.status, manifest.text).toBe(200);
    docker('rmi', ref);
    const pull = await call('/api/transfers/pull', json({ reference: ref }));
    const pulled = await finished((pull.body as TaskSummary).id);
    expect(pulled.state, pulled.message).toBe('succeeded');
    expect(docker('image', 'inspect', '--format', '{{.Id}}', ref)).toMatch(/^sha256:/);
    // The pull's progress reached the socket as task frames.
    await socket.waitFor((f) => f.op === 'task' && (f as { task: TaskSummary }).task.id === (pull.body as TaskSummary).id && (f as { task: TaskSummary }).task.state === 'succeeded');

    const audit = fs.readFileSync(path.join(server.configDir, 'audit.log'), 'utf8');
    expect(audit).toContain('task:pull');
    for (const [where, text] of [
      ['responses', responses.join('\n')],
      ['frames', JSON.stringify(socket.frames)],
      ['server output', server.output()],
      ['audit log', audit],
    ] as const) {
      expect(text.includes(CANARY), `${where} contain the password`).toBe(false);
    }
    const logout = await call(`/api/registries/${id}`, { method: 'DELETE' });
    expect(logout.status).toBe(200);
    expect(fs.readFileSync(path.join(server.configDir, 'registries.json'), 'utf8')).not.toContain(CANARY);
  });
});

describe('uploads are bounded', () => {
  it('refuses a declared over-limit load with 413 before the engine sees a byte', async () => {
    const big = Buffer.alloc(LIMIT + 1024);
    const target = `declared-${t.run}.tar`;
    const r = await raw(server, { method: 'POST', path: `/api/transfers/load?filename=${target}`, headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/x-tar', 'content-length': String(big.length) }, body: big });
    expect(r.status).toBe(413);
    expect(r.body).toMatch(/limit/);
    // No task was started, so no engine request was made.
    expect(((await call('/api/tasks')).body as TaskSummary[]).some((x) => x.target === target)).toBe(false);
  });

  it('stops a chunked over-limit import (no Content-Length) with 413 and leaves the engine unchanged', async () => {
    const big = Buffer.alloc(LIMIT * 2);
    const r = await raw(server, { method: 'POST', path: `/api/transfers/import?reference=dst-${t.run}-toolarge:v1`, headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/x-tar' }, body: big, chunked: true });
    expect(r.status).toBe(413);
    expect(imageExists(`dst-${t.run}-toolarge:v1`)).toBe(false);
    const tasks = (await call('/api/tasks')).body as TaskSummary[];
    expect(tasks.find((x) => x.kind === 'import' && x.target === `dst-${t.run}-toolarge:v1`)).toMatchObject({ state: 'failed', error: { code: 'payload_too_large' } });
  });
});

describe('a browser that goes away mid-upload', () => {
  it('fails the load cleanly, says what happened, and leaves the engine unchanged', async () => {
    // A tag only this archive carries: if anything of it were loaded, the tag would be back.
    const ref = `dst-${t.run}-cut:v1`;
    docker('tag', 'dockside/busybox', ref);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-cut-'));
    const file = path.join(dir, 'img.tar');
    docker('save', '-o', file, ref);
    docker('rmi', ref);
    // Under this server's upload limit: what is cut is the connection, not the size.
    const whole = fs.readFileSync(file).subarray(0, LIMIT - 1024);
    fs.rmSync(dir, { recursive: true, force: true });
    const target = `cut-${t.run}.tar`;
    await new Promise<void>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port: server.port, method: 'POST', path: `/api/transfers/load?filename=${target}`, headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/x-tar', 'content-length': String(whole.length) } });
      req.on('error', () => resolve());
      req.write(whole.subarray(0, Math.floor(whole.length / 2)), () => setTimeout(() => (req.destroy(), resolve()), 300));
    });
    const deadline = Date.now() + 20_000;
    let task: TaskSummary | undefined;
    while (Date.now() < deadline) {
      task = ((await call('/api/tasks')).body as TaskSummary[]).find((x) => x.kind === 'load' && x.target === target);
      if (task && task.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(task).toMatchObject({ state: 'failed' });
    expect(task!.message).toMatch(/cut off/);
    expect(imageExists(ref)).toBe(false);
  });
});

describe('an upload cancelled while the browser still sends', () => {
  // Bigger than every buffer on the way (the server's reads, the sockets'), so a server that stopped
  // reading would leave the browser's writes waiting for ever. Its own server: the file's limit is 256 KiB.
  const SIZE = 24 * 1024 * 1024;
  let big: RunningServer;
  beforeAll(async () => {
    big = await startDockside([], { DOCKSIDE_UPLOAD_LIMIT_BYTES: String(2 * SIZE) });
  });
  afterAll(async () => {
    await big?.stop();
  });

  it('answers once the browser has sent it all, with the task cancelled', { timeout: 60_000 }, async () => {
    // `docker load` stores the whole upload before it reads it: random bytes keep it reading until cancelled.
    const whole = crypto.randomBytes(SIZE);
    const target = `cancel-${t.run}.tar`;
    const auth = { authorization: `Bearer ${big.token}` };
    const req = http.request({ host: '127.0.0.1', port: big.port, method: 'POST', path: `/api/transfers/load?filename=${target}`, headers: { ...auth, 'content-type': 'application/x-tar', 'content-length': String(SIZE) } });
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
    });
    await new Promise<void>((r) => req.write(whole.subarray(0, SIZE / 8), () => r()));
    const tasks = async () => (await (await fetch(`${big.url}/api/tasks`, { headers: auth })).json()) as TaskSummary[];
    let task: TaskSummary | undefined;
    for (const deadline = Date.now() + 20_000; !task && Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
      task = (await tasks()).find((x) => x.kind === 'load' && x.target === target && x.state === 'running');
    }
    expect(task).toBeDefined();
    const cancelled = await fetch(`${big.url}/api/tasks/${task!.id}/cancel`, { method: 'POST', headers: auth });
    expect(cancelled.status).toBe(200);
    // The browser is still sending: the rest goes, and the answer comes (no reset, no hang).
    req.end(whole.subarray(SIZE / 8));
    const { status, body } = await answer;
    expect(status).toBe(202);
    expect(JSON.parse(body)).toMatchObject({ id: task!.id, state: 'cancelled' });
  });
});

describe('build from an uploaded folder', () => {
  it('applies .dockerignore before the tar is made, and the image runs', async () => {
    const files: [string, string][] = [
      ['.dockerignore', 'secret.txt\nnode_modules\n'],
      ['Dockerfile', 'FROM dockside/busybox\nCOPY . /ctx\nCMD ["ls", "-A", "/ctx"]\n'],
      ['secret.txt', 'do not send'],
      ['node_modules/x.js', 'nope'],
      ['app/main.txt', 'kept'],
    ];
    const body = Buffer.concat(files.flatMap(([p, text]) => [Buffer.from(encodeRecordHeader({ path: p, size: Buffer.byteLength(text) })), Buffer.from(text)]));
    const ref = `dst-${t.run}-folder:v1`;
    made.push(ref);
    const options = encodeURIComponent(JSON.stringify({ tags: [ref], labels: { 'dockside.test': t.run } }));
    const r = await call(`/api/transfers/build?options=${options}`, { method: 'POST', headers: { 'content-type': FILE_RECORDS_TYPE }, body });
    expect(r.status, r.text).toBe(202);
    const task = await finished((r.body as TaskSummary).id);
    expect(task.state, task.log.join('\n')).toBe('succeeded');
    expect(task.log.join('\n')).toMatch(/2 left out by \.dockerignore/);
    const listing = docker('run', '--rm', '--label', `dockside.test=${t.run}`, ref).split('\n').sort();
    expect(listing).toEqual(['.dockerignore', 'Dockerfile', 'app']);
    expect(docker('run', '--rm', '--label', `dockside.test=${t.run}`, ref, 'stat', '-c', '%u:%g', '/ctx/app/main.txt')).toBe('0:0');
  });

  it('saves through the server as a download the CLI loads', async () => {
    const ref = `dst-${t.run}-folder:v1`;
    const res = await server.api(`/api/images/get?names=${encodeURIComponent(ref)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-save-'));
    const file = path.join(dir, 'x.tar');
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    docker('rmi', ref);
    execFileSync('docker', ['load', '-i', file], { stdio: 'ignore' });
    expect(docker('image', 'inspect', '--format', '{{.Id}}', ref)).toMatch(/^sha256:/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('the gate covers the routes the custom server answers', () => {
  it('refuses a cross-site or header-less start, and a cross-site save download', async () => {
    const cookie = await signIn(server);
    const page = ownPage(server, cookie);
    const body = JSON.stringify({ reference: 'dockside/busybox' });
    const { 'x-dockside-csrf': _csrf, ...noHeader } = page;
    for (const headers of [noHeader, { ...page, origin: 'http://evil.example' }]) {
      const r = await raw(server, { method: 'POST', path: '/api/transfers/pull', headers, body });
      expect(r.status).toBe(403);
    }
    const crossSiteSave = await raw(server, { path: '/api/images/get?names=dockside/busybox', headers: { cookie, 'sec-fetch-site': 'cross-site' } });
    expect(crossSiteSave.status).toBe(403);
    const ok = await raw(server, { method: 'POST', path: '/api/transfers/pull', headers: page, body: JSON.stringify({ reference: `dst-${t.run}-nosuch:v1` }) });
    expect(ok.status).toBe(202);
  });
});

describe('read-only mode', () => {
  it('refuses save, export, pull, build and load', async () => {
    const ro = await startDockside(['--read-only']);
    try {
      const auth = { authorization: `Bearer ${ro.token}` };
      expect((await ro.api('/api/images/get?names=dockside/busybox')).status).toBe(403);
      expect((await ro.api('/api/containers/anything/export')).status).toBe(403);
      for (const p of ['/api/transfers/pull', '/api/transfers/build', '/api/transfers/load', '/api/transfers/import', '/api/registries']) {
        const r = await raw(ro, { method: 'POST', path: p, headers: { ...auth, 'content-type': 'application/json' }, body: '{}' });
        expect(r.status, p).toBe(403);
      }
    } finally {
      await ro.stop();
    }
  });
});
