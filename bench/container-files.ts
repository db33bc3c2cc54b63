import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { BenchContext } from './lib/context';
import { keepAlive, timedGet, type Timed } from './lib/http';
import { procSample } from './lib/proc';
import { check, fmtMs, fmtNum, type FigureResult, type ResultRow } from './lib/report';
import { ratio, summarize } from './lib/stats';
import { alternate } from './lib/alternate';

export const FILES_RATIO_TARGET = 1.2;
export const DOWNLOAD_RSS_LIMIT_MB = 50;

/** The docker CLI to its exit, output to /dev/null. */
function timeCli(ctx: BenchContext, args: string[]): Promise<number> {
  const devNull = fs.openSync('/dev/null', 'w');
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const p = ctx.track(spawn('docker', args, { stdio: ['ignore', devNull, 'ignore'] }));
    p.on('error', reject);
    p.on('exit', (code) => {
      fs.closeSync(devNull);
      if (code === 0) resolve(performance.now() - t0);
      else reject(new Error(`docker ${args.join(' ')} exited ${code}`));
    });
  });
}

/** A Dockside download read to its end by curl to /dev/null (a native client, as a browser download is), RSS sampled meanwhile. */
async function curlDownload(ctx: BenchContext, path: string): Promise<{ ms: number; bytes: number; rssGrowthMB: number }> {
  const pid = ctx.server.proc.pid!;
  const before = procSample(pid).rssBytes;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, procSample(pid).rssBytes)), 50);
  const t0 = performance.now();
  try {
    const out = await new Promise<string>((resolve, reject) => {
      // The token goes in on stdin (`-K -`), not on the command line where `ps` would show it.
      const p = ctx.track(spawn('curl', ['-sS', '-K', '-', '-o', '/dev/null', '-w', '%{http_code} %{size_download}', `${ctx.server.url}${path}`], { stdio: ['pipe', 'pipe', 'ignore'] }));
      p.stdin.end(`header = "Authorization: Bearer ${ctx.server.token}"\n`);
      let text = '';
      p.stdout.on('data', (d: Buffer) => (text += d.toString()));
      p.on('error', reject);
      p.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`curl exited ${code}`))));
    });
    const ms = performance.now() - t0;
    const [status, size] = out.trim().split(' ');
    if (status !== '200') throw new Error(`download answered ${status}`);
    return { ms, bytes: Number(size), rssGrowthMB: (peak - before) / 1e6 };
  } finally {
    clearInterval(sampler);
  }
}

/** Both sides' summaries (ms) of `alternate`. */
async function alternateMs(iterations: number, a: () => Promise<number>, b: () => Promise<number>) {
  const r = await alternate(iterations, a, b);
  return { a: summarize(r.a), b: summarize(r.b) };
}

/**
 * Figure 15: the container's read-write layer. Changes (`GET /api/containers/{id}/diff`) against
 * `docker diff`, a directory listing (`…/files?path=`, read from the same tar `docker cp` streams)
 * against `docker cp <c>:<dir> -`, a small file's download against `docker cp` of it; then a 1 GiB
 * file (written in the container by busybox `head -c`) downloaded from the Files tab's API with the
 * server's RSS sampled every 50 ms, against `docker cp` of it.
 */
