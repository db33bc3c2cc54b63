import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import type { BenchContext } from './lib/context';
import { check, fmtMs, type FigureResult } from './lib/report';
import { ratio, summarize } from './lib/stats';

export const EXEC_RATIO_TARGET = 1.2;
/** Pause between keystrokes, as in fast typing; back-to-back keys would measure a busy-spinning machine. */
const GAP_MS = 30;

type Path = 'cli' | 'dockside' | 'engine' | 'relay';

/**
 * Round trips through one path, driven by bench/lib/exec_echo.py: the same Python loop sends every
 * key and waits for its echo whichever path it measures, so the driver cannot favour one side.
 */
async function roundTrips(ctx: BenchContext, via: Path, id: string, count: number): Promise<number[]> {
  if (via === 'relay') return viaNodeRelay(ctx, id, count);
  const target: Record<Exclude<Path, 'relay'>, string[]> = {
    cli: [id],
    dockside: [new URL(ctx.server.url).host, ctx.server.token, id],
    engine: [ctx.engine.socketPath, id],
  };
  return runDriver(ctx, [via, ...target[via], String(count), String(GAP_MS)]);
}

/** The same keystrokes through bench/lib/node-relay.mjs: a bare Node process between driver and engine. */
async function viaNodeRelay(ctx: BenchContext, id: string, count: number): Promise<number[]> {
  const relay = ctx.track(spawn(process.execPath, [path.join(import.meta.dirname, 'lib/node-relay.mjs'), ctx.engine.socketPath, id], { stdio: ['ignore', 'pipe', 'inherit'] }));
  try {
    const port = await new Promise<string>((resolve, reject) => {
      relay.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim()));
      relay.once('exit', (code) => reject(new Error(`node-relay.mjs exited ${code}`)));
    });
    return await runDriver(ctx, ['tcp', `127.0.0.1:${port}`, String(count), String(GAP_MS)]);
  } finally {
    relay.kill();
  }
}

function runDriver(ctx: BenchContext, driverArgs: string[]): Promise<number[]> {
  const args = [path.join(import.meta.dirname, 'lib/exec_echo.py'), ...driverArgs];
  const via = driverArgs[0];
  return new Promise((resolve, reject) => {
    ctx.track(
      execFile('python3', args, { timeout: 120_000 }, (err, stdout, stderr) => {
        if (err) reject(new Error(`exec_echo.py ${via}: ${err.message} ${stderr.slice(-300)}`));
        else resolve(JSON.parse(stdout) as number[]);
      }),
    );
  });
}

/**
 * Figure 5: keystroke → echo in `sh` in one container, through Dockside's `exec` channel and
 * through `docker exec -it` in a local pty, in alternating blocks; the engine's exec API without
 * any process in between is timed too, as what both pay at least.
 */
export async function execRttFigure(ctx: BenchContext): Promise<FigureResult> {
  const total = ctx.pick(200, 50);
  const blocks = 4;
  const n = total / blocks;
  const id = await ctx.engine.create(ctx.name('exec'), { Cmd: ['sleep', '3600'], Labels: ctx.labels('exec') });
  await ctx.engine.start(id);
  const times: Record<Path, number[]> = { cli: [], dockside: [], engine: [], relay: [] };
  try {
    for (let b = 0; b < blocks; b++) {
      const order: Path[] = b % 2 === 0 ? ['cli', 'dockside', 'engine', 'relay'] : ['relay', 'engine', 'dockside', 'cli'];
      for (const via of order) times[via].push(...(await roundTrips(ctx, via, id, n)));
    }
  } finally {
    await ctx.engine.remove(id);
  }
  const d = summarize(times.dockside);
  const c = summarize(times.cli);
  const e = summarize(times.engine);
  const r = summarize(times.relay);
  const q = ratio(d.p50, c.p50);
  return {
    id: 5,
    title: 'Exec round trip',
    rows: [
      { metric: `keystroke → echo p50 (${total} keys each)`, dockside: fmtMs(d.p50), baseline: `${fmtMs(c.p50)} (docker exec -it)`, ratio: q, check: check(q, '<=', EXEC_RATIO_TARGET) },
      { metric: 'keystroke → echo p95', dockside: fmtMs(d.p95), baseline: fmtMs(c.p95), ratio: ratio(d.p95, c.p95) },
      { metric: 'the engine alone (exec API, no process between), p50', dockside: '—', baseline: fmtMs(e.p50) },
      { metric: 'a bare Node relay (TCP ↔ exec API, no WebSocket), p50', dockside: fmtMs(r.p50), baseline: fmtMs(c.p50), ratio: ratio(r.p50, c.p50) },
    ],
    notes: [
      `busybox sh in a 200×50 terminal, one key every ~${GAP_MS} ms, each timed until its echo arrives, in blocks of ${n} rotating between ` +
        'Dockside (WebSocket `exec` channel, binary frames), the CLI (`docker exec -it` in a pty), the engine alone (its exec API over the unix socket) ' +
        'and a bare Node relay (bench/lib/node-relay.mjs: bytes copied between a TCP client and the exec API, nothing else). ' +
        `One Python driver (bench/lib/exec_echo.py) times all four. Max ${fmtMs(d.max)} vs ${fmtMs(c.max)}.`,
      `Over the engine alone, p50: Dockside adds ${fmtMs(d.p50 - e.p50)}, the bare Node relay ${fmtMs(r.p50 - e.p50)}, the CLI ${fmtMs(c.p50 - e.p50)}.`,
    ],
  };
}
