import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskDetail, TransferProgress } from '../../lib/protocol/tasks';
import { parseEngineHost } from '../../server/engine/connection';
import { createDockerEngine } from '../../server/engine/docker/engine';
import { taskManager } from '../../server/tasks/task-manager';
import { startPull } from '../../server/transfers/runners';
import { waitFor } from '../support/docker-cli';
import { startRegistry, type TestRegistry } from '../support/registry';
import { privateEngine } from './support';

/**
 * The engine stops in the middle of a pull: the task fails and says so (never "succeeded", never
 * running for ever), and once the engine is back the same pull works. A private engine (this test
 * stops it) and a registry behind a slow proxy, so the pull is still running when the engine goes.
 */
const engine = privateEngine('moving-pull');
let registry: TestRegistry;
let proxy: net.Server;
let proxyPort = 0;
const BYTES_PER_SECOND = 4 * 1024 * 1024;

/** Forwards to the registry; what the registry sends back is slowed to BYTES_PER_SECOND. */
function slowProxy(target: number): Promise<net.Server> {
  const server = net.createServer((client) => {
    const upstream = net.connect(target, '127.0.0.1');
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      client.write(chunk);
      upstream.pause();
      setTimeout(() => upstream.resume(), (chunk.length / BYTES_PER_SECOND) * 1000);
    });
    upstream.on('end', () => client.end());
    const drop = () => (client.destroy(), upstream.destroy());
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function finished(id: string): Promise<TaskDetail> {
  await waitFor(() => taskManager().get(id)!.state !== 'running', 'the task to end', 60_000);
  return taskManager().get(id)!;
}

beforeAll(async () => {
  await engine.start();
  registry = await startRegistry();
  proxy = await slowProxy(registry.port);
  proxyPort = (proxy.address() as net.AddressInfo).port;
  // One ~24 MB incompressible layer, pushed through the proxy (uploads are not slowed). The proxy
  // runs in this process: the push must not block its event loop (dockerAsync, not docker).
  engine.docker('run', '--name', 'dst-big-src', 'dockside/busybox', 'sh', '-c', 'head -c 24000000 /dev/urandom > /blob');
  engine.docker('commit', 'dst-big-src', `127.0.0.1:${proxyPort}/big:v1`);
  engine.docker('rm', 'dst-big-src');
  await engine.dockerAsync('push', `127.0.0.1:${proxyPort}/big:v1`);
  engine.docker('rmi', `127.0.0.1:${proxyPort}/big:v1`);
}, 180_000);

afterAll(async () => {
  proxy?.close();
  await registry?.stop();
  await engine.purge();
}, 120_000);

describe('engine restart mid-pull', () => {
  it('fails the task with a clear reason, and the next pull works', async () => {
    const ref = `127.0.0.1:${proxyPort}/big:v1`;
    const api = createDockerEngine('moving-pull', parseEngineHost(engine.host)).transfers;
    const first = startPull(api, { reference: ref }, { who: 'test' });
    await waitFor(() => {
      const p = taskManager().get(first.id)!.progress as TransferProgress | null;
      return !!p && p.bytesDone > 1_000_000;
    }, 'the download to be under way', 60_000);
    await engine.stop();
    const failed = await finished(first.id);
    expect(failed.state).toBe('failed');
    expect(failed.error?.message).toMatch(/closed before the pull finished|without saying it finished|Cannot reach/);

    await engine.start();
    const second = await finished(startPull(api, { reference: ref }, { who: 'test' }).id);
    expect(second.state, second.message).toBe('succeeded');
    expect(await engine.dockerAsync('image', 'inspect', '--format', '{{.Id}}', ref)).toMatch(/^sha256:/);
  }, 180_000);
});
