import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { BenchContext } from './lib/context';
import { check, fmtMs, fmtNum, type FigureResult } from './lib/report';
import { ratio, summarize } from './lib/stats';
import { BenchSocket } from './lib/ws';

export const LOG_RATIO_TARGET = 0.7;

/** `docker logs <id> > /dev/null`, timed to the CLI's exit. */
function timeCliLogs(id: string, extra: string[] = []): Promise<number> {
  const devNull = fs.openSync('/dev/null', 'w');
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const p = spawn('docker', ['logs', ...extra, id], { stdio: ['ignore', devNull, devNull] });
    p.on('error', reject);
    p.on('exit', (code) => {
      fs.closeSync(devNull);
      if (code === 0) resolve(performance.now() - t0);
      else reject(new Error(`docker logs exited ${code}`));
    });
  });
}

/** The whole log through a Dockside `logs` channel: ms from `open` to `end`, and the lines counted. */
async function timeDocksideLogs(sock: BenchSocket, id: string): Promise<{ ms: number; lines: number }> {
  let lines = 0;
  const t0 = performance.now();
  let ch = 0;
  const ended = new Promise<number>((resolve, reject) => {
    void sock
      .open(
        { kind: 'logs', params: { container: id, tail: 'all', follow: false } },
        {
          binary: (payload) => {
            for (let i = payload.indexOf(10); i >= 0; i = payload.indexOf(10, i + 1)) lines++;
          },
          frame: (f) => {
            if (f.op === 'end') resolve(performance.now() - t0);
            if (f.op === 'error') reject(new Error(`${f.code}: ${f.message}`));
          },
        },
      )
      .then((c) => (ch = c), reject);
  });
  const ms = await ended;
  sock.closeChannel(ch);
  return { ms, lines };
}

/**
 * Figure 4a: reading a 1,000,000-line log (of an exited container) in full: Dockside's WebSocket
 * `logs` channel against `docker logs` to /dev/null, alternating, as lines per second.
 */
export async function logThroughputFigure(ctx: BenchContext): Promise<FigureResult> {
  const total = ctx.pick(1_000_000, 200_000);
  const rounds = ctx.pick(3, 1);
  const id = await ctx.engine.create(ctx.name('loglines'), { Cmd: ['seq', '1', String(total)], Labels: ctx.labels('logs') });
  await ctx.engine.start(id);
  await ctx.engine.wait(id);
  const sock = await BenchSocket.connect(ctx.server.url, ctx.server.token);
  const cli: number[] = [];
  const ds: number[] = [];
  const counts = new Set<number>();
  let withTimestamps = NaN;
  try {
    // One untimed read each, so both find the log file in the page cache.
    await timeCliLogs(id);
    await timeDocksideLogs(sock, id);
    for (let i = 0; i < rounds; i++) {
      const runDs = async () => {
        const r = await timeDocksideLogs(sock, id);
        ds.push(r.ms);
        counts.add(r.lines);
      };
      const runCli = async () => void cli.push(await timeCliLogs(id));
      if (i % 2 === 0) {
        await runCli();
        await runDs();
      } else {
        await runDs();
        await runCli();
      }
    }
    withTimestamps = await timeCliLogs(id, ['-t']);
  } finally {
    sock.close();
    await ctx.engine.remove(id);
  }
  const c = summarize(cli);
  const d = summarize(ds);
  const cliRate = total / (c.p50 / 1000);
  const dsRate = total / (d.p50 / 1000);
  const q = ratio(dsRate, cliRate);
  const complete = counts.size === 1 && counts.has(total);
  return {
    id: 4,
    title: 'Log throughput',
    rows: [
      { metric: `read ${fmtNum(total)} lines (p50 of ${rounds})`, dockside: fmtMs(d.p50), baseline: `${fmtMs(c.p50)} (docker logs)` },
      {
        metric: 'lines/s, Dockside ÷ CLI',
        dockside: `${fmtNum(dsRate)}/s`,
        baseline: `${fmtNum(cliRate)}/s`,
        ratio: q,
        check: complete ? check(q, '>=', LOG_RATIO_TARGET) : { text: `ratio ≥ ${LOG_RATIO_TARGET}, all lines`, pass: false },
      },
    ],
    notes: [
      `Dockside: \`logs\` channel (tail all, follow false, timestamps always on) from \`open\` to \`end\`, counting '\\n' in the binary frames: ` +
        `received ${[...counts].map((n) => fmtNum(n)).join(', ')} lines. CLI: \`docker logs <id> > /dev/null\` to exit.`,
      `For reference, \`docker logs -t\` (timestamps, as Dockside asks for) took ${fmtMs(withTimestamps)}.`,
    ],
  };
}
