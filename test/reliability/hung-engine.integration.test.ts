import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_LABEL, waitFor } from '../support/docker-cli';
import { startDockside, type RunningServer } from '../support/dockside-server';
import { connect, privateEngine } from './support';

/**
 * A wedged engine: dockerd stops answering but keeps its socket open (SIGSTOP makes a real one do
 * exactly that). Reads must come back with an error a page can show, not hang for ever, and
 * everything must work again once the engine does. A private engine: nobody else may see it frozen.
 */
const engine = privateEngine('hung');
const DEADLINE_MS = 2000;
let server: RunningServer;
let pid = 0;
let id = '';
let tty = '';

const signal = (sig: NodeJS.Signals) => {
  try {
    if (pid) process.kill(pid, sig);
  } catch {
    // Already gone.
  }
};

beforeAll(async () => {
  await engine.start();
  id = engine.docker('create', '--label', `${TEST_LABEL}=rel-hung`, '--name', 'dst-rel-hung', 'dockside/busybox', 'sleep', '3600');
  tty = engine.docker('run', '-d', '--stop-timeout', '1', '-t', '--label', `${TEST_LABEL}=rel-hung`, '--name', 'dst-rel-hung-tty', 'dockside/busybox', 'sh');
  pid = Number(fs.readFileSync(path.join(engine.dir, 'pid'), 'utf8'));
  // DOCKSIDE_DEBUG_EXEC: the server says when it hangs up an exec session (one the engine started late).
  server = await startDockside([], { DOCKER_HOST: engine.host, DOCKSIDE_ENGINE_READ_DEADLINE_MS: String(DEADLINE_MS), DOCKSIDE_DEBUG_EXEC: '1' });
}, 120_000);

afterAll(async () => {
  signal('SIGCONT'); // A frozen dockerd would not even hear the stop.
  await server?.stop();
  await engine.purge();
}, 120_000);

async function timed(pathname: string) {
  const t0 = Date.now();
  const res = await server.api(pathname);
  return { status: res.status, body: (await res.json()) as { code?: string; message?: string }, ms: Date.now() - t0 };
}

describe('a hung engine', () => {
  it('gets a clear answer instead of a request that never ends, and recovers by itself', async () => {
    expect((await timed('/api/containers')).status).toBe(200);

    signal('SIGSTOP');
    // Past the kept list's maximum age, so the list has to ask the engine.
    await new Promise((r) => setTimeout(r, 1200));
    const [list, inspect] = await Promise.all([timed('/api/containers'), timed(`/api/containers/${id}`)]);
    for (const r of [list, inspect]) {
      expect(r.status).toBe(503);
      expect(r.body.code).toBe('engine_unreachable');
      expect(r.body.message).toMatch(/did not answer within 2 s: it is hung or overloaded/);
      expect(r.ms).toBeLessThan(DEADLINE_MS + 5000);
    }

    // The events hub notices too (its liveness ping, then a probe with the same deadline), so every
    // open page says the engine is not answering instead of showing stale rows as live.
    await waitFor(async () => {
      const status = (await (await server.api('/api/engine')).json()) as { reachable: boolean; error?: string };
      return !status.reachable && /did not answer/.test(status.error ?? '');
    }, 'the engine status to say it does not answer', 20_000);

    signal('SIGCONT');
    await waitFor(async () => ((await (await server.api('/api/engine')).json()) as { reachable: boolean }).reachable, 'the engine to be back', 30_000);
    await waitFor(async () => (await timed('/api/containers')).status === 200, 'the list to answer again', 30_000);
    const again = await timed(`/api/containers/${id}`);
    expect(again.status).toBe(200);
  });

  it('channel opens (exec, attach, logs) get an error frame within the deadline, and leave nothing behind', async () => {
    const topOf = () => engine.docker('top', tty).split('\n').slice(1).filter(Boolean);
    expect(topOf()).toHaveLength(1);
    const c = await connect(server);
    const hangupsBefore = (server.output().match(/exec hangup:/g) ?? []).length;

    signal('SIGSTOP');
    const t0 = Date.now();
    c.send({ op: 'open', ch: 1, kind: 'exec', params: { container: tty, cmd: ['sleep', '4444'], cols: 80, rows: 24 } });
    c.send({ op: 'open', ch: 2, kind: 'attach', params: { container: tty, write: true, cols: 80, rows: 24 } });
    c.send({ op: 'open', ch: 3, kind: 'logs', params: { container: tty, tail: 5 } });
    for (const ch of [1, 2, 3]) {
      const f = await c.waitFrame((x) => x.ch === ch && (x.op === 'error' || x.op === 'opened'), `channel ${ch} to answer`, DEADLINE_MS + 10_000);
      expect(f).toMatchObject({ op: 'error', code: 'engine_unreachable' });
      expect(String(f.message)).toMatch(/Engine `default` \(unix:\/\/.*\) did not answer within 2 s: it is hung or overloaded/);
    }
    const answeredMs = Date.now() - t0;

    signal('SIGCONT');
    // The exec the engine was asked for while frozen starts once it thaws: it is hung up at once.
    await waitFor(() => (server.output().match(/exec hangup:/g) ?? []).length > hangupsBefore, 'the late exec session to be hung up', 30_000);
    await waitFor(() => topOf().length === 1, `only the main process in the container; got ${JSON.stringify(topOf())}`, 30_000);

    // The channels are gone from the socket: their ids open afresh, now that the engine answers.
    c.send({ op: 'open', ch: 1, kind: 'exec', params: { container: tty, cmd: ['sleep', '5555'], cols: 80, rows: 24 } });
    c.send({ op: 'open', ch: 3, kind: 'logs', params: { container: tty, tail: 5 } });
    for (const ch of [1, 3]) {
      const f = await c.waitFrame((x) => x.ch === ch && x.op === 'opened', `channel ${ch} to open again`, 30_000);
      expect(f.op).toBe('opened');
    }
    c.send({ op: 'close', ch: 1 });
    c.send({ op: 'close', ch: 3 });
    await waitFor(() => topOf().length === 1, 'the second exec to end with its channel', 30_000);
    c.ws.close();
    console.log(`hung-engine figures: three channel opens answered ${answeredMs} ms after the engine froze (deadline ${DEADLINE_MS} ms)`);
  });
});
