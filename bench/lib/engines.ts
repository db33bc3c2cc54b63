import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDockside, type RunningServer } from '../../test/support/dockside-server';
import { startTlsDockerd, type TlsDockerd } from '../../test/support/tls-engine';
import type { BenchContext } from './context';
import { inParallel, RawEngine } from './engine';
import { serverEnv } from './server';

/** The second private engine of figures 10 and 12 (the bench's own is the first). */
export const BENCH_TLS_DIR = process.env.DOCKSIDE_BENCH_TLS_DIR ?? '/tmp/dockside-bench-tls';

/**
 * Runs `fn` with a second private engine: a real `dockerd --tlsverify` on a free loopback port, with
 * certificates made for this run (test/support/tls-engine.ts), beside its own unix socket. Stopped by
 * its PID afterwards; its directory stays, like the bench engine's, so the seeded images are kept for
 * the next run. One left running by an interrupted run is stopped and started again with new
 * certificates.
 */
export async function withSecondEngine<T>(ctx: BenchContext, fn: (engine: TlsDockerd, raw: RawEngine) => Promise<T>): Promise<T> {
  ctx.log(`starting a second private engine (dockerd --tlsverify) in ${BENCH_TLS_DIR}…`);
  const t0 = Date.now();
  const engine = await startTlsDockerd(BENCH_TLS_DIR);
  ctx.log(`second engine up in ${((Date.now() - t0) / 1000).toFixed(1)} s (${engine.unixHost}, ${engine.tcpHost} with TLS)`);
  const raw = new RawEngine(engine.socketPath);
  try {
    return await fn(engine, raw);
  } finally {
    await raw.removeByLabel(ctx.label).catch(() => 0);
    raw.close();
    await engine.stop();
  }
}

/** A docker config directory holding one context, `tls`, for `engine`, written by the docker CLI as a user's is. */
export function tlsContextConfig(engine: TlsDockerd): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-bench-docker-config-'));
  const { m, tcpHost } = engine;
  execFileSync('docker', ['context', 'create', 'tls', '--docker', `host=${tcpHost},ca=${m.ca},cert=${m.cert},key=${m.key}`], {
    env: { ...process.env, DOCKER_CONFIG: dir, DOCKER_HOST: '', DOCKER_CONTEXT: '' },
    stdio: 'ignore',
  });
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A Dockside server of the figure's own (the bench's build and bundle), whose default engine is `socketPath`. */
export function figureServer(socketPath: string, env: Record<string, string>): Promise<RunningServer> {
  return startDockside([], serverEnv(socketPath, env));
}

/** `n` containers on `raw`'s engine, labelled for this run (created, or started with `start`), with compose-like labels as in figure 1. */
export function createContainers(ctx: BenchContext, raw: RawEngine, n: number, role: string, opts: { start?: boolean; cmd?: string[] } = {}): Promise<string[]> {
  return inParallel(Array.from({ length: n }, (_, i) => i), 8, async (i) => {
    const id = await raw.create(ctx.name(`${role}-${i}`), {
      Cmd: opts.cmd ?? ['sleep', '3600'],
      Labels: { ...ctx.labels(role), 'com.docker.compose.project': `bench${i % 20}`, 'com.docker.compose.service': `svc${i % 7}`, 'com.docker.compose.container-number': String(i) },
    });
    if (opts.start) await raw.start(id);
    return id;
  });
}

/** Waits until Dockside reports `engine` reachable (a new engine's first answer). */
export async function engineReachable(server: RunningServer, engine: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const res = await server.api(`/api/engine?engine=${engine}`);
    const body = (await res.json()) as { reachable?: boolean; error?: string };
    if (body.reachable) return;
    last = body.error ?? `status ${res.status}`;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`engine ${engine} did not become reachable through Dockside: ${last}`);
}
