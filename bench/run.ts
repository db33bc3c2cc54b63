/**
 * `npm run bench [-- --quick] [-- --only=1,3] [-- --no-build] [-- --profile] [-- --report=FILE]`
 *
 * Starts (if needed) a private sandbox engine, builds Dockside into .next-bench, starts the real
 * server against that engine, runs the figures of issue 7 with their baselines side by side, and
 * writes BENCHMARKS.md (full runs) or bench/out/last-run.md (quick or partial runs). Everything it
 * creates carries the label dockside.bench=<run> and is removed at the end, and on Ctrl-C.
 */
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDockside, type RunningServer } from '../test/support/dockside-server';
import { ENGINE_FIGURES } from './engine-figures';
import { eventScreenFigure } from './event-screen';
import { execRttFigure } from './exec-rtt';
import { footprintFigure } from './footprint';
import { containerFilesFigure } from './container-files';
import { imageDetailFigure } from './image-detail';
import { layerMapFigure } from './layer-map';
import { imageListFigure } from './image-list';
import { BENCH_LABEL, BenchContext, type Figure } from './lib/context';
import { RawEngine } from './lib/engine';
import { summarizeProfile } from './lib/profile-summary';
import { mergeReport, renderRun, type FigureResult } from './lib/report';
import { ensurePrivateEngine, type PrivateEngine } from './lib/sandbox';
import { buildApp, buildServerBundle, serverEnv } from './lib/server';
import { listApiFigure } from './list-api';
import { logFollowFigure } from './log-follow';
import { logThroughputFigure } from './log-throughput';
import { imagesPageFigure, pageScaleFigure } from './page-scale';
import { transferThroughputFigure } from './transfer-throughput';
import { pullPushFigure } from './pull-push';
import { buildLogFigure } from './build-log';
import { statsScaleFigure } from './stats-scale';
import { runClickFigure } from './run-click';
import { volumeNetworkListFigure } from './volume-network-list';

const FIGURES: Array<{ id: number; run: Figure[] }> = [
  { id: 1, run: [listApiFigure] },
  { id: 2, run: [pageScaleFigure] },
  { id: 3, run: [eventScreenFigure] },
  { id: 4, run: [logThroughputFigure, logFollowFigure] },
  { id: 5, run: [execRttFigure] },
  { id: 6, run: [statsScaleFigure] },
  { id: 7, run: [footprintFigure] },
  { id: 8, run: [imageListFigure] },
  { id: 9, run: [transferThroughputFigure] },
  ...ENGINE_FIGURES, // 10, 11, 12: bench/engine-figures.ts
  { id: 16, run: [runClickFigure] },
  { id: 17, run: [volumeNetworkListFigure] },
  { id: 13, run: [imageDetailFigure] },
  { id: 14, run: [layerMapFigure] },
  { id: 15, run: [containerFilesFigure] },
  { id: 18, run: [pullPushFigure] },
  { id: 19, run: [buildLogFigure] },
  { id: 20, run: [imagesPageFigure] },
];
/** Figures that use the 1000 "scale" containers; they are removed once these are done. */
const LAST_SCALE_FIGURE = 3;

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'bench/out');
const log = (msg: string): void => void process.stderr.write(`bench: ${msg}\n`);

function parseArgs(argv: string[]) {
  const flags = { quick: false, only: null as Set<number> | null, build: true, profile: false, report: null as string | null };
  for (const a of argv) {
    if (a === '--quick') flags.quick = true;
    else if (a === '--no-build') flags.build = false;
    else if (a === '--profile') flags.profile = true;
    else if (a.startsWith('--only=')) flags.only = new Set(a.slice(7).split(',').map(Number));
    else if (a.startsWith('--report=')) flags.report = path.resolve(a.slice(9));
    else throw new Error(`unknown flag ${a} (use --quick, --only=1,3, --no-build, --profile, --report=FILE)`);
  }
  return flags;
}

function commandLine(argv: string[]): string {
  const args = argv.join(' ');
  return process.env.npm_lifecycle_event === 'bench' ? `npm run bench${args ? ` -- ${args}` : ''}` : `npx tsx bench/run.ts${args ? ` ${args}` : ''}`;
}

