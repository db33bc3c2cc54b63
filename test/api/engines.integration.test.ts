import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../lib/protocol/containers';
import type { EngineInfo } from '../../lib/protocol/engines';
import { runContainer, testRun, waitFor } from '../support/docker-cli';
import { startDockside, type RunningServer } from '../support/dockside-server';

/**
 * The user's docker contexts as engines, in a `~/.docker` the docker CLI itself writes
 * (`docker context create`): a context on this test's engine works like the default engine, one whose
 * TLS key went missing is listed with the reason and answers 503, and a context created while
 * Dockside runs shows up without a restart. `GET /api/engines` lists them all.
 */
const t = testRun('engines');
let dir: string;
let server: RunningServer;
let keyPem = '';

const cli = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8', env: { ...process.env, DOCKER_CONFIG: path.join(dir, 'docker') }, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const engines = async () => {
  const res = await server.api('/api/engines');
  expect(res.status).toBe(200);
  const text = await res.text();
  expect(text).not.toContain(keyPem.split('\n')[1]); // TLS keys never leave the server.
  return JSON.parse(text) as EngineInfo[];
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-engines-'));
  // A certificate and key the CLI accepts (it checks the PEM); nothing listens where they point.
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=dockside-test'], { stdio: 'ignore' });
  keyPem = fs.readFileSync(path.join(dir, 'key.pem'), 'utf8');
  cli('context', 'create', 'sbx', '--description', 'this test engine', '--docker', `host=${process.env.DOCKER_HOST}`);
  const pem = (f: string) => path.join(dir, f);
  cli('context', 'create', 'tls-gone', '--docker', `host=tcp://127.0.0.1:9,ca=${pem('cert.pem')},cert=${pem('cert.pem')},key=${pem('key.pem')}`);
  const id = crypto.createHash('sha256').update('tls-gone').digest('hex');
  fs.rmSync(path.join(dir, 'docker', 'contexts', 'tls', id, 'docker', 'key.pem'));
  server = await startDockside([], { DOCKER_CONFIG: path.join(dir, 'docker') });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  t.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('docker contexts as engines', () => {
  it('lists the default engine first, then each context with where it comes from and its status', async () => {
    // The list answers at once; an engine not checked yet says so until its check has finished.
    const list = await waitFor(async () => {
      const rows = await engines();
      return rows.every((r) => !r.status.checking) ? rows : null;
    }, 'every engine to have been checked');
    expect(list.map((e) => e.name)).toEqual(['default', 'sbx', 'tls-gone']);
    expect(list[0]).toMatchObject({ source: 'default', kind: 'docker', label: process.env.DOCKER_HOST, status: { name: 'default', reachable: true } });
    expect(list[1]).toMatchObject({ source: 'context', description: 'this test engine', label: process.env.DOCKER_HOST, status: { reachable: true } });
    expect(list[2]).toMatchObject({ source: 'context', label: 'tcp://127.0.0.1:9', status: { reachable: false } });
    expect(list[2]!.status.error).toMatch(/Docker context `tls-gone`.*TLS client key is missing/);
  });

  it("drives a context's engine like any other, and answers a broken one with its reason", async () => {
    const id = runContainer(t.label, t.name('via-context'), []);
    const res = await server.api('/api/containers?all=1&engine=sbx');
    expect(res.status).toBe(200);
    expect(((await res.json()) as ContainerSummary[]).map((c) => c.id)).toContain(id);
    const inspect = await server.api(`/api/containers/${id}?engine=sbx`);
    expect(inspect.status).toBe(200);

    const broken = await server.api('/api/containers?engine=tls-gone');
    expect(broken.status).toBe(503);
    expect(await broken.json()).toMatchObject({ code: 'engine_unreachable', message: expect.stringMatching(/TLS client key is missing/) });
  });

  it('picks up a context created while it runs, and forgets one removed, without a restart', async () => {
    cli('context', 'create', 'later', '--docker', `host=${process.env.DOCKER_HOST}`);
    expect((await server.api('/api/containers?engine=later')).status).toBe(200);
    expect((await engines()).map((e) => e.name)).toContain('later');
    cli('context', 'rm', 'later');
    await waitFor(async () => !(await engines()).some((e) => e.name === 'later'), 'the removed context to go', 10_000);
    expect((await server.api('/api/containers?engine=later')).status).toBe(404);
  });
});
