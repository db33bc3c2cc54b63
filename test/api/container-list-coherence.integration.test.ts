import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../lib/protocol/containers';
import type { ServerFrame } from '../../lib/protocol/frames';
import { createContainer, docker, runContainer, testRun } from '../support/docker-cli';
import { serverForFile } from '../support/server-for-file';
import { TestSocket } from '../support/ws-client';

// The list is kept between engine events (server/hub/container-list-cache.ts). A minute-long
// maximum age here means only the invalidations can make these reads fresh: drop one, and a
// test below reads a list from before the change.
const t = testRun('list-coherence');
const file = serverForFile(t, [], { DOCKSIDE_LIST_MAX_AGE_MS: '60000' });

const list = async (query = '?all=1') => {
  const res = await file.server.api(`/api/containers${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as ContainerSummary[];
};
const row = async (id: string) => (await list()).find((c) => c.id === id);
const post = (path: string, body: unknown) =>
  file.server.api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

async function eventsSocket(): Promise<TestSocket> {
  const sock = await TestSocket.connect(file.server.url, { Authorization: `Bearer ${file.server.token}` });
  sock.send({ op: 'open', ch: 1, kind: 'events' });
  await sock.waitFor((f) => f.op === 'opened' && f.ch === 1);
  return sock;
}
const eventFor = (id: string, action: string) => (f: ServerFrame) => f.op === 'event' && f.event.id === id && f.event.action === action;

describe('the container list, kept between engine events', () => {
  it('is fresh as soon as a browser has heard of a change made outside Dockside', async () => {
    const sock = await eventsSocket();
    try {
      const id = createContainer(t.label, t.name('outside'));
      await sock.waitFor(eventFor(id, 'create'));
      expect((await row(id))?.state).toBe('created');

      docker('start', id);
      await sock.waitFor(eventFor(id, 'start'));
      expect((await row(id))?.state).toBe('running');

      docker('rename', id, t.name('outside-renamed'));
      await sock.waitFor(eventFor(id, 'rename'));
      expect((await row(id))?.name).toBe(t.name('outside-renamed'));

      docker('kill', id);
      await sock.waitFor(eventFor(id, 'die'));
      expect((await row(id))?.state).toBe('exited');

      docker('rm', id);
      await sock.waitFor(eventFor(id, 'destroy'));
      expect(await row(id)).toBeUndefined();
    } finally {
      sock.close();
    }
  });

  it("is fresh as soon as an action's response is back, before the engine's event may arrive", async () => {
    const id = runContainer(t.label, t.name('action'), []);
    for (let round = 0; round < 3; round++) {
      expect((await row(id))?.state).toBe('running');
      expect((await post(`/api/containers/${id}/actions`, { action: 'pause' })).status).toBe(200);
      expect((await row(id))?.state).toBe('paused');
      expect((await post(`/api/containers/${id}/actions`, { action: 'unpause' })).status).toBe(200);
    }
    expect((await post(`/api/containers/${id}/actions`, { action: 'kill' })).status).toBe(200);
    expect((await row(id))?.state).toBe('exited');
    expect((await file.server.api(`/api/containers/${id}`, { method: 'DELETE' })).status).toBe(200);
    expect(await row(id)).toBeUndefined();
  });

  it('asks the engine each time for sizes or running-only lists', async () => {
    const up = runContainer(t.label, t.name('sized'), []);
    const idle = createContainer(t.label, t.name('idle'));
    await list(); // keeps the plain list
    const sized = (await list('?all=1&size=1')).find((c) => c.id === up);
    expect(sized?.sizeRootFs).toBeGreaterThan(0);
    const running = (await list('?all=0')).map((c) => c.id);
    expect(running).toContain(up);
    expect(running).not.toContain(idle);
    expect((await list()).find((c) => c.id === up)?.sizeRootFs).toBeUndefined();
  });

  it('answers other methods and bad queries with a status and a message', async () => {
    const put = await file.server.api('/api/containers', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(put.status).toBe(405);
    expect(((await put.json()) as { message: string }).message).toMatch(/GET/);
    const bad = await file.server.api('/api/containers?all=perhaps');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/all/);
  });
});
