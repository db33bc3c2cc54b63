import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistrySummary } from '../../lib/protocol/registries';
import type { TaskDetail, TaskSummary } from '../../lib/protocol/tasks';
import { encodeRecordHeader, FILE_RECORDS_TYPE } from '../../lib/protocol/file-records';
import { docker, removeImages, testRun } from '../support/docker-cli';
import { startDockside, type RunningServer } from '../support/dockside-server';
import { startRegistry, type TestRegistry } from '../support/registry';
import { recordedApi } from '../support/recorded-api';
import { tarOf } from '../support/tar-archive';
import { TestSocket } from '../support/ws-client';

// A build FROM an image on an authenticated registry pulls it with the login stored in Dockside,
// sent to the engine only (X-Registry-Config), whatever the context: editor, folder or tar.
const t = testRun('moving-buildcreds');
const CANARY = `build-canary-${Math.random().toString(36).slice(2)}`;
let server: RunningServer;
const { responses, call, finished } = recordedApi(() => server);
let registry: TestRegistry;
let socket: TestSocket;
let tmp: string;
let base: string;
const made: string[] = [];

const dockerfile = (tag: string) => `FROM ${base}\nRUN echo built-from-private-${tag} > /built.txt\nCMD ["cat", "/built.txt"]\n`;
const options = (tag: string) => encodeURIComponent(JSON.stringify({ tags: [tag], labels: { 'dockside.test': t.run } }));

const contextTar = (files: Record<string, string>) => tarOf(Object.entries(files).map(([name, data]) => ({ name, data })));

function records(files: Record<string, string>): Buffer {
  return Buffer.concat(Object.entries(files).flatMap(([p, text]) => [Buffer.from(encodeRecordHeader({ path: p, size: Buffer.byteLength(text) })), Buffer.from(text)]));
}

type Way = 'tar' | 'folder' | 'editor';
async function build(way: Way, tag: string): Promise<TaskDetail> {
  made.push(tag);
  // The base image must come from the registry each time: only its layers may stay local.
  removeImages([base]);
  const text = dockerfile(tag);
  const r =
    way === 'editor'
      ? await call('/api/transfers/build', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dockerfileText: text, options: { tags: [tag], labels: { 'dockside.test': t.run } } }) })
      : way === 'tar'
        ? await call(`/api/transfers/build?options=${options(tag)}`, { method: 'POST', headers: { 'content-type': 'application/x-tar' }, body: new Uint8Array(await contextTar({ Dockerfile: text })) })
        : await call(`/api/transfers/build?options=${options(tag)}`, { method: 'POST', headers: { 'content-type': FILE_RECORDS_TYPE }, body: new Uint8Array(records({ Dockerfile: text })) });
  expect(r.status, r.text).toBe(202);
  return finished((r.body as TaskSummary).id);
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-buildcreds-'));
  registry = await startRegistry({ auth: { username: 'builder', password: CANARY } });
  // The CLI pushes the base image with a login of its own (a private DOCKER_CONFIG, logged out after).
  const cliConfig = path.join(tmp, 'cli');
  const env = { ...process.env, DOCKER_CONFIG: cliConfig };
  base = `${registry.address}/${t.run}/base:v1`;
  execFileSync('docker', ['tag', 'dockside/busybox', base], { env });
  execFileSync('docker', ['login', '-u', 'builder', '--password-stdin', registry.address], { env, input: CANARY, stdio: ['pipe', 'ignore', 'ignore'] });
  execFileSync('docker', ['push', base], { env, stdio: 'ignore' });
  execFileSync('docker', ['logout', registry.address], { env, stdio: 'ignore' });
  removeImages([base]);
  // The server reads no docker CLI logins: an empty DOCKER_CONFIG of its own.
  server = await startDockside([], { DOCKER_CONFIG: path.join(tmp, 'server-docker-config') });
  socket = await TestSocket.connect(server.url, { authorization: `Bearer ${server.token}` });
  socket.send({ op: 'open', ch: 1, kind: 'tasks' });
  await socket.waitFor((f) => f.op === 'opened' && f.ch === 1);
});

afterAll(async () => {
  socket?.close();
  removeImages([...made, base]);
  t.cleanup();
  await server?.stop();
  await registry?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('builds pull private base images with stored credentials', () => {
  it('fails clearly without a stored login', async () => {
    for (const way of ['tar', 'editor'] as const) {
      const task = await build(way, `dst-${t.run}-nologin-${way}:v1`);
      expect(task.state).toBe('failed');
      expect(task.error?.message).toMatch(/refused to give a base image without a login/);
      expect(task.error?.message).toMatch(/no stored login for it: add the registry on the Registries page/);
    }
  });

  it('succeeds from a tar, a folder and the editor once the login is stored; the password is in no response, frame, log or audit line', async () => {
    const added = await call('/api/registries', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ address: registry.address, username: 'builder', password: CANARY }) });
    expect(added.status, added.text).toBe(200);
    expect((added.body as RegistrySummary).address).toBe(registry.address);
    for (const way of ['tar', 'folder', 'editor'] as const) {
      const tag = `dst-${t.run}-built-${way}:v1`;
      const task = await build(way, tag);
      expect(task.state, task.log.join('\n')).toBe('succeeded');
      expect(task.log.join('\n')).toContain(`Stored logins sent to the engine for the base images' registries: ${registry.address}.`);
      // The oracle: the CLI runs what was built, on top of the base it pulled.
      expect(docker('run', '--rm', '--label', `dockside.test=${t.run}`, tag)).toBe(`built-from-private-${tag}`);
      expect(docker('image', 'inspect', '--format', '{{.Id}}', base)).toMatch(/^sha256:/);
    }
    const audit = fs.readFileSync(path.join(server.configDir, 'audit.log'), 'utf8');
    expect(audit).toContain('task:build');
    for (const [where, text] of [
      ['responses', responses.join('\n')],
      ['frames', JSON.stringify(socket.frames)],
      ['server output', server.output()],
      ['audit log', audit],
      ['task history', fs.readFileSync(path.join(server.configDir, 'tasks.json'), 'utf8')],
    ] as const) {
      expect(text.includes(CANARY), `${where} contain the password`).toBe(false);
    }
  });
});