function chromiumVersion(): string {
  try {
    return execFileSync(process.env.DOCKSIDE_BENCH_CHROMIUM ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const flags = parseArgs(argv);
  const started = Date.now();
  const run = `${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${crypto.randomBytes(3).toString('hex')}`;
  let engine: PrivateEngine | null = null;
  let raw: RawEngine | null = null;
  let server: RunningServer | null = null;
  let ctx: BenchContext | null = null;

  const profileDir = path.join(outDir, `prof-${run}`);
  let cleaning: Promise<void> | null = null;
  const cleanup = () =>
    (cleaning ??= (async () => {
      ctx?.killChildren();
      await ctx?.closeBrowser();
      await server?.stop().catch(() => undefined);
      if (raw) {
        const n = await raw.removeByLabel(`${BENCH_LABEL}=${run}`).catch(() => 0);
        if (n) log(`removed ${n} containers left by this run`);
        raw.close();
      }
      engine?.stop();
    })());
  process.once('SIGINT', () => {
    log('interrupted: cleaning up…');
    void cleanup().finally(() => process.exit(130));
  });

  try {
    engine = ensurePrivateEngine(undefined, log);
    process.env.DOCKER_HOST = engine.dockerHost;
    raw = new RawEngine(engine.socketPath);
    const leftovers = await raw.removeByLabel(BENCH_LABEL);
    if (leftovers) log(`removed ${leftovers} containers left by an earlier bench run`);
    if (flags.build) {
      log('building Dockside into .next-bench…');
      const t0 = Date.now();
      await buildApp(path.join(outDir, 'build.log'));
      log(`built in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
    // Always: the server bundle takes well under a second, and must match the sources being measured.
    buildServerBundle();
    server = await startDockside([], serverEnv(engine.socketPath, flags.profile ? { NODE_OPTIONS: `--import ${path.join(import.meta.dirname, 'lib/cpu-profile.mjs')}`, DOCKSIDE_CPU_PROFILE_DIR: profileDir } : {}));
    ctx = new BenchContext(run, raw, server, { quick: flags.quick, only: flags.only });
    log(`run ${run}: Dockside at ${server.url} (pid ${server.proc.pid}), engine ${engine.dockerHost}`);

    const machine: Record<string, string> = {
      nproc: String(os.availableParallelism()),
      memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
      cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
      kernel: os.release(),
      node: process.version,
      engine: `Docker ${await raw.version()}`,
      chromium: chromiumVersion(),
      'load avg at start': os.loadavg().map((l) => l.toFixed(2)).join(' '),
    };

    const results: FigureResult[] = [];
    for (const fig of FIGURES) {
      if (flags.only && !flags.only.has(fig.id)) continue;
      if (fig.id > LAST_SCALE_FIGURE) await ctx.dropScale();
      for (const run of fig.run) {
        log(`figure ${fig.id} (${run.name})…`);
        const t0 = Date.now();
        try {
          const r = await run(ctx);
          r.seconds = (Date.now() - t0) / 1000;
          results.push(r);
        } catch (err) {
          log(`figure ${fig.id} failed: ${(err as Error).stack ?? String(err)}`);
          results.push({ id: fig.id, title: run.name, rows: [], notes: [], error: (err as Error).message.split('\n')[0]!, seconds: (Date.now() - t0) / 1000 });
        }
        log(`figure ${fig.id} done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      }
    }

    const seconds = (Date.now() - started) / 1000;
    machine['load avg at end'] = os.loadavg().map((l) => l.toFixed(2)).join(' ');
    const meta = { date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), command: commandLine(argv), machine, seconds };
    const section = renderRun(meta, results);
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, `results-${run}.json`), JSON.stringify({ meta, results }, null, 2));
    const full = !flags.quick && !flags.only;
    const target = flags.report ?? (full ? path.join(root, 'BENCHMARKS.md') : path.join(outDir, 'last-run.md'));
    const existing = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
    fs.writeFileSync(target, mergeReport(existing, section));
    process.stdout.write(`\n${section}\n`);
    log(`wrote ${path.relative(root, target)}; took ${seconds.toFixed(0)} s`);
  } finally {
    await cleanup();
    if (flags.profile) writeProfileSummaries(profileDir);
  }
}

/** The server wrote its .cpuprofile as it exited: a text digest goes beside it. */
function writeProfileSummaries(dir: string): void {
  if (!fs.existsSync(dir)) {
    log(`no CPU profile in ${path.relative(root, dir)}`);
    return;
  }
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.cpuprofile'))) {
    const out = path.join(dir, f.replace(/\.cpuprofile$/, '.txt'));
    fs.writeFileSync(out, summarizeProfile(path.join(dir, f)) + '\n');
    log(`server CPU profile: ${path.relative(root, path.join(dir, f))} (open in Chrome DevTools); digest: ${path.relative(root, out)}`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    log(`failed: ${(err as Error).stack ?? String(err)}`);
    process.exit(1);
  },
);
