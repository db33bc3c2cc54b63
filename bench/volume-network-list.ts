import type { BenchContext } from './lib/context';
import { inParallel } from './lib/engine';
import { keepAlive, timedGet } from './lib/http';
import { check, fmtBytes, fmtMs, type FigureResult, type ResultRow } from './lib/report';
import { ratio } from './lib/stats';
import { alternateTimed } from './lib/alternate';

export const VOLUME_NETWORK_LIST_TARGET = 1.3;

/** The n-th bench network's subnet: /28s in 100.64.0.0/10 (shared address space, used by nothing here). */
const subnet = (i: number) => `100.${64 + Math.floor(i / 4096)}.${Math.floor((i % 4096) / 16)}.${(i % 16) * 16}/28`;

/**
 * Figure 17: Dockside's `GET /api/volumes` and `GET /api/networks` against the engine's
 * `GET /volumes` and `GET /networks` on its socket, at 0, 100 and 500 volumes and networks made
 * for the figure (labelled, removed after). The two sides alternate request by request (ABBA).
 * Dockside's answer also carries "in use by" (volumes) and the attached containers (networks),
 * which it joins from the container list the server keeps between engine events.
 */
export async function volumeNetworkListFigure(ctx: BenchContext): Promise<FigureResult> {
  const sizes = ctx.pick([0, 100, 500], [0, 20, 100]);
  const iterations = ctx.pick(60, 15);
  // As figure 1: at 0 objects a request is a fraction of a millisecond, and a few hundred untimed ones
  // let V8 finish compiling the hot path (this figure may run first on a fresh server).
  const warmUpAt = (size: number) => (size === 0 ? ctx.pick(300, 30) : ctx.pick(40, 10));
  const rows: ResultRow[] = [];
  const notes: string[] = [];
  const rawAgent = keepAlive();
  const dsAgent = keepAlive();
  const auth = { Authorization: `Bearer ${ctx.server.token}` };
  const volumes: string[] = [];
  const networks: string[] = [];

  const measure = async (what: 'volumes' | 'networks', count: number, warmUp: number) => {
    const raw = () => timedGet(rawAgent, { socketPath: ctx.engine.socketPath }, `/${what}`);
    const dockside = () => timedGet(dsAgent, { host: '127.0.0.1', port: ctx.server.port }, `/api/${what}`, auth);
    for (let i = 0; i < warmUp; i++) await Promise.all([raw(), dockside()]);
    const { a: rs, b: ds, aRuns: r, bRuns: d } = await alternateTimed(iterations, raw, dockside, `${what} at ${count}`);
    for (const p of ['p50', 'p95'] as const) {
      const q = ratio(ds[p], rs[p]);
      rows.push({ metric: `${what} ${p} @ ${count}`, dockside: fmtMs(ds[p]), baseline: fmtMs(rs[p]), ratio: q, ...(p === 'p50' ? { check: check(q, '<=', VOLUME_NETWORK_LIST_TARGET) } : {}) });
    }
    notes.push(`${what} @ ${count}: body ${fmtBytes(d[0]!.bytes)} (Dockside) vs ${fmtBytes(r[0]!.bytes)} (engine); max ${fmtMs(ds.max)} vs ${fmtMs(rs.max)}`);
  };

  try {
    for (const size of sizes) {
      const t0 = Date.now();
      await inParallel(Array.from({ length: size - volumes.length }, (_, k) => volumes.length + k), 8, async (i) => {
        const name = ctx.name(`vol${i}`);
        await ctx.engine.json('POST', '/volumes/create', { Name: name, Labels: ctx.labels('volume-list') });
        volumes.push(name);
      });
      await inParallel(Array.from({ length: size - networks.length }, (_, k) => networks.length + k), 4, async (i) => {
        const name = ctx.name(`net${i}`);
        await ctx.engine.json('POST', '/networks/create', { Name: name, CheckDuplicate: true, Labels: ctx.labels('network-list'), IPAM: { Config: [{ Subnet: subnet(i) }] } });
        networks.push(name);
      });
      if (size) ctx.log(`figure 17: ${volumes.length} volumes and ${networks.length} networks ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      const onEngine = async (what: 'volumes' | 'networks') => {
        const body = await ctx.engine.json<{ Volumes?: unknown[] } | unknown[]>('GET', `/${what}`);
        return Array.isArray(body) ? body.length : (body.Volumes ?? []).length;
      };
      await measure('volumes', await onEngine('volumes'), warmUpAt(size));
      await measure('networks', await onEngine('networks'), warmUpAt(size));
    }
  } finally {
    rawAgent.destroy();
    dsAgent.destroy();
    await inParallel(volumes, 8, (v) => ctx.engine.request('DELETE', `/volumes/${v}`));
    await inParallel(networks, 4, (n) => ctx.engine.request('DELETE', `/networks/${n}`));
  }
  notes.push(
    `${iterations} requests each per size after ${warmUpAt(1)} untimed (${warmUpAt(0)} at 0). Baseline: the engine API over its unix socket with node:http; Dockside over TCP with the same client and the bearer token. ` +
      'Dockside also answers which containers use each volume and are attached to each network.',
  );
  return { id: 17, title: 'Volume and network list APIs', rows, notes };
}
