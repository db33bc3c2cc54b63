import { afterAll, describe, expect, it } from 'vitest';
import type { ServerFrame } from '../../lib/protocol/frames';
import type { ImageList } from '../../lib/protocol/images';
import { createContainer, docker, removeImages, testRun } from '../support/docker-cli';
import { serverForFile } from '../support/server-for-file';
import { TestSocket } from '../support/ws-client';

// The image list is kept per engine between the events that change it (server/hub/image-list-cache.ts).
// A minute-long maximum age means only the invalidations can make these reads fresh: drop one, and a
// read below returns the list from before the change.
const t = testRun('image-list-coherence');
const file = serverForFile(t, [], { DOCKSIDE_LIST_MAX_AGE_MS: '60000' });
const repo = `dst-${t.run}-img`;
const made: string[] = [];

afterAll(() => {
  t.cleanup(); // containers first, so the images they used can go too
  removeImages(made);
});

const list = async (sharing: boolean) => {
  const res = await file.server.api(`/api/images?sharing=${sharing ? 1 : 0}`);
  expect(res.status).toBe(200);
  return (await res.json()) as ImageList;
};
const image = async (id: string, sharing = false) => {
  const l = await list(sharing);
  return { row: l.images.find((i) => i.id === id), sharing: l.sharing?.[id] };
};
const baseId = () => docker('image', 'inspect', '--format', '{{.Id}}', 'dockside/busybox');

async function eventsSocket(): Promise<TestSocket> {
  const sock = await TestSocket.connect(file.server.url, { Authorization: `Bearer ${file.server.token}` });
  sock.send({ op: 'open', ch: 1, kind: 'events' });
  await sock.waitFor((f) => f.op === 'opened' && f.ch === 1);
  return sock;
}
const heard = (type: string, action: string, match: (e: { id: string; attributes: Record<string, string> }) => boolean = () => true) => (f: ServerFrame) =>
  f.op === 'event' && f.event.type === type && f.event.action === action && match(f.event);

describe('the image list, kept between engine events', () => {
  it('is fresh as soon as a browser has heard of a tag, a container, a commit and a delete made outside Dockside', async () => {
    const sock = await eventsSocket();
    try {
      // An image of this test's own (other files make containers of the shared images meanwhile).
      const seed = createContainer(t.label, t.name('seed'));
      const base = docker('commit', '--change', `LABEL ${t.label}`, seed, `${repo}:base`);
      made.push(`${repo}:base`);
      await sock.waitFor(heard('container', 'commit', (e) => e.id === seed));
      // both forms kept before each change
      await Promise.all([list(false), list(true)]);
      expect((await image(base)).row?.containers).toBe(0);

      docker('tag', `${repo}:base`, `${repo}:one`);
      await sock.waitFor(heard('image', 'tag', (e) => e.attributes.name === `${repo}:one`));
      made.push(`${repo}:one`);
      expect((await image(base)).row?.repoTags).toContain(`${repo}:one`);
      expect((await image(base, true)).row?.repoTags).toContain(`${repo}:one`);

      const c = createContainer(t.label, t.name('user'), [], `${repo}:base`);
      await sock.waitFor(heard('container', 'create', (e) => e.id === c));
      expect((await image(base)).row?.containers).toBe(1);

      // commit: a container event, and a new image whose sizes are computed from its layers
      docker('start', c);
      docker('exec', c, 'sh', '-c', 'head -c 200000 /dev/urandom > /big');
      const committed = docker('commit', c, `${repo}:committed`);
      made.push(`${repo}:committed`);
      await sock.waitFor(heard('container', 'commit', (e) => e.id === c));
      const withSizes = await image(committed, true);
      expect(withSizes.row?.repoTags).toEqual([`${repo}:committed`]);
      expect(withSizes.sharing?.uniqueSize).toBeGreaterThanOrEqual(200_000);
      expect(withSizes.sharing?.sharedSize).toBeGreaterThan(0);

      docker('rm', '-f', c);
      await sock.waitFor(heard('container', 'destroy', (e) => e.id === c));
      expect((await image(base)).row?.containers).toBe(0);

      docker('rmi', `${repo}:committed`);
      await sock.waitFor(heard('image', 'delete', (e) => e.id === committed));
      expect((await image(committed)).row).toBeUndefined();
      expect((await image(committed, true)).row).toBeUndefined();

      docker('rmi', `${repo}:one`);
      await sock.waitFor(heard('image', 'untag', (e) => e.id === base));
      expect((await image(base)).row?.repoTags).not.toContain(`${repo}:one`);
    } finally {
      sock.close();
    }
  });

  it("is fresh as soon as a Dockside mutation's response is back, before the engine's event may arrive", async () => {
    const base = baseId();
    await Promise.all([list(false), list(true)]);
    for (let round = 0; round < 3; round++) {
      const tag = `${repo}:round${round}`;
      made.push(tag);
      const res = await file.server.api(`/api/images/${base.replace(/^sha256:/, '')}/tag`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ target: tag }),
      });
      expect(res.status).toBe(200);
      expect((await image(base)).row?.repoTags).toContain(tag);
      const del = await file.server.api(`/api/images/${base.replace(/^sha256:/, '')}?tag=${encodeURIComponent(tag)}&force=0`, { method: 'DELETE' });
      expect(del.status).toBe(200);
      expect((await image(base, true)).row?.repoTags).not.toContain(tag);
    }
  });

  it('answers as the engine does (docker images -a), and refuses other methods and bad queries', async () => {
    const ids = new Set(docker('images', '-a', '--no-trunc', '--format', '{{.ID}}').split('\n').filter(Boolean));
    expect(new Set((await list(false)).images.map((i) => i.id))).toEqual(ids);
    const put = await file.server.api('/api/images', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(put.status).toBe(405);
    const bad = await file.server.api('/api/images?sharing=perhaps');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/sharing/);
    const unknown = await file.server.api('/api/images?engine=nosuchengine');
    expect(unknown.status).toBe(404);
  });
});
