import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskDetail, TaskSummary } from '../../lib/protocol/tasks';
import { docker, imageExists, removeImages, testRun, waitFor } from '../support/docker-cli';
import { startDockside, type RunningServer } from '../support/dockside-server';
import { startRegistry, type TestRegistry } from '../support/registry';

// What the run form does with an image the engine lacks, through the real server and a real
// registry (credentials stored on the server): the create is refused naming the image field, the
// pull task fetches it, the create then succeeds; a failed pull leaves nothing made. And the
// volume browser's helpers that a crash left behind go when a server first uses the engine.
const t = testRun('run-pull');
const PASSWORD = `pw-${Math.random().toString(36).slice(2)}`;
let server: RunningServer | undefined;
let registry: TestRegistry;
const images: string[] = [];

const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json', 'x-dockside-csrf': '1' }, body: JSON.stringify(body) });
async function call(pathname: string, init: RequestInit = {}): Promise<{ status: number; body: Record<string, unknown>; text: string }> {
  const res = await server!.api(pathname, init);
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, text };
}
async function finished(id: string): Promise<TaskDetail> {
  return waitFor(
    async () => {
      const task = (await call(`/api/tasks/${id}`)).body as unknown as TaskDetail;
      return task.state !== 'running' ? task : null;
    },
    `task ${id}`,
    90_000,
  );
}
const labelled = () => docker('ps', '-aq', '--filter', `label=${t.label}`).split('\n').filter(Boolean);

beforeAll(async () => {
  registry = await startRegistry({ auth: { username: 'tester', password: PASSWORD } });
});
afterAll(async () => {
  await server?.stop();
  t.cleanup();
  removeImages(images);
  await registry?.stop();
});

describe('helpers left behind are swept when a server first uses the engine', () => {
  it('removes a labelled volume-browser helper at start, without any browse', async () => {
    const leftover = docker('create', '--label', t.label, '--label', 'dockside.helper=volume-browser', '--name', t.name('helper'), 'dockside/busybox');
    const bystander = docker('create', '--label', t.label, '--name', t.name('bystander'), 'dockside/busybox');
    server = await startDockside();
    await waitFor(() => !docker('ps', '-aq', '--no-trunc').includes(leftover), 'the leftover helper to be removed');
    // Only helpers: the user's containers are left alone.
    expect(docker('ps', '-aq', '--no-trunc')).toContain(bystander);
  });
});

describe('run form: a missing image is pulled first', () => {
  it('refuses the create naming the image, pulls with the stored credentials, then creates and starts', async () => {
    expect((await call('/api/registries', json({ address: registry.address, username: 'tester', password: PASSWORD }))).status).toBe(200);
    const ref = `${registry.address}/${t.run}/web:v1`;
    images.push(ref);
    const push = await call('/api/transfers/push', json({ source: 'dockside/web', reference: ref }));
    expect((await finished((push.body as unknown as TaskSummary).id)).state).toBe('succeeded');
    docker('rmi', ref);
    expect(imageExists(ref)).toBe(false);

    const spec = { image: ref, name: t.name('pulled'), labels: { 'dockside.test': t.run }, detach: true };
    const missing = await call('/api/run', json({ spec, start: true }));
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'not_found', field: 'image' });
    expect(labelled().length).toBe(1); // the bystander only: nothing was made

    const pull = await call('/api/transfers/pull', json({ reference: ref }));
    expect(pull.status, pull.text).toBe(202);
    const pulled = await finished((pull.body as unknown as TaskSummary).id);
    expect(pulled.state, pulled.message).toBe('succeeded');
    expect(pulled.progress).toMatchObject({ kind: 'pull', fraction: 1 });

    const made = await call('/api/run', json({ spec, start: true }));
    expect(made.status, made.text).toBe(200);
    expect(made.body).toMatchObject({ started: true });
    const inspect = JSON.parse(docker('inspect', t.name('pulled')))[0];
    expect(inspect.State.Running).toBe(true);
    expect(inspect.Config.Image).toBe(ref);
  });

  it('a pull that fails says why, and nothing is left half-made', async () => {
    const ref = `${registry.address}/${t.run}/not-there:v1`;
    const before = labelled();
    const spec = { image: ref, name: t.name('never'), labels: { 'dockside.test': t.run } };
    expect((await call('/api/run', json({ spec, start: true }))).body).toMatchObject({ field: 'image' });
    const pull = await call('/api/transfers/pull', json({ reference: ref }));
    const failed = await finished((pull.body as unknown as TaskSummary).id);
    expect(failed.state).toBe('failed');
    expect(failed.error?.message).toMatch(/not found|unknown|does not exist/i);
    expect(labelled()).toEqual(before);
    expect(imageExists(ref)).toBe(false);
  });
});
