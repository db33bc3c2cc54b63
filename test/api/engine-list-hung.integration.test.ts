import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineInfo } from '../../lib/protocol/engines';
import type { ServerFrame } from '../../lib/protocol/frames';
import { waitFor } from '../support/docker-cli';
import { startDockside, type RunningServer } from '../support/dockside-server';
import { TestSocket } from '../support/ws-client';
import { privateEngine } from '../reliability/support';

/**
 * `GET /api/engines` never waits for the slowest engine. A private dockerd is frozen with SIGSTOP
 * (it keeps its socket open and answers nothing: a wedged engine); the engine deadline (12 s) is
 * three times the patience below. The list still answers — far inside that deadline — with the
 * frozen engine's last known state, the default engine's pages keep answering, and the frozen
 * engine's "did not answer" comes later on the `engines` channel, pushed when its own check gives up.
 */
const engine = privateEngine('list-hung');
const DEADLINE_MS = 12_000;
/** Well under the deadline: a list that waited for the frozen engine could not answer in this. */
const PATIENCE_MS = 4_000;
let server: RunningServer;
let pid = 0;

const signal = (sig: NodeJS.Signals) => {
  try {
    if (pid) process.kill(pid, sig);
  } catch {
    // Already gone.
  }
};
const engines = async () => {
  const res = await server.api('/api/engines', { signal: AbortSignal.timeout(PATIENCE_MS) });
  expect(res.status).toBe(200);
  return (await res.json()) as EngineInfo[];
};

beforeAll(async () => {
  await engine.start();
  pid = Number(fs.readFileSync(path.join(engine.dir, 'pid'), 'utf8'));
  server = await startDockside([], { DOCKSIDE_ENGINES: `stuck=${engine.host}`, DOCKSIDE_ENGINE_READ_DEADLINE_MS: String(DEADLINE_MS) });
}, 120_000);

afterAll(async () => {
  signal('SIGCONT');
  await server?.stop();
  await engine.purge();
}, 120_000);

describe('the engine list with a hung engine', () => {
  it('answers at once with the last known state, keeps other engines working, and pushes the change when the check gives up', async () => {
    await waitFor(async () => (await engines()).find((e) => e.name === 'stuck')?.status.reachable === true, 'the private engine to be up in the list', 30_000);
    const sock = await TestSocket.connect(server.url, { Authorization: `Bearer ${server.token}` });
    try {
      signal('SIGSTOP');
      sock.send({ op: 'open', ch: 1, kind: 'engines' });
      await sock.waitFor((f) => f.op === 'opened' && f.ch === 1);

      // Several asks while it is frozen: each answers (the fetch gives up after PATIENCE_MS), with
      // the last known state of the frozen engine: its check is still waiting for the engine.
      for (let i = 0; i < 3; i++) {
        const list = await engines();
        expect(list.map((e) => e.name)).toEqual(['default', 'stuck']);
        expect(list[0]!.status.reachable).toBe(true);
        expect(list[1]!.status.error ?? '').not.toMatch(/did not answer within/);
        // Another engine's pages are not held either.
        const containers = await server.api('/api/containers?all=1', { signal: AbortSignal.timeout(PATIENCE_MS) });
        expect(containers.status).toBe(200);
      }

      // The frozen engine's own check ends at its deadline, and the change is pushed.
      const down = (await sock.waitFor(
        (f: ServerFrame) => f.op === 'engine-info' && f.ch === 1 && f.info.name === 'stuck' && !f.info.status.reachable && /did not answer within 12 s/.test(f.info.status.error ?? ''),
        DEADLINE_MS + 30_000,
      )) as Extract<ServerFrame, { op: 'engine-info' }>;
      expect(down.info.source).toBe('env');
      expect((await engines()).find((e) => e.name === 'stuck')?.status.reachable).toBe(false);

      signal('SIGCONT');
      await sock.waitFor((f: ServerFrame) => f.op === 'engine-info' && f.ch === 1 && f.info.name === 'stuck' && f.info.status.reachable, 60_000);
    } finally {
      sock.close();
    }
  }, 150_000);
});