export async function containerFilesFigure(ctx: BenchContext): Promise<FigureResult> {
  const iterations = ctx.pick(7, 3);
  const files = ctx.pick(300, 100);
  const bigMiB = ctx.pick(1024, 128);
  const rows: ResultRow[] = [];
  const notes: string[] = [];
  const agent = keepAlive();
  const auth = { Authorization: `Bearer ${ctx.server.token}` };
  const ds = async (p: string): Promise<number> => {
    const r: Timed = await timedGet(agent, { host: '127.0.0.1', port: ctx.server.port }, p, auth);
    if (r.status !== 200) throw new Error(`${p} answered ${r.status}`);
    return r.ms;
  };
  const name = ctx.name('files');
  const id = await ctx.engine.create(name, {
    Cmd: ['sh', '-c', `mkdir -p /data; i=0; while [ $i -lt ${files} ]; do echo $i > /data/f$i; i=$((i+1)); done; rm /bin/vi; touch /ready; sleep 3600`],
    Labels: ctx.labels('files'),
  });
  try {
    await ctx.engine.start(id);
    for (let i = 0; i < 100 && !(await ctx.engine.request('HEAD', `/containers/${id}/archive?path=/ready`)).status.toString().startsWith('2'); i++) await new Promise((r) => setTimeout(r, 100));
    const changed = execFileSync('docker', ['diff', id], { encoding: 'utf8' }).trim().split('\n').length;

    const diff = await alternateMs(iterations, () => ds(`/api/containers/${id}/diff`), () => timeCli(ctx, ['diff', id]));
    let q = ratio(diff.a.p50, diff.b.p50);
    rows.push({ metric: `Changes (${changed} paths), p50`, dockside: fmtMs(diff.a.p50), baseline: `${fmtMs(diff.b.p50)} (docker diff)`, ratio: q, check: check(q, '<=', FILES_RATIO_TARGET) });

    const list = await alternateMs(iterations, () => ds(`/api/containers/${id}/files?path=/data`), () => timeCli(ctx, ['cp', `${id}:/data`, '-']));
    q = ratio(list.a.p50, list.b.p50);
    rows.push({ metric: `Files: list /data (${files} files), p50`, dockside: fmtMs(list.a.p50), baseline: `${fmtMs(list.b.p50)} (docker cp dir -)`, ratio: q, check: check(q, '<=', FILES_RATIO_TARGET) });

    const one = await alternateMs(iterations, () => ds(`/api/containers/${id}/files/download?path=/data/f1`), () => timeCli(ctx, ['cp', `${id}:/data/f1`, '-']));
    q = ratio(one.a.p50, one.b.p50);
    rows.push({ metric: 'Files: download one small file, p50', dockside: fmtMs(one.a.p50), baseline: `${fmtMs(one.b.p50)} (docker cp file -)`, ratio: q, check: check(q, '<=', FILES_RATIO_TARGET) });

    const t0 = performance.now();
    execFileSync('docker', ['exec', id, 'sh', '-c', `head -c ${bigMiB * 1024 * 1024} /dev/zero > /big`], { stdio: 'ignore' });
    notes.push(`${fmtNum(bigMiB)} MiB /big written in the container in ${fmtMs(performance.now() - t0)}`);
    try {
      // The file was just written, so it is in the page cache for both. One untimed download through
      // Dockside first: the server's first 1 GiB stream sizes its buffer pools, which is not growth.
      await curlDownload(ctx, `/api/containers/${id}/files/download?path=/big`);
      const cli: number[] = [];
      const dl: number[] = [];
      let growth = 0;
      let bytes = 0;
      // one timed round each (a 1 GiB copy is seconds on a loaded 2-core machine; the figure stays near 90 s)
      for (let i = 0; i < 1; i++) {
        const runCli = async () => void cli.push(await timeCli(ctx, ['cp', `${id}:/big`, '-']));
        const runDs = async () => {
          const r = await curlDownload(ctx, `/api/containers/${id}/files/download?path=/big`);
          dl.push(r.ms);
          bytes = r.bytes;
          growth = Math.max(growth, r.rssGrowthMB);
        };
        // alternating who goes first
        if (i % 2 === 0) await runCli().then(runDs);
        else await runDs().then(runCli);
      }
      const d = summarize(dl);
      const c = summarize(cli);
      q = ratio(d.p50, c.p50);
      rows.push({ metric: `download a ${fmtNum(bigMiB)} MiB file (tar)`, dockside: fmtMs(d.p50), baseline: `${fmtMs(c.p50)} (docker cp)`, ratio: q, check: check(q, '<=', FILES_RATIO_TARGET) });
      rows.push({ metric: 'server RSS growth while it streams', dockside: `${growth.toFixed(1)} MB`, baseline: '—', check: check(growth, '<=', DOWNLOAD_RSS_LIMIT_MB, 'growth', ' MB') });
      notes.push(`Download: GET /api/containers/{id}/files/download (the Files tab's link) by \`curl -o /dev/null\`, ${fmtNum(bytes)} bytes; RSS of the server process sampled every 50 ms, peak minus before.`);
    } finally {
      execFileSync('docker', ['exec', id, 'rm', '-f', '/big'], { stdio: 'ignore' });
    }
  } finally {
    agent.destroy();
    await ctx.engine.remove(id);
  }
  notes.push(
    `Dockside: its HTTP API with node:http (keep-alive); CLI: \`docker …\` spawned to its exit (its start-up is in its time, as it is for a person). ` +
      `Alternating, ${iterations} rounds each; the container wrote ${files} files and removed /bin/vi.`,
  );
  return { id: 15, title: 'Container changes and files', rows, notes };
}
