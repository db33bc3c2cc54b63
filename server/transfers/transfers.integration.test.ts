import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskDetail, TransferProgress } from '../../lib/protocol/tasks';
import { docker, imageExists, removeImages, testRun, waitFor } from '../../test/support/docker-cli';
import { startRegistry, type TestRegistry } from '../../test/support/registry';
import { getEngine } from '../engine/registry';
import { RegistryClient } from '../registry/v2-client';
import { taskManager } from '../tasks/task-manager';
import { dockerfileOnlyTar } from './context-tar';
import { startBuild, startPull, startPush, startUploadTask } from './runners';

const t = testRun('moving');
const api = () => getEngine().transfers;
const tag = (source: string, target: string) => getEngine().images.tag(source, target);
const who = { who: 'test' };
const CANARY = `canary-${Math.random().toString(36).slice(2)}-pw`;
let open: TestRegistry;
let secured: TestRegistry;
let tmp: string;
const made: string[] = [];

async function finished(id: string, timeoutMs = 60_000): Promise<TaskDetail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const task = taskManager().get(id)!;
    if (task.state !== 'running') return task;
    if (Date.now() > deadline) throw new Error(`task ${id} still running: ${task.message}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-moving-'));
  // The CLI's logins for this file only (never the user's ~/.docker).
  process.env.DOCKER_CONFIG = path.join(tmp, 'docker-config');
  [open, secured] = await Promise.all([startRegistry(), startRegistry({ auth: { username: 'tester', password: CANARY } })]);
});

afterAll(async () => {
  removeImages(made);
  t.cleanup();
  await Promise.all([open?.stop(), secured?.stop()]);
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('pull and push against a real registry', () => {
  it('pushes (tagging first) to the open registry, then pulls it back with a bar that never goes back', async () => {
    const ref = `${open.address}/${t.run}/busybox:v1`;
    made.push(ref);
    const push = await finished(startPush(api(), tag, { source: 'dockside/busybox', reference: ref }, who).id);
    expect(push.state, push.message).toBe('succeeded');
    const digest = (push.progress as TransferProgress).digest!;
    expect(digest).toMatch(/^sha256:/);
    // The registry has it (oracle: the registry's own API).
    const tags = (await (await fetch(`${open.url}/v2/${t.run}/busybox/tags/list`)).json()) as { tags: string[] };
    expect(tags.tags).toContain('v1');

    docker('rmi', ref);
    expect(imageExists(ref)).toBe(false);
    const fractions: number[] = [];
    const off = taskManager().subscribe((s) => {
      if (s.kind === 'pull' && s.target === ref && s.progress?.kind === 'pull') fractions.push(s.progress.fraction);
    });
    const pull = await finished(startPull(api(), { reference: ref }, who).id);
    off();
    expect(pull.state, pull.message).toBe('succeeded');
    expect(pull.message).toMatch(/Status|up to date|Downloaded/i);
    expect(imageExists(ref)).toBe(true);
    expect(fractions.at(-1)).toBe(1);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]!);
  });

  it('fails a push to the authenticated registry without credentials, from the in-stream error', async () => {
    const ref = `${secured.address}/${t.run}/nocreds:v1`;
    made.push(ref);
    const push = await finished(startPush(api(), tag, { source: 'dockside/busybox', reference: ref }, who).id);
    expect(push.state).toBe('failed');
    expect(push.error?.message).toMatch(/auth/i);
  });

  it('pushes with stored credentials; the docker CLI pulls what Dockside pushed; the password appears nowhere', async () => {
    const ref = `${secured.address}/${t.run}/app:v1`;
    made.push(ref);
    const auth = { username: 'tester', password: CANARY, serveraddress: secured.address };
    expect((await api().checkAuth(auth)).status).toMatch(/Login Succeeded/i);
    await expect(api().checkAuth({ ...auth, password: 'wrong' })).rejects.toThrow(/refused the login/);
    const push = await finished(startPush(api(), tag, { source: 'dockside/busybox', reference: ref, auth }, who).id);
    expect(push.state, push.message).toBe('succeeded');
    expect(JSON.stringify(push)).not.toContain(CANARY);
    docker('rmi', ref);
    execLogin(secured);
    docker('pull', ref);
    expect(imageExists(ref)).toBe(true);
  });
});

function execLogin(r: TestRegistry): void {
  const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
  execFileSync('docker', ['login', '-u', r.auth!.username, '--password-stdin', r.address], { input: r.auth!.password, stdio: ['pipe', 'ignore', 'ignore'] });
}

describe('registry browser (v2 API, basic auth)', () => {
  it('lists the catalog and tags, reads a manifest, finds every tag sharing a digest, and deletes by digest', async () => {
    const base = `${secured.address}/${t.run}/browse`;
    for (const name of ['a', 'b']) {
      made.push(`${base}:${name}`);
      const push = await finished(startPush(api(), tag, { source: 'dockside/busybox', reference: `${base}:${name}`, auth: { username: 'tester', password: CANARY, serveraddress: secured.address } }, who).id);
      expect(push.state, push.message).toBe('succeeded');
    }
    const client = new RegistryClient(secured.url, secured.auth);
    const anonymous = new RegistryClient(secured.url);
    await expect(anonymous.catalog(10)).rejects.toThrow(/needs a login/);
    const catalog = await client.catalog(1000);
    expect(catalog.items).toContain(`${t.run}/browse`);
    const page = await client.catalog(1);
    expect(page.items).toHaveLength(1);
    expect(page.next).toBeTruthy();
    expect((await client.tags(`${t.run}/browse`, 100)).items.sort()).toEqual(['a', 'b']);
    const m = await client.manifest(`${t.run}/browse`, 'a');
    expect(m.kind).toBe('image');
    expect(m.layers.length).toBeGreaterThan(0);
    expect(m.totalSize).toBeGreaterThan(0);
    const digest = await client.digest(`${t.run}/browse`, 'a');
    expect(digest).toBe(m.digest);
    const sharing = await client.tagsForDigest(`${t.run}/browse`, digest!);
    expect(sharing.tags.sort()).toEqual(['a', 'b']);
    await client.deleteManifest(`${t.run}/browse`, digest!);
    expect(await client.digest(`${t.run}/browse`, 'a')).toBeNull();
    expect(await client.digest(`${t.run}/browse`, 'b')).toBeNull();
  });
});

describe('save/load, export/import, build with the docker CLI on the other side', () => {
  it('saves an image that docker load restores', async () => {
    const ref = `dst-${t.run}-saved:v1`;
    made.push(ref);
    docker('tag', 'dockside/busybox', ref);
    const file = path.join(tmp, 'saved.tar');
    await pipeline(await api().save([ref], AbortSignal.timeout(60_000)), fs.createWriteStream(file));
    docker('rmi', ref);
    expect(imageExists(ref)).toBe(false);
    docker('load', '-i', file);
    expect(imageExists(ref)).toBe(true);
  });

  it('loads a tar the CLI saved, and lists the loaded image', async () => {
    const ref = `dst-${t.run}-loadme:v1`;
    made.push(ref);
    docker('tag', 'dockside/busybox', ref);
    const file = path.join(tmp, 'cli-saved.tar');
    docker('save', '-o', file, ref);
    docker('rmi', ref);
    const size = fs.statSync(file).size;
    const task = await finished(startUploadTask('load', api(), { target: 'cli-saved.tar', body: fs.createReadStream(file), total: size, detail: {} }, who).id);
    expect(task.state, task.message).toBe('succeeded');
    expect(task.images).toContain(ref);
    expect(imageExists(ref)).toBe(true);
  });

  it('exports a container that docker import turns into a runnable image', async () => {
    const id = docker('create', '--label', t.label, '--name', t.name('exp'), 'dockside/busybox', 'true');
    const file = path.join(tmp, 'export.tar');
    await pipeline(await api().exportContainer(id, AbortSignal.timeout(60_000)), fs.createWriteStream(file));
    const ref = `dst-${t.run}-cli-imported:v1`;
    made.push(ref);
    docker('import', file, ref);
    expect(docker('run', '--rm', '--label', t.label, ref, 'sh', '-c', 'echo exported-ok')).toBe('exported-ok');
  });

  it('imports a CLI export as a one-layer image with a tag, a message and a CMD change', async () => {
    const id = docker('create', '--label', t.label, '--name', t.name('imp'), 'dockside/busybox', 'true');
    const file = path.join(tmp, 'cli-export.tar');
    docker('export', '-o', file, id);
    const ref = `dst-${t.run}-imported:v2`;
    made.push(ref);
    const task = await finished(
      startUploadTask('import', api(), { target: ref, body: fs.createReadStream(file), total: fs.statSync(file).size, detail: {}, importOpts: { repo: `dst-${t.run}-imported`, tag: 'v2', message: 'from a test', changes: ['CMD ["echo","imported-ok"]'] } }, who).id,
    );
    expect(task.state, task.message).toBe('succeeded');
    expect(docker('run', '--rm', '--label', t.label, ref)).toBe('imported-ok');
    expect(docker('history', '--format', '{{.Comment}}', ref)).toContain('from a test');
    expect(docker('image', 'inspect', '--format', '{{len .RootFS.Layers}}', ref)).toBe('1');
  });

  it('builds from an editor-written Dockerfile (legacy builder) into an image that docker run runs', async () => {
    const ref = `dst-${t.run}-built:v1`;
    made.push(ref);
    const dockerfile = 'FROM dockside/busybox\nARG WORD=none\nRUN echo "built-$WORD" > /built.txt\nCMD ["cat", "/built.txt"]\n';
    const opts = { tags: [ref], dockerfile: 'Dockerfile', buildArgs: { WORD: 'ok' }, labels: { [t.label.split('=')[0]!]: t.run }, noCache: true, pull: false };
    const task = await finished(startBuild(api(), { context: () => dockerfileOnlyTar('Dockerfile', dockerfile), opts, source: 'editor' }, who).id);
    expect(task.state, task.log.join('\n')).toBe('succeeded');
    // Labels given to the build become one more step the legacy builder adds at the end.
    expect(task.progress, JSON.stringify(task.progress)).toMatchObject({ kind: 'build', builder: 'legacy', total: 5, current: 5 });
    expect(docker('run', '--rm', '--label', t.label, ref)).toBe('built-ok');
    // History matches the Dockerfile's steps.
    expect(docker('history', '--no-trunc', '--format', '{{.CreatedBy}}', ref)).toMatch(/built-\$WORD/);
  });

  it('fails a build whose RUN fails, at that step', async () => {
    const opts = { tags: [`dst-${t.run}-broken:v1`], dockerfile: 'Dockerfile', buildArgs: {}, labels: {}, noCache: true, pull: false };
    const task = await finished(startBuild(api(), { context: () => dockerfileOnlyTar('Dockerfile', 'FROM dockside/busybox\nRUN exit 3\n'), opts, source: 'editor' }, who).id);
    expect(task.state).toBe('failed');
    expect(task.error?.message).toMatch(/non-zero code: 3/);
    expect((task.progress as { steps: { failed?: boolean }[] }).steps[1]!.failed).toBe(true);
    expect(imageExists(`dst-${t.run}-broken:v1`)).toBe(false);
  });

  it('cancels a running build: the engine stops the step, the tag is not written, and the task says what is left', async () => {
    const ref = `dst-${t.run}-cancelled:v1`;
    const opts = { tags: [ref], dockerfile: 'Dockerfile', buildArgs: {}, labels: {}, noCache: true, pull: false };
    const marker = `sleep-${t.run}`;
    const started = startBuild(api(), { context: () => dockerfileOnlyTar('Dockerfile', `FROM dockside/busybox\nRUN echo started && sleep 60 && echo ${marker}\n`), opts, source: 'editor' }, who);
    await waitFor(() => taskManager().get(started.id)!.log.includes('started'), 'the RUN step to start', 30_000);
    taskManager().cancel(started.id);
    const task = await finished(started.id);
    expect(task.state).toBe('cancelled');
    expect(task.message).toMatch(/build cache/);
    // The step's container is stopped and removed by the engine.
    await waitFor(() => !docker('ps', '-a', '--no-trunc', '--format', '{{.Command}}').includes(marker), 'the build container to go', 30_000);
    expect(imageExists(ref)).toBe(false);
  });
});
