import { spawn } from 'node:child_process';
import type http from 'node:http';
import type { BenchContext } from './lib/context';
import { keepAlive, timedGet, type Timed } from './lib/http';
import { BenchSocket } from './lib/ws';
import { check, fmtBytes, fmtMs, type FigureResult, type ResultRow } from './lib/report';
import { ratio, summarize } from './lib/stats';
import { alternateTimed } from './lib/alternate';

export const LIST_TARGET = 1.3;

/**
 * Requests each side gets before timing starts. Figure 1 runs first, on a server started moments
 * before: at 0 containers (a fraction of a millisecond per request) a few hundred let V8 finish
 * compiling the hot path, as in a server that has been up for a while; at the larger sizes the
 * engine's own time dominates and a few dozen do.
 */
const warmUpAt = (size: number) => (size === 0 ? 300 : 40);

/**
 * Figure 1: Dockside's `GET /api/containers?all=1` against the engine's `GET /containers/json?all=1`
 * on its socket, at growing container counts. The two alternate request by request (ABBA), so both
 * see the same engine state and the same machine noise.
 *
 * Dockside keeps the list between engine events (server/hub/container-list-cache.ts), so the main
 * rows time the list as every tab gets it while nothing changes. The "first read after an event"
 * rows time the other case: an engine event has just dropped the kept list (a volume created, seen
 * arriving on Dockside's events channel first), so Dockside asks the engine, reshapes and answers.
 */
export async function listApiFigure(ctx: BenchContext): Promise<FigureResult> {
  const sizes = ctx.pick([0, 200, 1000], [0, 50, 200]);
  // Requests each at a size: many where a request takes a fraction of a millisecond, so one stall of
  // the VM (they come every few hundred ms, to any process) moves a percentile less.
  const iterationsAt = (size: number) => (size === 0 ? ctx.pick(400, 40) : ctx.pick(80, 20));
  const rows: ResultRow[] = [];
  const notes: string[] = [];
  const rawAgent = keepAlive();
  const dsAgent = keepAlive();
  const raw = () => timedGet(rawAgent, { socketPath: ctx.engine.socketPath }, '/containers/json?all=1');
  const dockside = () =>
    timedGet(dsAgent, { host: '127.0.0.1', port: ctx.server.port }, '/api/containers?all=1', { Authorization: `Bearer ${ctx.server.token}` });

  try {
    for (const size of sizes) {
      if (size === 0 && ctx.scaleCount > 0) continue;
      await ctx.ensureScale(size);
      const onEngine = await ctx.engine.count();
      const iterations = iterationsAt(onEngine);
      const warmUp = warmUpAt(onEngine);
      for (let i = 0; i < warmUp; i++) await Promise.all([raw(), dockside()].map((p) => p.then(() => undefined)));
      const { a: rs, b: ds, aRuns: r, bRuns: d } = await alternateTimed(iterations, raw, dockside, `at ${onEngine} containers`);
      for (const p of ['p50', 'p95'] as const) {
        const q = ratio(ds[p], rs[p]);
        rows.push({ metric: `${p} @ ${onEngine} containers`, dockside: fmtMs(ds[p]), baseline: fmtMs(rs[p]), ratio: q, check: check(q, '<=', LIST_TARGET) });
      }
      const cold = await afterEvents(ctx, ctx.pick(16, 6), raw, dockside);
      const cr = summarize(cold.raw.map((t) => t.ms));
      const cd = summarize(cold.dockside.map((t) => t.ms));
      rows.push({ metric: `first read after an event, p50 @ ${onEngine}`, dockside: fmtMs(cd.p50), baseline: fmtMs(cr.p50), ratio: ratio(cd.p50, cr.p50) });
      if (onEngine === 0) {
        const floor = await bareNodeFloor(ctx, iterations, raw);
        for (const p of ['p50', 'p95'] as const) {
          rows.push({ metric: `a bare Node HTTP server answering \`[]\`, ${p} @ 0`, dockside: fmtMs(floor.bare[p]), baseline: fmtMs(floor.raw[p]), ratio: ratio(floor.bare[p], floor.raw[p]) });
        }
      }
      notes.push(
        `${onEngine} containers: ${iterations} requests each after ${warmUp} untimed; body ${fmtBytes(d[0]!.bytes)} (Dockside) vs ${fmtBytes(r[0]!.bytes)} (engine); ` +
          `max ${fmtMs(ds.max)} vs ${fmtMs(rs.max)}; first read after an event: ${cold.dockside.length} each, p95 ${fmtMs(cd.p95)} vs ${fmtMs(cr.p95)}`,
      );
      ctx.shared.rawListP50 = rs.p50;
      ctx.shared.rawListCount = onEngine;
    }
  } finally {
    rawAgent.destroy();
    dsAgent.destroy();
  }
  notes.push(
    'Baseline: the engine API over its unix socket with node:http; Dockside over TCP with the same client and the bearer token. ' +
      'Dockside answers from the list it keeps between engine events (dropped by every event and every mutation, re-read after 1 s at most); ' +
      '"first read after an event" is the read that goes to the engine.',
  );
  return { id: 1, title: 'Container list API', rows, notes };
}

