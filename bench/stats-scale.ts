import { spawn } from 'node:child_process';
import type { BenchContext } from './lib/context';
import { inParallel } from './lib/engine';
import { procSample, treeSample } from './lib/proc';
import { check, fmtBytes, fmtNum, type FigureResult } from './lib/report';
import { ratio } from './lib/stats';
import { BenchSocket } from './lib/ws';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Usage {
  cpuSeconds: number;
  maxRss: number;
}

/** Samples `sample()` every second for `seconds`: CPU-seconds used over the window and the peak RSS. */
async function measure(seconds: number, sample: () => { cpuSeconds: number; rssBytes: number }): Promise<Usage> {
  const start = sample();
  let maxRss = start.rssBytes;
  for (let i = 0; i < seconds; i++) {
    await sleep(1000);
    maxRss = Math.max(maxRss, sample().rssBytes);
  }
  return { cpuSeconds: sample().cpuSeconds - start.cpuSeconds, maxRss };
}

/**
 * Figure 6: 50 running containers' live stats for a while: Dockside's server (one `stats-all`
 * channel) against `docker stats` on the same 50, CPU-seconds and RSS of each from /proc.
 */
export async function statsScaleFigure(ctx: BenchContext): Promise<FigureResult> {
  const n = 50;
  const seconds = ctx.pick(60, 10);
  const ids = await inParallel(Array.from({ length: n }, (_, i) => i), 8, async (i) => {
    const id = await ctx.engine.create(ctx.name(`stats${i}`), { Cmd: ['sleep', '3600'], Labels: ctx.labels('stats') });
    await ctx.engine.start(id);
    return id;
  });
  const pid = ctx.server.proc.pid!;
  try {
    await sleep(2000);
    const idle = await measure(ctx.pick(10, 3), () => treeSample(pid));

    const sock = await BenchSocket.connect(ctx.server.url, ctx.server.token);
    let batches = 0;
    let widest = 0;
    const ch = await sock.open({ kind: 'stats-all' }, {
      frame: (f) => {
        if (f.op !== 'stats-batch') return;
        batches++;
        widest = Math.max(widest, f.samples.length);
      },
    });
    const ds = await measure(seconds, () => treeSample(pid));
    sock.closeChannel(ch);
    sock.close();

    const cli = ctx.track(spawn('docker', ['stats', ...ids], { stdio: ['ignore', 'pipe', 'ignore'] }));
    let cliBytes = 0;
    cli.stdout.on('data', (c: Buffer) => (cliBytes += c.byteLength));
    let cliUsage: Usage;
    try {
      cliUsage = await measure(seconds, () => procSample(cli.pid!));
    } finally {
      cli.kill('SIGTERM');
    }

    const q = ratio(ds.cpuSeconds, cliUsage.cpuSeconds);
    return {
      id: 6,
      title: 'Stats at scale',
      rows: [
        {
          metric: `CPU-seconds over ${seconds} s, ${n} containers`,
          dockside: `${fmtNum(ds.cpuSeconds, 2)} s`,
          baseline: `${fmtNum(cliUsage.cpuSeconds, 2)} s (docker stats)`,
          ratio: q,
          check: check(q, '<=', 1),
        },
        { metric: 'peak RSS while streaming', dockside: fmtBytes(ds.maxRss), baseline: fmtBytes(cliUsage.maxRss), ratio: ratio(ds.maxRss, cliUsage.maxRss) },
      ],
      notes: [
        `Dockside: one \`stats-all\` channel for ${seconds} s, ${batches} batches received, up to ${widest} containers per batch; ` +
          `server CPU-seconds (utime+stime of the server process tree, /proc) over the same window. The idle server used ${fmtNum(idle.cpuSeconds, 2)} s ` +
          `in ${ctx.pick(10, 3)} s just before.`,
        `CLI: \`docker stats <the 50 ids>\` writing to a pipe for ${seconds} s (${fmtBytes(cliBytes)} of output), its own /proc CPU time.`,
      ],
    };
  } finally {
    await inParallel(ids, 8, (id) => ctx.engine.remove(id));
  }
}
