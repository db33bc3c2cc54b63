import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../lib/protocol/engine';
import { startDockside, type RunningServer } from '../support/dockside-server';
import { TestSocket } from '../support/ws-client';

// A private engine of its own: this test stops and starts it, which must never disturb the shared one.
const dir = `/tmp/dockside-recovery-${process.pid}`;
const socket = `unix://${dir}/docker.sock`;
const sandbox = (...args: string[]) =>
  execFileSync('bash', [path.resolve(import.meta.dirname, '../../scripts/sandbox.sh'), ...args], {
    env: { ...process.env, DOCKSIDE_SANDBOX_DIR: dir },
    stdio: ['ignore', 'ignore', 'pipe'],
  });

let server: RunningServer | undefined;
afterAll(async () => {
  await server?.stop();
  sandbox('stop', '--purge');
});

describe('no engine reachable is a real state, and it recovers by itself', () => {
  it('says which endpoint was tried and why, then follows the engine coming and going', async () => {
    server = await startDockside([], { DOCKER_HOST: socket });
    const status = (await (await server.api('/api/engine')).json()) as EngineStatus;
    expect(status).toMatchObject({ reachable: false, endpoint: socket });
    expect(status.error).toMatch(/socket does not exist/);

    const list = await server.api('/api/containers');
    expect(list.status).toBe(503);
    expect(((await list.json()) as { code: string }).code).toBe('engine_unreachable');

    const sock = await TestSocket.connect(server.url, { Authorization: `Bearer ${server.token}` });
    await sock.waitFor((f) => f.op === 'hello' && !f.engine.reachable);

    sandbox('start');
    await sock.waitFor((f) => f.op === 'engine' && f.engine.reachable, 30_000);
    expect((await server.api('/api/containers')).status).toBe(200);

    sock.frames.length = 0;
    sandbox('stop');
    const down = await sock.waitFor((f) => f.op === 'engine' && !f.engine.reachable, 30_000);
    expect(down.op === 'engine' && down.engine.error).toBeTruthy();

    sandbox('start');
    await sock.waitFor((f) => f.op === 'engine' && f.engine.reachable, 30_000);
    sock.close();
  });
});