/**
 * `count` reads of each side right after an engine event dropped Dockside's kept list: a labelled
 * volume is created through the engine, and timing starts once Dockside's events channel has
 * delivered that event (the hub drops the list before it tells any socket).
 */
async function afterEvents(ctx: BenchContext, count: number, raw: () => Promise<Timed>, dockside: () => Promise<Timed>) {
  const out = { raw: [] as Timed[], dockside: [] as Timed[] };
  const sock = await BenchSocket.connect(ctx.server.url, ctx.server.token);
  let seen: ((name: string) => void) | null = null;
  try {
    await sock.open({ kind: 'events' }, { frame: (f) => void (f.op === 'event' && f.event.type === 'volume' && f.event.action === 'create' && seen?.(f.event.id)) });
    for (let i = 0; i < count; i++) {
      const name = ctx.name(`list-event-${i}`);
      const arrived = new Promise<void>((resolve) => (seen = (id) => id === name && resolve()));
      await ctx.engine.request('POST', '/volumes/create', { Name: name, Labels: ctx.labels('list-event') });
      await arrived;
      if (i % 2 === 0) {
        out.dockside.push(await dockside());
        out.raw.push(await raw());
      } else {
        // The raw read first: Dockside's list is still dropped (no event came in between).
        out.raw.push(await raw());
        out.dockside.push(await dockside());
      }
      await ctx.engine.request('DELETE', `/volumes/${name}`);
    }
  } finally {
    sock.close();
  }
  return out;
}

/** The least any Node HTTP server in front of the engine costs: one that answers `[]` from memory. */
const BARE_SERVER = `
  require('node:http').createServer((q, s) => { s.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 2 }); s.end('[]'); })
    .listen(0, '127.0.0.1', function () { process.stdout.write(this.address().port + '\\n'); });
`;

/** `count` reads of the bare server and of the engine, alternating, after the same warm-up as Dockside's. */
async function bareNodeFloor(ctx: BenchContext, count: number, raw: () => Promise<Timed>) {
  const child = ctx.track(spawn(process.execPath, ['-e', BARE_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] }));
  const agent: http.Agent = keepAlive();
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
      child.once('exit', (code) => reject(new Error(`bare server exited ${code}`)));
    });
    const bare = () => timedGet(agent, { host: '127.0.0.1', port }, '/');
    for (let i = 0; i < warmUpAt(0); i++) await Promise.all([raw(), bare()]);
    const b: number[] = [];
    const r: number[] = [];
    for (let i = 0; i < count; i++) {
      if (i % 2 === 0) {
        r.push((await raw()).ms);
        b.push((await bare()).ms);
      } else {
        b.push((await bare()).ms);
        r.push((await raw()).ms);
      }
    }
    return { bare: summarize(b), raw: summarize(r) };
  } finally {
    agent.destroy();
    child.kill();
  }
}
