import { performance } from 'node:perf_hooks';
import type { BenchContext } from './lib/context';
import { inParallel } from './lib/engine';
import { engineAndDockside, type Timed } from './lib/http';
import { dropImageSet, dropStaleImageSets, ensureImageSet, imageSetIds } from './lib/image-set';
import { check, fmtMs, type FigureResult, type ResultRow } from './lib/report';
import { ratio, summarize } from './lib/stats';
import { alternateTimed } from './lib/alternate';

export const IMAGE_DETAIL_TARGET = 1.3;
/** The index reads chains this many at a time; the raw cold baseline does the same. */
const COLD_CONCURRENCY = 8;


/**
 * Figure 13: the image detail API (`GET /api/images/{id}`: inspect + history + which images share
 * each layer + what removing it frees + the containers using it) against the raw calls it needs, at
 * about 100 and 500 images (made by one `docker load`: 4 bases, 40 shared group layers, every tenth
 * image with a layer of its own).
 *
 * Warm (the server's layer index already holds every image): Dockside vs inspect + history + the
 * image list (which images exist now: sharing and kind need it) + the container list, in parallel.
 * First detail after N new images: Dockside vs the same plus an inspect of every new image
 * (`RootFS.Layers`, 8 at a time) — what sharing costs raw with nothing kept.
 */
export async function imageDetailFigure(ctx: BenchContext): Promise<FigureResult> {
  const sizes = ctx.pick([100, 500], [40, 120]);
  const iterations = ctx.pick(40, 12);
  const rows: ResultRow[] = [];
  const notes: string[] = [];
  const { raw, ds, close } = engineAndDockside(ctx.engine.socketPath, ctx.server);
  const rawWarm = async (id: string): Promise<Timed> => {
    const t = performance.now();
    const all = await Promise.all([raw(`/images/${id}/json`), raw(`/images/${id}/history`), raw('/images/json?all=1'), raw('/containers/json?all=1')]);
    return { ...all[0]!, ms: performance.now() - t, status: Math.max(...all.map((r) => r.status)) };
  };
  const rawCold = async (id: string, newIds: string[]): Promise<Timed> => {
    const t = performance.now();
    const [first] = await Promise.all([raw(`/images/${id}/json`), raw(`/images/${id}/history`), raw('/containers/json?all=1'), raw('/images/json?all=1').then(() => inParallel(newIds, COLD_CONCURRENCY, (i) => raw(`/images/${i}/json`)))]);
    return { ...first!, ms: performance.now() - t };
  };
  await dropStaleImageSets(ctx);
  try {
    // the server's index first learns the engine's images as they are before the set
    const warmUp = (await ctx.engine.json<Array<{ Id: string }>>('GET', '/images/json?all=1'))[0]!.Id.slice(7);
    await ds(`/api/images/${warmUp}`);
    for (const size of sizes) {
      const before = new Set((await ctx.engine.json<Array<{ Id: string }>>('GET', '/images/json?all=1')).map((i) => i.Id));
      const took = await ensureImageSet(ctx, size);
      const all = (await ctx.engine.json<Array<{ Id: string }>>('GET', '/images/json?all=1')).map((i) => i.Id);
      const onEngine = all.length;
      const fresh = all.filter((i) => !before.has(i));
      const ids = await imageSetIds(ctx);
      const id = ids[Math.floor(ids.length / 2)]!.slice(7);
      notes.push(`${onEngine} images on the engine (${fresh.length} new, loaded in ${took.toFixed(1)} s)`);

      // The first detail after the new images: the server reads each new image's chain once.
      const coldDs = await ds(`/api/images/${id}`);
      if (coldDs.status !== 200) throw new Error(`detail answered ${coldDs.status}`);
      const coldRaw = await rawCold(id, fresh.map((i) => i.slice(7)));
      rows.push({ metric: `first detail after ${fresh.length} new images @ ${onEngine}`, dockside: fmtMs(coldDs.ms), baseline: fmtMs(coldRaw.ms), ratio: ratio(coldDs.ms, coldRaw.ms) });

      for (let i = 0; i < 5; i++) await Promise.all([rawWarm(id), ds(`/api/images/${id}`)]);
      const warm = await alternateTimed(iterations, () => ds(`/api/images/${id}`), () => rawWarm(id));
      for (const p of ['p50', 'p95'] as const) {
        const q = ratio(warm.a[p], warm.b[p]);
        rows.push({ metric: `detail, ${p} @ ${onEngine} images`, dockside: fmtMs(warm.a[p]), baseline: fmtMs(warm.b[p]), ratio: q, ...(p === 'p50' ? { check: check(q, '<=', IMAGE_DETAIL_TARGET) } : {}) });
      }
      // for scale: the two calls that are only about this image
      const own: number[] = [];
      for (let i = 0; i < iterations; i++) {
        const t = performance.now();
        await Promise.all([raw(`/images/${id}/json`), raw(`/images/${id}/history`)]);
        own.push(performance.now() - t);
      }
      notes.push(`@ ${onEngine}: inspect + history alone (raw, parallel) p50 ${fmtMs(summarize(own).p50)}; the image list is the rest of the baseline`);
    }
  } finally {
    close();
    // figure 14 uses the same images and removes them; without it they go now
    if (ctx.opts.only && !ctx.opts.only.has(14)) await dropImageSet(ctx);
  }
  notes.push(
    'Baseline: the engine API over its unix socket with node:http, alternating request by request with Dockside. ' +
      `The first-detail baseline adds an inspect of every new image, ${COLD_CONCURRENCY} at a time (sharing with nothing kept). ` +
      'The image set stays for figure 14 and is removed after it (one prune by the run label).',
  );
  return { id: 13, title: 'Image detail API', rows, notes };
}
