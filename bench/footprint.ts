import path from 'node:path';
import { startDockside } from '../test/support/dockside-server';
import { signedInContext } from './lib/browser';
import { firstLoadJs, LIBRARY_MARKERS } from './lib/bundle';
import type { BenchContext } from './lib/context';
import { inParallel } from './lib/engine';
import { treeSample } from './lib/proc';
import { check, fmtBytes, type FigureResult, type ResultRow } from './lib/report';
import { BenchSocket, type ChannelSpec } from './lib/ws';
import { BENCH_DIST_DIR, serverEnv } from './lib/server';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const RSS_LIMIT_MB = 150;
const LIST_JS_LIMIT_KB = 200;

/**
 * Figure 7: a fresh server's memory idle and with 20 channels open (logs, stats, exec), and the
 * production build's first-load JS per route (gzip), with xterm and uPlot kept off the list route.
 */
export async function footprintFigure(ctx: BenchContext): Promise<FigureResult> {
  const rows: ResultRow[] = [];
  const notes: string[] = [];

  const server = await startDockside([], serverEnv(ctx.engine.socketPath));
  const pid = server.proc.pid!;
  const ids: string[] = [];
  try {
    await sleep(3000);
    const atStart = treeSample(pid);
    // Idle after it has served the list page once (its route code loaded), as a person leaves it.
    const context = await signedInContext(await ctx.browser(server), server);
    const page = await context.newPage();
    await page.goto(`${server.url}/containers`);
    await page.locator('input[type=search]').waitFor();
    await context.close();
    // V8 gives memory back only after the process has been quiet for a while (its memory reducer
    // ran ~25 s after the last request in trials), so "idle" is read at the end of a long quiet spell.
    const idleSeconds = ctx.pick(35, 5);
    const idleTrace: number[] = [];
    for (let i = 0; i < idleSeconds; i++) {
      await sleep(1000);
      idleTrace.push(treeSample(pid).rssBytes);
    }
    const idle = treeSample(pid);
    rows.push({
      metric: `server RSS idle (${idleSeconds} s after serving the list page)`,
      dockside: fmtBytes(idle.rssBytes),
      baseline: '—',
      check: check(idle.rssBytes / 1024 / 1024, '<=', RSS_LIMIT_MB, 'RSS', ' MB'),
    });

      const labels = ctx.labels('footprint');
    ids.push(...(await inParallel([0, 1], 2, (i) => ctx.engine.create(ctx.name(`fp-spam${i}`), { Image: 'dockside/logspam', Labels: labels }))));
    ids.push(...(await inParallel([0, 1, 2], 3, (i) => ctx.engine.create(ctx.name(`fp-sh${i}`), { Cmd: ['sleep', '3600'], Labels: labels }))));
    await inParallel(ids, 5, (id) => ctx.engine.start(id));
    const [spam0, spam1, sh0, sh1, sh2] = ids as [string, string, string, string, string];
    const specs: ChannelSpec[] = [
      ...Array.from({ length: 8 }, (_, i): ChannelSpec => ({ kind: 'logs', params: { container: i % 2 ? spam1 : spam0, tail: 300, follow: true } })),
      ...Array.from({ length: 6 }, (_, i): ChannelSpec => ({ kind: 'stats', params: { container: [sh0, sh1, sh2][i % 3]! } })),
      ...Array.from({ length: 6 }, (_, i): ChannelSpec => ({ kind: 'exec', params: { container: [sh0, sh1, sh2][i % 3]!, cmd: ['sh'], cols: 120, rows: 40 } })),
    ];
    const sock = await BenchSocket.connect(server.url, server.token);
    try {
      await Promise.all(specs.map((s) => sock.open(s, {})));
      await sleep(ctx.pick(10_000, 3000));
      const busy = treeSample(pid);
      rows.push({ metric: 'server RSS with 20 open channels', dockside: fmtBytes(busy.rssBytes), baseline: '—' });
      notes.push(
        `RSS of the server process tree (${busy.processes} process${busy.processes > 1 ? 'es' : ''}, /proc VmRSS): ${fmtBytes(atStart.rssBytes)} 3 s after start; ` +
          `after one list page load, each second of the quiet spell: ${idleTrace.map((b) => (b / 1024 / 1024).toFixed(0)).join(' ')} MB; ` +
          `${fmtBytes(busy.rssBytes)} with 8 logs (following logspam), 6 stats and 6 exec (sh) channels open for ${ctx.pick(10, 3)} s on one socket.`,
      );
    } finally {
      sock.close();
    }
  } finally {
    await server.stop();
    await inParallel(ids, 5, (id) => ctx.engine.remove(id));
  }

  const routes = firstLoadJs(path.resolve(import.meta.dirname, '..', BENCH_DIST_DIR));
  const list = routes.find((r) => r.route === '/containers');
  const kb = (list?.gzipBytes ?? NaN) / 1024;
  rows.push({ metric: 'first-load JS, /containers (gzip)', dockside: `${kb.toFixed(1)} kB`, baseline: '—', check: check(kb, '<=', LIST_JS_LIMIT_KB, 'gzip', ' kB') });
  const heavy = routes.filter((r) => Object.values(r.has).some(Boolean));
  const onList = list ? Object.keys(list.has).filter((k) => list.has[k]) : [];
  rows.push({
    metric: `${Object.keys(LIBRARY_MARKERS).join(' / ')} off the list route`,
    dockside: list ? (onList.length ? `included: ${onList.join(', ')}` : 'not included') : 'n/a',
    baseline: '—',
    check: { text: 'not in /containers', pass: !!list && onList.length === 0 },
  });
  notes.push(
    `First-load JS (gzip -9 of the root main files + the route's layout/page chunks, from the ${BENCH_DIST_DIR} manifests): ` +
      routes.map((r) => `${r.route} ${(r.gzipBytes / 1024).toFixed(1)} kB`).join(', ') +
      `. In first-load chunks: ${heavy.length ? heavy.map((r) => `${r.route} (${Object.keys(r.has).filter((k) => r.has[k]).join(', ')})`).join(', ') : 'none of them on any route (all load on demand)'}.`,
  );
  return { id: 7, title: 'Footprint', rows, notes };
}
