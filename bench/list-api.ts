import type { BenchContext } from './lib/context';
import { keepAlive, timedGet, type Timed } from './lib/http';
import { check, fmtBytes, fmtMs, type FigureResult, type ResultRow } from './lib/report';
import { ratio, summarize } from './lib/stats';

export const LIST_TARGET = 1.3;

/**
 * Figure 1: Dockside's `GET /api/containers?all=1` against the engine's `GET /containers/json?all=1`
 * on its socket, at growing container counts. The two alternate request by request (ABBA), so both
 * see the same engine state and the same machine noise.
 */
export async function listApiFigure(ctx: BenchContext): Promise<FigureResult> {
  const sizes = ctx.pick([0, 200, 1000], [0, 50, 200]);
  const iterations = ctx.pick(80, 20);
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
      for (let i = 0; i < 5; i++) await Promise.all([raw(), dockside()].map((p) => p.then(() => undefined)));
      const r: Timed[] = [];
      const d: Timed[] = [];
      for (let i = 0; i < iterations; i++) {
        if (i % 2 === 0) {
          r.push(await raw());
          d.push(await dockside());
        } else {
          d.push(await dockside());
          r.push(await raw());
        }
      }
      const bad = d.find((t) => t.status !== 200) ?? r.find((t) => t.status !== 200);
      if (bad) throw new Error(`status ${bad.status} at ${onEngine} containers`);
      const rs = summarize(r.map((t) => t.ms));
      const ds = summarize(d.map((t) => t.ms));
      for (const p of ['p50', 'p95'] as const) {
        const q = ratio(ds[p], rs[p]);
        rows.push({ metric: `${p} @ ${onEngine} containers`, dockside: fmtMs(ds[p]), baseline: fmtMs(rs[p]), ratio: q, check: check(q, '<=', LIST_TARGET) });
      }
      notes.push(
        `${onEngine} containers: ${iterations} requests each; body ${fmtBytes(d[0]!.bytes)} (Dockside) vs ${fmtBytes(r[0]!.bytes)} (engine); ` +
          `max ${fmtMs(ds.max)} vs ${fmtMs(rs.max)}`,
      );
      ctx.shared.rawListP50 = rs.p50;
      ctx.shared.rawListCount = onEngine;
    }
  } finally {
    rawAgent.destroy();
    dsAgent.destroy();
  }
  notes.push('Baseline: the engine API over its unix socket with node:http; Dockside over TCP with the same client and the bearer token.');
  return { id: 1, title: 'Container list API', rows, notes };
}
