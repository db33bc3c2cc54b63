import { execFile } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BenchContext } from './lib/context';
import { check, fmtMs, type FigureResult } from './lib/report';
import { ratio, summarize } from './lib/stats';
import { wsEchoFloor } from './lib/ws-echo-floor';
import { BenchSocket } from './lib/ws';

export const EXEC_RATIO_TARGET = 1.2;
const KEYS = 'abcdefghijklmnopqrstuvwxyz';
/** Pause between keystrokes, as in fast typing; back-to-back keys would measure a busy-spinning machine. */
const GAP_MS = 30;

/** `docker exec -it <id> sh` in a local pty (bench/lib/pty_echo.py): one round trip per keystroke. */
function cliRoundTrips(ctx: BenchContext, id: string, count: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const args = [path.join(import.meta.dirname, 'lib/pty_echo.py'), id, String(count), String(GAP_MS)];
    ctx.track(
      execFile('python3', args, { timeout: 120_000 }, (err, stdout, stderr) => {
        if (err) reject(new Error(`pty_echo.py: ${err.message} ${stderr.slice(-300)}`));
        else resolve(JSON.parse(stdout) as number[]);
      }),
    );
  });
}

/** The same through Dockside's `exec` channel: binary frame out, wait for the echoed key in a binary frame. */
async function docksideRoundTrips(ctx: BenchContext, id: string, count: number): Promise<number[]> {
  const sock = await BenchSocket.connect(ctx.server.url, ctx.server.token);
  let received = '';
  let wake: (() => void) | null = null;
  const until = async (pred: () => boolean, timeoutMs: number) => {
    const deadline = performance.now() + timeoutMs;
    while (!pred()) {
      if (performance.now() > deadline) throw new Error(`exec: timed out; got ${JSON.stringify(received.slice(-200))}`);
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, 50);
      });
    }
  };
  const quiet = async (ms: number) => {
    for (let seen = -1; seen !== received.length; ) {
      seen = received.length;
      await new Promise((r) => setTimeout(r, ms));
    }
  };
  try {
    const ch = await sock.open(
      { kind: 'exec', params: { container: id, cmd: ['sh'], cols: 200, rows: 50 } },
      {
        binary: (p) => {
          received += p.toString('latin1');
          wake?.();
        },
      },
    );
    await until(() => /[#$]\s*$/.test(received.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')), 20_000);
    await quiet(300);
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const key = KEYS[i % KEYS.length]!;
      received = '';
      const t0 = performance.now();
      sock.sendBinary(ch, Buffer.from(key));
      await until(() => received.includes(key), 10_000);
      times.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, GAP_MS));
      if (i % 50 === 49) {
        sock.sendBinary(ch, Buffer.from('\x15'));
        await quiet(100);
      }
    }
    sock.sendBinary(ch, Buffer.from('\x15exit\r'));
    await new Promise((r) => setTimeout(r, 200));
    sock.closeChannel(ch);
    return times;
  } finally {
    sock.close();
  }
}

/**
 * Figure 5: keystroke → echo in `sh` in one container, through Dockside's `exec` channel and
 * through `docker exec -it` in a local pty, in alternating blocks.
 */
export async function execRttFigure(ctx: BenchContext): Promise<FigureResult> {
  const total = ctx.pick(200, 50);
  const blocks = 2;
  const id = await ctx.engine.create(ctx.name('exec'), { Cmd: ['sleep', '3600'], Labels: ctx.labels('exec') });
  await ctx.engine.start(id);
  const ds: number[] = [];
  const cli: number[] = [];
  try {
    for (let b = 0; b < blocks; b++) {
      const n = total / blocks;
      if (b % 2 === 0) {
        cli.push(...(await cliRoundTrips(ctx, id, n)));
        ds.push(...(await docksideRoundTrips(ctx, id, n)));
      } else {
        ds.push(...(await docksideRoundTrips(ctx, id, n)));
        cli.push(...(await cliRoundTrips(ctx, id, n)));
      }
    }
  } finally {
    await ctx.engine.remove(id);
  }
  const floor = summarize(await wsEchoFloor(total / 2, GAP_MS));
  const d = summarize(ds);
  const c = summarize(cli);
  const q = ratio(d.p50, c.p50);
  return {
    id: 5,
    title: 'Exec round trip',
    rows: [
      { metric: `keystroke → echo p50 (${total} keys each)`, dockside: fmtMs(d.p50), baseline: `${fmtMs(c.p50)} (docker exec -it)`, ratio: q, check: check(q, '<=', EXEC_RATIO_TARGET) },
      { metric: 'keystroke → echo p95', dockside: fmtMs(d.p95), baseline: fmtMs(c.p95), ratio: ratio(d.p95, c.p95) },
    ],
    notes: [
      `busybox sh in a 200×50 terminal, one key every ~${GAP_MS} ms, each timed until its echo arrives; blocks of ${total / blocks} alternate between Dockside (WebSocket \`exec\` channel, ` +
        `binary frames) and the CLI (python3 pty → \`docker exec -it\`). Max ${fmtMs(d.max)} vs ${fmtMs(c.max)}.`,
      `Floor for comparison: one round trip to a bare ws echo server in another Node process (same pacing) takes p50 ${fmtMs(floor.p50)}, ` +
        `p95 ${fmtMs(floor.p95)}; Dockside's path has that hop in place of the CLI's pty, plus the hop to the engine that both have.`,
    ],
  };
}
