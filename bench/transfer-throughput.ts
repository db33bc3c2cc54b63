import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import crypto from 'node:crypto';
import tar from 'tar-stream';
import type { TaskSummary } from '../lib/protocol/tasks';
import type { BenchContext } from './lib/context';
import { procSample } from './lib/proc';
import { check, fmtMs, fmtNum, type FigureResult, type ResultRow } from './lib/report';
import { percentile } from './lib/stats';
import { TaskWatch } from './lib/tasks';

export const TRANSFER_RATIO_TARGET = 0.9;
export const TRANSFER_RSS_LIMIT_MIB = 50;

type Op = 'save' | 'export' | 'load' | 'import';

interface Sample {
  ms: number;
  /** Peak server RSS during the transfer minus its value just before (Dockside runs only). */
  rssGrowthMiB: number;
  /** Server CPU seconds the transfer cost (Dockside runs only). */
  cpuSeconds: number;
}

/** Runs a command to its exit; rejects with its stderr on failure. */
function run(cmd: string, args: string[], stdin?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args[0]} exited ${code}: ${err.trim()}`))));
    p.stdin.end(stdin ?? '');
  });
}

/** A download through bench/lib/splice_relay.py (zero-copy; no auth), by curl as Dockside's is. */
async function timeFloor(url: string, out: string): Promise<Sample> {
  const t0 = performance.now();
  const status = (await run('curl', ['-sS', '-o', out, '-w', '%{http_code}', url])).trim();
  if (status !== '200') throw new Error(`the zero-copy relay answered ${status}`);
  return { ms: performance.now() - t0, rssGrowthMiB: 0, cpuSeconds: 0 };
}

/** Starts bench/lib/splice_relay.py on a free loopback port; resolves to that port. */
async function startSpliceRelay(ctx: BenchContext): Promise<{ port: number; stop: () => void }> {
  const { ApiVersion } = await ctx.engine.json<{ ApiVersion: string }>('GET', '/version');
  const relay = ctx.track(spawn('python3', [path.join(import.meta.dirname, 'lib/splice_relay.py'), ctx.engine.socketPath, `v${ApiVersion}`], { stdio: ['ignore', 'pipe', 'inherit'] }));
  const port = await new Promise<number>((resolve, reject) => {
    relay.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
    relay.once('exit', (code) => reject(new Error(`splice_relay.py exited ${code}`)));
  });
  return { port, stop: () => relay.kill() };
}

async function timeCli(args: string[]): Promise<Sample> {
  const t0 = performance.now();
  await run('docker', args);
  return { ms: performance.now() - t0, rssGrowthMiB: 0, cpuSeconds: 0 };
}

/**
 * A Dockside transfer as a browser makes it, by curl (a native client, as the browser's download
 * and upload are; the token goes in on stdin, not the command line): to its end for a download,
 * and for an upload until the task that the upload started has finished in the engine — the moment
 * `docker load`/`docker import` exit. The server's RSS is sampled every 25 ms meanwhile.
 */
async function timeDockside(ctx: BenchContext, tasks: TaskWatch, op: Op, curlArgs: string[]): Promise<Sample> {
  const pid = ctx.server.proc.pid!;
  const before = procSample(pid);
  let peak = before.rssBytes;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, procSample(pid).rssBytes);
    } catch {
      // the server is gone; the transfer fails below
    }
  }, 25);
  const t0 = performance.now();
  try {
    const config = `header = "Authorization: Bearer ${ctx.server.token}"\n`;
    const out = await run('curl', ['-sS', '-K', '-', '-w', '\n%{http_code}', ...curlArgs], config);
    const lines = out.trimEnd().split('\n');
    const status = lines.pop();
    if (op === 'save' || op === 'export') {
      if (status !== '200') throw new Error(`${op} answered ${status}`);
    } else {
      if (status !== '202') throw new Error(`${op} answered ${status}: ${lines.join('\n').slice(0, 300)}`);
      const task = JSON.parse(lines.join('\n')) as TaskSummary;
      const end = await tasks.ended(task.id);
      if (end.state !== 'succeeded') throw new Error(`${op} task ${end.state}: ${end.message}`);
    }
    const ms = performance.now() - t0;
    const after = procSample(pid);
    return { ms, rssGrowthMiB: (Math.max(peak, after.rssBytes) - before.rssBytes) / 1024 ** 2, cpuSeconds: after.cpuSeconds - before.cpuSeconds };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * `docker import` of a one-file tar streamed from here: a `size`-byte file of a random 1 MiB block
 * repeated (no side compresses, so random enough), without running a container and committing it,
 * which costs an extra write and read of the whole layer.
 */
async function importBlobImage(image: string, label: string, size: number): Promise<void> {
  const child = spawn('docker', ['import', '--change', `LABEL ${label}`, '-', image], { stdio: ['pipe', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
  const exited = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`docker import exited ${code}: ${err.trim()}`))));
  });
  const pack = tar.pack();
  pack.pipe(child.stdin);
  const block = crypto.randomBytes(1024 * 1024);
  const entry = pack.entry({ name: 'blob', size, mode: 0o644 }) as unknown as NodeJS.WritableStream;
  for (let left = size; left > 0; left -= block.length) {
    if (!entry.write(left >= block.length ? block : block.subarray(0, left))) await new Promise<void>((r) => entry.once('drain', () => r()));
  }
  entry.end();
  pack.finalize();
  await exited;
}

/**
 * Figure 9: save, export, load and import of a big image / container through Dockside against the
 * docker CLI doing the same to and from files, and the server's RSS growth and CPU during each.
 *
 * Sampling (why it is built this way): with 2 samples per side the ratios swung ±0.2 between two
 * runs minutes apart on this shared 2-core machine, more than the gap the figure is there to show.
 * So each operation is now 7 pairs, each pair one Dockside run and one CLI run back to back (the
 * order alternating pair by pair, so neither side always goes first), and the ratio is the median
 * of the 7 per-pair ratios: load that comes and goes hits both runs of a pair alike, and one
 * disturbed pair moves the median little. (5 pairs until 2026-12-03: export's per-pair ratios
 * still spread 0.70–1.25 within one run, the engine's own export speed varying that much, and the
 * median of 5 landed anywhere from 0.79 to 0.99 from run to run.) To keep figure 9 near 5 minutes
 * with 14 runs per operation, each run moves 512 MiB instead of 1 GiB (the row labels say so); that is still ~100×
 * what any buffer on the path holds, so every run is in its steady state: the engine untarring or
 * writing, the server relaying, the client reading or writing.
 */
export async function transferThroughputFigure(ctx: BenchContext): Promise<FigureResult> {
  const mib = ctx.pick(512, 64);
  const pairs = ctx.pick(7, 1);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-bench-transfer-'));
  const src = ctx.name('xfer-src');
  const img = `${ctx.name('xfer')}:v1`;
  const importRepo = ctx.name('xfer-imported');
  const saved = path.join(dir, 'image.tar');
  const flat = path.join(dir, 'fs.tar');
  const out = path.join(dir, 'out.tar');
  const made: string[] = [img];
  type Side = 'cli' | 'ds' | 'floor';
  const samples: Record<Op, Record<Side, Sample[]>> = {
    save: { cli: [], ds: [], floor: [] },
    export: { cli: [], ds: [], floor: [] },
    load: { cli: [], ds: [], floor: [] },
    import: { cli: [], ds: [], floor: [] },
  };
  let tasks: TaskWatch | null = null;
  let relay: { port: number; stop: () => void } | null = null;
  const bytesOf: Record<Op, number> = { save: 0, export: 0, load: 0, import: 0 };
  const t0 = Date.now();
  try {
    // One layer of one big file, and a container of it to export (never started: export reads its filesystem).
    await importBlobImage(img, ctx.label, mib * 1024 * 1024);
    execFileSync('docker', ['create', '--name', src, '--label', ctx.label, img, '/blob'], { stdio: 'ignore' });
    // The archives the load and import runs upload, written once by the CLI (the save and export runs below write to `out`).
    execFileSync('docker', ['save', '-o', saved, img]);
    execFileSync('docker', ['export', '-o', flat, src]);
    bytesOf.save = bytesOf.load = fs.statSync(saved).size;
    bytesOf.export = bytesOf.import = fs.statSync(flat).size;
    ctx.log(`figure 9: ${mib} MiB image, container and archives ready in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    tasks = await TaskWatch.open(ctx);
    relay = await startSpliceRelay(ctx);
    const relayPort = relay.port;
    const base = ctx.server.url;
    const upload = (file: string, route: string) => ['-X', 'POST', '-T', file, '-H', 'Expect:', '-H', 'Content-Type: application/x-tar', '-H', 'X-Dockside-CSRF: 1', `${base}${route}`];
    const sides: Record<
      Op,
      { cli: (r: number) => Promise<Sample>; ds: (r: number) => Promise<Sample>; floor?: (r: number) => Promise<Sample>; afterRun?: (side: Side, r: number) => void }
    > = {
      save: {
        cli: () => timeCli(['save', '-o', out, img]),
        ds: () => timeDockside(ctx, tasks!, 'save', ['-o', out, `${base}/api/images/get?names=${encodeURIComponent(img)}`]),
      },
      export: {
        cli: () => timeCli(['export', '-o', out, src]),
        ds: () => timeDockside(ctx, tasks!, 'export', ['-o', out, `${base}/api/containers/${encodeURIComponent(src)}/export`]),
        // What any process between the engine and the client costs here (see the figure's notes).
        floor: () => timeFloor(`http://127.0.0.1:${relayPort}/${encodeURIComponent(src)}`, out),
      },
      // The image is present, as for a `docker load` of what is already there: the engine still reads and checks every byte.
      load: {
        cli: () => timeCli(['load', '-q', '-i', saved]),
        ds: () => timeDockside(ctx, tasks!, 'load', ['-o', '-', ...upload(saved, '/api/transfers/load?filename=image.tar')]),
      },
      import: {
        cli: (r) => timeCli(['import', flat, `${importRepo}:cli${r}`]),
        ds: (r) => timeDockside(ctx, tasks!, 'import', ['-o', '-', ...upload(flat, `/api/transfers/import?reference=${encodeURIComponent(`${importRepo}:ds${r}`)}`)]),
        // Each import's image (and with it its layer) is removed right after its run, before the
        // other side's run, so that every import writes a new layer. Removed only after the pair
        // (as before), the second import of a pair found the layer the first had just made (the
        // same tar, so the same layer id) and the engine, having unpacked all 512 MiB again, then
        // deleted its copy before answering: an unlink of the 512 MiB file inside the timed call
        // (161, 187, 219 and 681 ms in four straces of the sandbox engine at load average ~14:
        // 5–20% of a 3.4 s import; this disk is mounted with `discard`). The order alternates pair
        // by pair, so with 5 pairs (as then) Dockside went second, and paid that, in 3 of them: the median
        // ratio was biased against it. Now each run of either side does the same work as the other.
        afterRun: (side, r) => execFileSync('docker', ['rmi', '-f', `${importRepo}:${side}${r}`], { stdio: 'ignore' }),
      },
    };
    for (const op of ['save', 'export', 'load', 'import'] as const) {
      for (let r = 0; r < pairs; r++) {
        const order: Side[] = r % 2 === 0 ? ['cli', 'ds'] : ['ds', 'cli'];
        // The zero-copy relay's run goes between or around the pair's two, rotating.
        if (sides[op].floor) order.splice(r % 3, 0, 'floor');
        for (const side of order) {
          samples[op][side].push(await sides[op][side]!(r));
          fs.rmSync(out, { force: true });
          sides[op].afterRun?.(side, r);
          // Each run starts with no dirty pages left by the one before. Without this, a run's 512
          // MiB written (the downloaded tar, a loaded or imported layer) and the unlink of the last
          // one were written back during the next run, whichever side that was: export's per-pair
          // ratios were 0.71 1.25 1.18 0.79 0.99 in one run, 0.79 and 0.99 as medians of two.
          execFileSync('sync');
        }
      }
    }
  } finally {
    tasks?.close();
    relay?.stop();
    execFileSync('docker', ['rm', '-f', src], { stdio: 'ignore' });
    for (const i of made) execFileSync('docker', ['rmi', '-f', i], { stdio: 'ignore' });
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const rows: ResultRow[] = [];
  const pairNotes: string[] = [];
  const words: Record<Op, string> = { save: 'save (download)', export: 'export (download)', load: 'load (upload)', import: 'import (upload)' };
  for (const op of ['save', 'export', 'load', 'import'] as const) {
    const { cli, ds } = samples[op];
    const mbps = (ms: number) => bytesOf[op] / 1e6 / (ms / 1000);
    // Pair r: the CLI's time over Dockside's (throughput ratio), both runs taken back to back.
    const pairRatios = ds.map((d, r) => cli[r]!.ms / d.ms);
    const q = percentile(pairRatios, 50);
    const dsMs = percentile(ds.map((s) => s.ms), 50);
    const cliMs = percentile(cli.map((s) => s.ms), 50);
    const growth = Math.max(...ds.map((s) => s.rssGrowthMiB));
    const cpu = percentile(ds.map((s) => s.cpuSeconds), 50);
    rows.push({
      metric: `${words[op]} of ${fmtNum(mib)} MiB, MB/s (median of ${pairs} interleaved pairs)`,
      dockside: `${fmtNum(Math.round(mbps(dsMs)))} MB/s (${fmtMs(dsMs)})`,
      baseline: `${fmtNum(Math.round(mbps(cliMs)))} MB/s (${fmtMs(cliMs)}, docker ${op})`,
      ratio: q,
      check: check(q, '>=', TRANSFER_RATIO_TARGET),
    });
    rows.push({
      metric: `  ${op}: server RSS growth (peak of ${pairs}); server CPU per transfer (median), per GiB`,
      dockside: `${growth.toFixed(1)} MiB; ${cpu.toFixed(2)} s, ${(cpu / (bytesOf[op] / 1024 ** 3)).toFixed(2)} s/GiB`,
      baseline: '—',
      check: check(growth, '<=', TRANSFER_RSS_LIMIT_MIB, 'growth', ' MiB'),
    });
    pairNotes.push(`${op} ${pairRatios.map((x) => x.toFixed(2)).join(' ')}`);
    const floor = samples[op].floor;
    if (floor.length) {
      const floorRatio = percentile(floor.map((f, r) => cli[r]!.ms / f.ms), 50);
      const dsOverFloor = percentile(floor.map((f, r) => f.ms / ds[r]!.ms), 50);
      const floorMs = percentile(floor.map((f) => f.ms), 50);
      rows.push({
        metric: `  ${op} through a zero-copy relay (splice(2), bench/lib/splice_relay.py): the floor for any process between engine and client`,
        dockside: `${fmtNum(Math.round(mbps(floorMs)))} MB/s (${fmtMs(floorMs)})`,
        baseline: `docker ${op}`,
        ratio: floorRatio,
      });
      rows.push({ metric: `  ${op}: Dockside ÷ the zero-copy relay (speed, median of the per-run ratios)`, dockside: `${dsOverFloor.toFixed(2)}×`, baseline: '—' });
    }
  }
  return {
    id: 9,
    title: 'Save, export, load and import: throughput and memory',
    rows,
    notes: [
      `One image layer holding one ${fmtNum(mib)} MiB file (a random 1 MiB block repeated; nothing here compresses), imported from a tar the bench streams, and a created (never started) container of it; ${fmtNum(mib)} MiB per run (not 1 GiB) so that ${pairs} pairs of each operation fit the figure's time. CLI: \`docker save -o\`, \`docker export -o\`, \`docker load -i\` (the image present, so the engine reads and checks every byte and writes no layer), \`docker import <file> repo:tag\` (each side's imported image removed right after its run, so every import writes a new layer rather than finding the one the other side just wrote), each timed to exit.`,
      'Dockside: the routes the dialogs use, by `curl` in a process of its own, as the browser is (downloads to a file, uploads streamed from the same file the CLI reads, with its Content-Length, over loopback TCP as a browser would send it); an upload is timed until its task ends in the engine (the `tasks` channel pushes the end at once), as the CLI is timed to exit. Both sides read their archive from the page cache and write theirs to the same disk.',
      `Each operation: ${pairs} pairs of one Dockside and one CLI run back to back, the order alternating pair by pair; the ratio is the median of the per-pair ratios (CLI time ÷ Dockside time), the MB/s the median run of each side. Per-pair ratios: ${pairNotes.join('; ')}.`,
      'The zero-copy relay (export only): a Python process that answers curl with the engine\'s own answer moved by splice(2), unix socket → pipe → TCP, never copied into the process, with no parsing or auth: what it leaves of the CLI\'s speed is what the second hop alone costs on this machine (a process scheduled beside the engine and the client, and loopback TCP), which a server between the browser and the engine cannot avoid. Its run goes before, between or after each pair\'s two (rotating).',
      'RSS: the server process, sampled every 25 ms during each transfer, peak minus the value just before; CPU: the server’s user+system seconds per transfer (the engine and the client are not in it).',
    ],
  };
}
