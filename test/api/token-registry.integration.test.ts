import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DigestTags, ManifestSummary, Page, RegistrySummary } from '../../lib/protocol/registries';
import type { TaskSummary } from '../../lib/protocol/tasks';
import { RegistryClient } from '../../server/registry/v2-client';
import { docker, imageExists, removeImages, testRun } from '../support/docker-cli';
import { startDockside, type RunningServer } from '../support/dockside-server';
import { startRegistry, type TestRegistry } from '../support/registry';
import { recordedApi, jsonPost as json } from '../support/recorded-api';

// Token auth (`WWW-Authenticate: Bearer realm=…`) against a real registry: Debian's docker-registry
// configured with `auth: token` and a token issuer signing JWTs with an openssl-made key.
const t = testRun('moving-token');
const CANARY = `token-canary-${Math.random().toString(36).slice(2)}`;
let server: RunningServer;
const { responses, call, finished } = recordedApi(() => server);
let registry: TestRegistry;
let tmp: string;
let id: string;
const made: string[] = [];

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-token-'));
  registry = await startRegistry({ tokenAuth: { username: 'tokenuser', password: CANARY } });
  server = await startDockside([], { DOCKER_CONFIG: path.join(tmp, 'docker-config') });
});

afterAll(async () => {
  removeImages(made);
  t.cleanup();
  await server?.stop();
  await registry?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('a token-auth registry', () => {
  it('challenges with Bearer and refuses a wrong password clearly, in the engine login and in the v2 browser', async () => {
    const challenge = await fetch(`${registry.url}/v2/`);
    expect(challenge.status).toBe(401);
    expect(challenge.headers.get('www-authenticate')).toMatch(/^Bearer realm="http:\/\/127\.0\.0\.1:\d+\/token",service="dockside-test-registry"/);
    const wrong = await call('/api/registries', json({ address: registry.address, username: 'tokenuser', password: 'not-the-password' }));
    expect(wrong.status).toBe(400);
    expect(wrong.text).toMatch(/refused the login/);
    await expect(new RegistryClient(registry.url, { username: 'tokenuser', password: 'not-the-password' }).catalog(10)).rejects.toThrow(/refused the stored credentials \(token request\)/);
    await expect(new RegistryClient(registry.url).catalog(10)).rejects.toThrow(/refused/);
  });

  it('stores the login (checked by the engine), pushes and pulls through the engine with it, and the docker CLI sees the result', async () => {
    const added = await call('/api/registries', json({ address: registry.address, username: 'tokenuser', password: CANARY }));
    expect(added.status, added.text).toBe(200);
    id = (added.body as RegistrySummary).id;
    for (const tag of ['v1', 'v2']) {
      const ref = `${registry.address}/${t.run}/app:${tag}`;
      made.push(ref);
      const push = await call('/api/transfers/push', json({ source: 'dockside/busybox', reference: ref }));
      expect(push.status, push.text).toBe(202);
      const pushed = await finished((push.body as TaskSummary).id);
      expect(pushed.state, pushed.message).toBe('succeeded');
    }
    // The issuer handed out tokens for exactly those pushes, to that user.
    expect(registry.issuer!.requests.some((r) => r.startsWith('tokenuser ') && r.includes(`repository:${t.run}/app:push,pull`))).toBe(true);
    const ref = `${registry.address}/${t.run}/app:v1`;
    docker('rmi', ref);
    expect(imageExists(ref)).toBe(false);
    const pull = await call('/api/transfers/pull', json({ reference: ref }));
    const pulled = await finished((pull.body as TaskSummary).id);
    expect(pulled.state, pulled.message).toBe('succeeded');
    expect(imageExists(ref)).toBe(true);
  });

  it('browses with tokens: catalog, tags, manifest, every tag of a digest, and delete by digest', async () => {
    const catalog = await call(`/api/registries/${id}/catalog?n=100`);
    expect(catalog.status, catalog.text).toBe(200);
    expect((catalog.body as Page<string>).items).toContain(`${t.run}/app`);
    const repo = encodeURIComponent(`${t.run}/app`);
    const tags = await call(`/api/registries/${id}/tags?repo=${repo}`);
    expect((tags.body as Page<string>).items.sort()).toEqual(['v1', 'v2']);
    const manifest = await call(`/api/registries/${id}/manifest?repo=${repo}&ref=v1`);
    expect(manifest.status, manifest.text).toBe(200);
    const digest = (manifest.body as ManifestSummary).digest;
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    // The oracle: the digest the engine recorded when it pushed.
    expect(docker('image', 'inspect', '--format', '{{join .RepoDigests ","}}', `${registry.address}/${t.run}/app:v1`)).toContain(digest);
    const sharing = await call(`/api/registries/${id}/digest-tags?repo=${repo}&digest=${digest}`);
    expect((sharing.body as DigestTags).tags.sort()).toEqual(['v1', 'v2']);
    const del = await call(`/api/registries/${id}/manifest?repo=${repo}&digest=${digest}`, { method: 'DELETE' });
    expect(del.status, del.text).toBe(200);
    const after = await call(`/api/registries/${id}/tags?repo=${repo}`);
    expect((after.body as Page<string>).items ?? []).toEqual([]);

    const audit = fs.readFileSync(path.join(server.configDir, 'audit.log'), 'utf8');
    for (const [where, text] of [
      ['responses', responses.join('\n')],
      ['server output', server.output()],
      ['audit log', audit],
      ['token issuer log', registry.issuer!.requests.join('\n')],
    ] as const) {
      expect(text.includes(CANARY), `${where} contain the password`).toBe(false);
    }
  });
});
