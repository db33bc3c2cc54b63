import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { BenchContext } from './lib/context';
import { check, fmtMs, fmtNum, type FigureResult } from './lib/report';
import { ratio, summarize } from './lib/stats';

export const SAVE_RATIO_TARGET = 0.9;
export const SAVE_RSS_LIMIT_MIB = 50;

const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** `docker save <img> > /dev/null`, timed to the CLI's exit. */
function timeCliSave(img: string): Promise<number> {
  const devNull = fs.openSync('/dev/null', 'w');
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const p = spawn('docker', ['save', img], { stdio: ['ignore', devNull, 'ignore'] });
    p.on('error', reject);
    p.on('exit', (code) => {
      fs.closeSync(devNull);
      if (code === 0) resolve(performance.now() - t0);
      else reject(new Error(`docker save exited ${code}`));
    });
  });
}

/**
 * Dockside's save download read to its end by curl to /dev/null (a native client, as the browser's
 * download is, and as the CLI writes), with the server's RSS sampled while it streams.
 */
async function timeDocksideSave(ctx: BenchContext, img: string): Promise<{ ms: number; bytes: number; rssGrowth: number }> {
  const pid = ctx.server.proc.pid!;
  const before = rssMiB(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 50);
  const t0 = performance.now();
  try {
    const out = await new Promise<string>((resolve, reject) => {
      // The token goes in on stdin (`-K -`), not on the command line where `ps` would show it.
      const p = spawn('curl', ['-sS', '-K', '-', '-o', '/dev/null', '-w', '%{http_code} %{size_download}', `${ctx.server.url}/api/images/get?names=${encodeURIComponent(img)}`], { stdio: ['pipe', 'pipe', 'ignore'] });
      p.stdin.end(`header = "Authorization: Bearer ${ctx.server.token}"\n`);
      let text = '';
      p.stdout.on('data', (d: Buffer) => (text += d.toString()));
      p.on('error', reject);
      p.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`curl exited ${code}`))));
    });
    const ms = performance.now() - t0;
    const [status, size] = out.trim().split(' ');
    if (status !== '200') throw new Error(`save answered ${status}`);
    return { ms, bytes: Number(size), rssGrowth: peak - before };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * Figure 9: `docker save` of a large image through Dockside (a streamed download, as the Save
 * dialog makes) against `docker save` to /dev/null, alternating; and how much the server's memory
 * grows while it streams (nothing may be held whole).
 */
export async function saveThroughputFigure(ctx: BenchContext): Promise<FigureResult> {
  const mib = ctx.pick(1024, 128);
  const rounds = ctx.pick(3, 1);
  const src = ctx.name('save-src');
  const img = `${ctx.name('save')}:v1`;
  execFileSync('docker', ['run', '--name', src, '--label', ctx.label, 'dockside/busybox', 'sh', '-c', `head -c ${mib * 1024 * 1024} /dev/urandom > /blob`], { stdio: 'ignore' });
  execFileSync('docker', ['commit', src, img], { stdio: 'ignore' });
  execFileSync('docker', ['rm', src], { stdio: 'ignore' });
  const cli: number[] = [];
  const ds: number[] = [];
  let growth = 0;
  let bytes = 0;
  try {
    // One untimed read each, so both find the layer in the page cache.
    await timeCliSave(img);
    await timeDocksideSave(ctx, img);
    for (let i = 0; i < rounds; i++) {
      const runDs = async () => {
        const r = await timeDocksideSave(ctx, img);
        ds.push(r.ms);
        bytes = r.bytes;
        growth = Math.max(growth, r.rssGrowth);
      };
      const runCli = async () => void cli.push(await timeCliSave(img));
      if (i % 2 === 0) {
        await runCli();
        await runDs();
      } else {
        await runDs();
        await runCli();
      }
    }
  } finally {
    execFileSync('docker', ['rmi', '-f', img], { stdio: 'ignore' });
  }
  const c = summarize(cli);
  const d = summarize(ds);
  const mbps = (ms: number) => bytes / 1e6 / (ms / 1000);
  const q = ratio(mbps(d.p50), mbps(c.p50));
  return {
    id: 9,
    title: 'Save throughput and memory',
    rows: [
      { metric: `save a ${fmtNum(mib)} MiB image (p50 of ${rounds})`, dockside: fmtMs(d.p50), baseline: `${fmtMs(c.p50)} (docker save)` },
      { metric: 'MB/s, Dockside ÷ CLI', dockside: `${fmtNum(Math.round(mbps(d.p50)))} MB/s`, baseline: `${fmtNum(Math.round(mbps(c.p50)))} MB/s`, ratio: q, check: check(q, '>=', SAVE_RATIO_TARGET) },
      { metric: 'server RSS growth while streaming', dockside: `${growth.toFixed(1)} MiB`, baseline: '—', check: check(growth, '<=', SAVE_RSS_LIMIT_MIB, 'growth', ' MiB') },
    ],
    notes: [
      `Dockside: GET /api/images/get (the Save dialog's download) by \`curl -o /dev/null\` to exit; ${fmtNum(bytes)} bytes. CLI: \`docker save <img> > /dev/null\` to exit.`,
      'RSS: the server process, sampled every 50 ms during the download, peak minus the value before it.',
    ],
  };
}
