import https from 'node:https';
import fs from 'node:fs';
import type { RunningServer } from '../test/support/dockside-server';
import type { BenchContext } from './lib/context';
import { createContainers, figureServer, tlsContextConfig, withSecondEngine } from './lib/engines';
import { keepAlive, timedGet, timedHttpsGet, type Timed } from './lib/http';
import { LIST_TARGET } from './list-api';
import { check, fmtBytes, fmtMs, type FigureResult, type ResultRow } from './lib/report';
import { ratio, summarize } from './lib/stats';
import { BenchSocket } from './lib/ws';

interface Kind {
  /** The engine's name in Dockside. */
  engine: string;
  what: string;
  raw: () => Promise<Timed>;
}

/**
 * Figure 10: the container list API per engine kind. One private engine, a real `dockerd --tlsverify`
 * (bench/lib/engines.ts), is reached two ways at once: by its unix socket (engine `unix`,
 * DOCKSIDE_ENGINES) and over TCP with mutual TLS (engine `tls`, a docker context). Each kind's
 * `GET /api/containers?all=1&engine=<x>` is timed against the raw engine's `GET /containers/json?all=1`
 * on the same transport (node:http on the socket; node:https with the client certificate and a
 * keep-alive agent), alternating request by request, at ~0 and ~200 containers.
 *
 * Two cases per kind: no tab watches the engine, so every read goes to the engine and is reshaped
 * (the per-kind transport cost shows here); and a tab watches it (an events channel open, as a page
 * on that engine has), so Dockside answers from the list it keeps between events, as figure 1 measures.
 */
export async function engineListFigure(ctx: BenchContext): Promise<FigureResult> {
  return withSecondEngine(ctx, async (engine, rawEngine) => {
    const config = tlsContextConfig(engine);
    const server = await figureServer(engine.socketPath, { DOCKER_CONFIG: config.dir, DOCKSIDE_ENGINES: `unix=${engine.unixHost}` });
    const rows: ResultRow[] = [];
    const notes: string[] = [];
    const unixAgent = keepAlive();
    const tlsAgent = new https.Agent({ keepAlive: true, maxSockets: 4, ca: fs.readFileSync(engine.m.ca), cert: fs.readFileSync(engine.m.cert), key: fs.readFileSync(engine.m.key) });
    const kinds: Kind[] = [
      { engine: 'unix', what: 'unix socket', raw: () => timedGet(unixAgent, { socketPath: engine.socketPath }, '/containers/json?all=1') },
      { engine: 'tls', what: 'TCP + TLS', raw: () => timedHttpsGet(tlsAgent, '127.0.0.1', engine.port, '/containers/json?all=1') },
    ];
    try {
      for (const size of ctx.pick([0, 200], [0, 50])) {
        if (size) await createContainers(ctx, rawEngine, size, 'engine-list');
        const onEngine = await rawEngine.count();
        for (const kind of kinds) {
          const cold = await measure(ctx, server, kind, onEngine, false);
          const kept = await measure(ctx, server, kind, onEngine, true);
          for (const [m, how] of [
            [cold, 'every read to the engine'],
            [kept, 'a tab watching (kept list)'],
          ] as const) {
            for (const p of ['p50', 'p95'] as const) {
              const q = ratio(m.d[p], m.r[p]);
              // As in figure 1, the target is for the list a tab gets; a read that reaches the engine is held to it
              // where the engine's own time matters (~200), not at ~0, where it measures one extra HTTP hop (~1 ms).
              const checked = p === 'p50' && (m === kept || onEngine >= 20);
              rows.push({ metric: `${kind.engine}: ${p} @ ${onEngine}, ${how}`, dockside: fmtMs(m.d[p]), baseline: fmtMs(m.r[p]), ratio: q, check: checked ? check(q, '<=', LIST_TARGET) : undefined });
            }
          }
          notes.push(
            `${kind.engine} (${kind.what}) @ ${onEngine}: ${cold.n} requests per side and case after ${cold.warmUp} untimed; body ${fmtBytes(cold.dBytes)} (Dockside) vs ${fmtBytes(cold.rBytes)} (engine); ` +
              `max ${fmtMs(cold.d.max)} vs ${fmtMs(cold.r.max)} (every read to the engine), ${fmtMs(kept.d.max)} vs ${fmtMs(kept.r.max)} (kept).`,
          );
        }
      }
    } finally {
      unixAgent.destroy();
      tlsAgent.destroy();
      await server.stop();
      config.remove();
    }
    notes.push(
      `One dockerd ${engine.docker('version', '--format', '{{.Server.Version}}')} started with --tlsverify (CA, server certificate for IP:127.0.0.1, client certificate, all made with openssl for this run), ` +
        `listening on its unix socket and on ${engine.tcpHost}. Baselines: the same client (node:http / node:https, keep-alive) straight to the engine on the same transport; ` +
        'Dockside over loopback HTTP with the bearer token. The check is p50 ≤ 1.3× per kind for the kept list, and for reads that reach the engine at the larger size; ' +
        'at ~0 containers such a read is one extra local HTTP hop over a sub-millisecond call (figure 1 shows the same as "first read after an event", and a bare Node server\'s floor), shown without a target.',
    );
    return { id: 10, title: 'Container list API per engine kind (unix, TLS)', rows, notes };
  });
}

/**
 * `n` reads of each side, alternating (ABBA), after a warm-up. With `watched`, an events channel on
 * the engine is open throughout (Dockside keeps the list); without, nobody watches it and each read
 * reaches the engine (its hub ends 5 s after the last watcher: the unwatched case runs first).
 */
async function measure(ctx: BenchContext, server: RunningServer, kind: Kind, onEngine: number, watched: boolean) {
  if (!watched) await hubGone(kind.engine);
  const agent = keepAlive();
  const sock = watched ? await BenchSocket.connect(server.url, server.token) : null;
  try {
    if (sock) await sock.open({ kind: 'events', engine: kind.engine }, {});
    const dockside = () => timedGet(agent, { host: '127.0.0.1', port: server.port }, `/api/containers?all=1&engine=${kind.engine}`, { Authorization: `Bearer ${server.token}` });
    const n = onEngine < 20 ? ctx.pick(200, 40) : ctx.pick(60, 15);
    const warmUp = onEngine < 20 ? ctx.pick(100, 50) : 10;
    for (let i = 0; i < warmUp; i++) await Promise.all([kind.raw(), dockside()]);
    const r: Timed[] = [];
    const d: Timed[] = [];
    for (let i = 0; i < n; i++) {
      if (i % 2 === 0) {
        r.push(await kind.raw());
        d.push(await dockside());
      } else {
        d.push(await dockside());
        r.push(await kind.raw());
      }
    }
    const bad = d.find((t) => t.status !== 200) ?? r.find((t) => t.status !== 200);
    if (bad) throw new Error(`${kind.engine}: status ${bad.status} at ${onEngine} containers`);
    return { n, warmUp, r: summarize(r.map((t) => t.ms)), d: summarize(d.map((t) => t.ms)), rBytes: r[0]!.bytes, dBytes: d[0]!.bytes };
  } finally {
    if (sock) {
      sock.close();
      lastWatched.set(kind.engine, Date.now());
    }
    agent.destroy();
  }
}

/** When each engine was last watched: its hub (and kept list) lives on for 5 s after (server/hub/engine-hubs.ts). */
const lastWatched = new Map<string, number>();
const HUB_LINGER_MS = 5_000;

async function hubGone(engine: string): Promise<void> {
  const wait = (lastWatched.get(engine) ?? 0) + HUB_LINGER_MS + 500 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

