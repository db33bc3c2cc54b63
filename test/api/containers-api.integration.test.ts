import { describe, expect, it } from 'vitest';
import type { ContainerSummary, PrunePreview } from '../../lib/protocol/containers';
import type { EngineStatus } from '../../lib/protocol/engine';
import { createContainer, docker, inspectState, runContainer, testRun, waitFor } from '../support/docker-cli';
import { serverForFile } from '../support/server-for-file';
import { TestSocket } from '../support/ws-client';

const t = testRun('api');
const file = serverForFile(t);

const post = (path: string, body: unknown) => file.server.api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('HTTP API against the real server and engine', () => {
  it('reports the engine', async () => {
    const res = await file.server.api('/api/engine');
    expect(res.status).toBe(200);
    const s = (await res.json()) as EngineStatus;
    expect(s).toMatchObject({ reachable: true, sandbox: false, readOnly: false });
    expect(s.endpoint).toBe(process.env.DOCKER_HOST);
  });

  it('lists containers, running only or all', async () => {
    const running = runContainer(t.label, t.name('list-run'), []);
    const created = createContainer(t.label, t.name('list-created'));
    const all = (await (await file.server.api('/api/containers?all=1')).json()) as ContainerSummary[];
    expect(all.map((c) => c.id)).toEqual(expect.arrayContaining([running, created]));
    const up = (await (await file.server.api('/api/containers?all=0')).json()) as ContainerSummary[];
    expect(up.map((c) => c.id)).toContain(running);
    expect(up.map((c) => c.id)).not.toContain(created);
  });

  it('drives a container through actions and shows the engine state changing', async () => {
    // PID 1 ignores signals it has no handler for, so the container traps TERM to show it arrived.
    const id = runContainer(t.label, t.name('act'), [], 'dockside/busybox', ['sh', '-c', 'trap "exit 7" TERM; while true; do sleep 0.2; done']);
    expect((await post(`/api/containers/${id}/actions`, { action: 'stop', timeout: 1 })).status).toBe(200);
    expect(inspectState(id).Status).toBe('exited');
    expect((await post(`/api/containers/${t.name('act')}/actions`, { action: 'start' })).status).toBe(200);
    expect(inspectState(id).Running).toBe(true);
    expect((await post(`/api/containers/${id}/actions`, { action: 'kill', signal: 'SIGTERM' })).status).toBe(200);
    await waitFor(() => !inspectState(id).Running, 'SIGTERM to end the container');
    expect(inspectState(id).ExitCode).toBe(7);
  });

  it('answers bad input with a status and a readable message, leaving the container as it was', async () => {
    const id = runContainer(t.label, t.name('bad'), []);
    const cases: Array<[Promise<Response>, number, RegExp]> = [
      [post(`/api/containers/${id}/actions`, { action: 'explode' }), 400, /action/i],
      [post(`/api/containers/${id}/actions`, { action: 'stop', timeout: 'soon' }), 400, /timeout/i],
      [post(`/api/containers/${id}/actions`, { action: 'kill', signal: 'SIGBOGUS' }), 400, /signal/i],
      [post(`/api/containers/${id}/actions`, { action: 'rename', name: 'x' }), 400, /at least 2/],
      [file.server.api(`/api/containers/${id}/actions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{not json' }), 400, /JSON/],
      [file.server.api(`/api/containers/${id}`, { method: 'DELETE' }), 409, /stop|force/i],
      [file.server.api('/api/containers/no-such-thing-here'), 404, /no such container/i],
      [file.server.api('/api/containers/..%2F..%2Fimages%2Fjson'), 400, /valid container/i],
      [file.server.api('/api/containers?size=maybe'), 400, /size/],
    ];
    for (const [p, status, message] of cases) {
      const res = await p;
      const body = (await res.json()) as { code: string; message: string };
      expect(res.status, body.message).toBe(status);
      expect(body.message).toMatch(message);
    }
    expect(inspectState(id).Running).toBe(true);
  });

  it('inspects, lists processes and measures size', async () => {
    const id = runContainer(t.label, t.name('detail'), []);
    const detail = (await (await file.server.api(`/api/containers/${t.name('detail')}`)).json()) as { container: { id: string }; inspect: { Id: string } };
    expect(detail.container.id).toBe(id);
    expect(detail.inspect.Id).toBe(id);
    const top = (await (await file.server.api(`/api/containers/${id}/top`)).json()) as { processes: string[][] };
    expect(top.processes.length).toBeGreaterThan(0);
    const size = (await (await file.server.api(`/api/containers/${id}/size`)).json()) as { sizeRootFs: number };
    expect(size.sizeRootFs).toBeGreaterThan(0);
  });

  it('removes with force and volumes', async () => {
    const id = runContainer(t.label, t.name('rm'), ['-v', '/scratch']);
    const res = await file.server.api(`/api/containers/${id}?force=1&volumes=1`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(docker('ps', '-aq', '--filter', `id=${id}`)).toBe('');
  });

  it('previews the prune', async () => {
    const dead = createContainer(t.label, t.name('prunable'));
    const preview = (await (await file.server.api('/api/prune/containers')).json()) as PrunePreview;
    expect(preview.containers.map((c) => c.id)).toContain(dead);
    expect(typeof preview.reclaimableBytes).toBe('number');
  });

  it('pushes engine events over the WebSocket as they happen', async () => {
    const sock = await TestSocket.connect(file.server.url, { Authorization: `Bearer ${file.server.token}` });
    const hello = await sock.waitFor((f) => f.op === 'hello');
    expect(hello).toMatchObject({ op: 'hello', engine: { reachable: true } });
    sock.send({ op: 'open', ch: 1, kind: 'events' });
    await sock.waitFor((f) => f.op === 'opened' && f.ch === 1);
    const id = runContainer(t.label, t.name('live'), []);
    const ev = await sock.waitFor((f) => f.op === 'event' && f.event.id === id && f.event.action === 'start');
    expect(ev).toMatchObject({ ch: 1, event: { type: 'container', name: t.name('live') } });
    sock.send({ op: 'close', ch: 1 });
    sock.close();
  });

  it('refuses malformed frames without dropping the socket', async () => {
    const sock = await TestSocket.connect(file.server.url, { Authorization: `Bearer ${file.server.token}` });
    sock.ws.send('not json');
    await sock.waitFor((f) => f.op === 'error' && /JSON/.test(f.message));
    sock.send({ op: 'open', ch: 1, kind: 'nope' } as never);
    await sock.waitFor((f) => f.op === 'error' && f.code === 'bad_request' && f.ch === undefined);
    sock.send({ op: 'ping', t: 42 });
    await sock.waitFor((f) => f.op === 'pong' && f.t === 42);
    sock.close();
  });
});
