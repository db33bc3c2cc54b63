import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../lib/protocol/containers';
import type { EngineStatus } from '../../lib/protocol/engine';
import { TEST_LABEL, waitFor } from '../support/docker-cli';
import { startDockside, type RunningServer } from '../support/dockside-server';
import { connect, privateEngine, type Client } from '../reliability/support';

/**
 * Two private engines registered beside the default one (DOCKSIDE_ENGINES): what is done on one
 * leaves the other as it was (the docker CLI on each is the oracle), each engine's events reach only
 * its own listeners, and one engine going down leaves the other working. Private engines, because
 * one of them is stopped here.
 */
const a = privateEngine('two-a');
const b = privateEngine('two-b');
const LABEL = `${TEST_LABEL}=two-engines`;
const TWIN = 'dst-two-engines-twin';
let server: RunningServer;
let twinA = '';
let twinB = '';

const post = (path: string, body: unknown) => server.api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const list = async (engine?: string) => {
  const res = await server.api(`/api/containers?all=1${engine ? `&engine=${engine}` : ''}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as ContainerSummary[]).filter((c) => c.labels[TEST_LABEL] === 'two-engines');
};
const stateOn = (engine: typeof a, id: string) => engine.docker('inspect', '--format', '{{.State.Status}}', id);

beforeAll(async () => {
  // One after the other: each picks a free bridge subnet when it starts.
  await a.start();
  await b.start();
  // The same name on both engines, so an action that reached the wrong engine would show.
  twinA = a.docker('run', '-d', '--stop-timeout', '1', '--label', LABEL, '--name', TWIN, 'dockside/busybox', 'sleep', '3600');
  twinB = b.docker('run', '-d', '--stop-timeout', '1', '--label', LABEL, '--name', TWIN, 'dockside/busybox', 'sleep', '3600');
  server = await startDockside([], { DOCKSIDE_ENGINES: `a=${a.host},b=${b.host}` });
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await Promise.allSettled([a.purge(), b.purge()]);
}, 120_000);

describe('two engines at once', () => {
  it("lists each engine's own containers, and the default engine's without a name", async () => {
    expect((await list('a')).map((c) => c.id)).toEqual([twinA]);
    expect((await list('b')).map((c) => c.id)).toEqual([twinB]);
    expect(await list()).toEqual([]);
    const status = (await (await server.api('/api/engine?engine=b')).json()) as EngineStatus;
    expect(status).toMatchObject({ name: 'b', reachable: true, endpoint: b.host });
  });

  it('an action on engine A leaves engine B as it was', async () => {
    expect((await post(`/api/containers/${TWIN}/actions?engine=a`, { action: 'stop', timeout: 0 })).status).toBe(200);
    expect(stateOn(a, twinA)).toBe('exited');
    expect(stateOn(b, twinB)).toBe('running');
    const res = await server.api(`/api/containers/${TWIN}?engine=b`);
    expect(((await res.json()) as { container: { id: string; state: { running: boolean } } }).container).toMatchObject({ id: twinB, state: { running: true } });
    expect((await post(`/api/containers/${TWIN}/actions?engine=a`, { action: 'start' })).status).toBe(200);
    expect(stateOn(a, twinA)).toBe('running');
  });

  it('names an unknown or malformed engine clearly, on routes and channels', async () => {
    const unknown = await server.api('/api/containers?engine=nope');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { message: string }).message).toMatch(/No engine called `nope`/);
    expect((await server.api(`/api/containers/${TWIN}?engine=nope`)).status).toBe(404);
    expect((await server.api(`/api/containers/${TWIN}?engine=..%2Fx`)).status).toBe(400);
    const c = await connect(server);
    c.send({ op: 'open', ch: 1, kind: 'events', engine: 'nope' });
    expect(await c.waitFrame((f) => f.ch === 1 && (f.op === 'error' || f.op === 'opened'), 'the open to be answered')).toMatchObject({ op: 'error', code: 'not_found' });
    c.ws.close();
  });

  it("sends B's events to B's listeners only", async () => {
    const c: Client = await connect(server);
    c.send({ op: 'open', ch: 1, kind: 'events', engine: 'a' });
    c.send({ op: 'open', ch: 2, kind: 'events', engine: 'b' });
    c.send({ op: 'open', ch: 3, kind: 'events' });
    for (const ch of [1, 2, 3]) await c.waitFrame((f) => f.ch === ch && f.op === 'opened', `events channel ${ch} to open`);
    const idsOn = (ch: number) => c.frames.filter((f) => f.op === 'event' && f.ch === ch).map((f) => (f.event as { id: string }).id);

    const onB = b.docker('run', '-d', '--stop-timeout', '1', '--label', LABEL, '--name', 'dst-two-engines-only-b', 'dockside/busybox', 'true');
    await waitFor(() => idsOn(2).includes(onB), "B's event on B's channel");
    // Then something on A, so A's channel has certainly had time to receive whatever it was sent.
    const onA = a.docker('run', '-d', '--stop-timeout', '1', '--label', LABEL, '--name', 'dst-two-engines-only-a', 'dockside/busybox', 'true');
    await waitFor(() => idsOn(1).includes(onA), "A's event on A's channel");
    expect(idsOn(1)).not.toContain(onB);
    expect(idsOn(2)).not.toContain(onA);
    expect(idsOn(3)).not.toContain(onA);
    expect(idsOn(3)).not.toContain(onB);

    // Stats: a container of B is watched on B, and unknown on A.
    c.send({ op: 'open', ch: 4, kind: 'stats', engine: 'b', params: { container: twinB } });
    c.send({ op: 'open', ch: 5, kind: 'stats', engine: 'a', params: { container: twinB } });
    expect(await c.waitFrame((f) => f.ch === 4 && (f.op === 'stats' || f.op === 'error'), "B's stats")).toMatchObject({ op: 'stats' });
    expect(await c.waitFrame((f) => f.ch === 5 && (f.op === 'opened' || f.op === 'error'), 'the stats open on A')).toMatchObject({ op: 'error', code: 'not_found' });
    c.ws.close();
  });

  it('engine B going down shows as B down while A keeps working, and B comes back by itself', { timeout: 180_000 }, async () => {
    const c = await connect(server);
    c.send({ op: 'open', ch: 1, kind: 'events', engine: 'b' }); // Someone watches B, so its hub runs.
    await c.waitFrame((f) => f.ch === 1 && f.op === 'opened', 'events on B');
    await b.stop();
    await waitFor(async () => !((await (await server.api('/api/engine?engine=b')).json()) as EngineStatus).reachable, 'B to show as down', 30_000);
    expect((await server.api('/api/containers?engine=b')).status).toBe(503);
    expect(((await (await server.api('/api/engine?engine=a')).json()) as EngineStatus).reachable).toBe(true);
    expect((await list('a')).map((x) => x.id)).toContain(twinA);
    expect(((await (await server.api('/api/engine')).json()) as EngineStatus).reachable).toBe(true);

    await b.start();
    await waitFor(async () => ((await (await server.api('/api/engine?engine=b')).json()) as EngineStatus).reachable, 'B to be back', 60_000);
    await waitFor(async () => (await server.api('/api/containers?engine=b')).status === 200, "B's list to answer again", 30_000);
    c.ws.close();
  });
});
