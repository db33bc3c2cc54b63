import crypto from 'node:crypto';
import http from 'node:http';
import tar from 'tar-stream';
import type { BenchContext } from './context';
import { BENCH_LABEL } from './context';

/**
 * Many images, made fast: one `docker load` of a generated archive (the classic `docker save`
 * layout: manifest.json, one config per image, layer tars) instead of one import per image, so a
 * figure can reach 500 images in seconds. The shape is a real engine's: a few base layers, group
 * layers on each base shared by many images, and on every tenth image a small layer of its own; each image
 * has history (one step per layer plus a metadata-only LABEL step). The engine registers a shared
 * layer once (it checks the chain first), as it does for a real load.
 */

const BASES = 4;
const GROUPS_PER_BASE = 10;
const OWN_EVERY = 10;

const sha256 = (b: Buffer | string) => crypto.createHash('sha256').update(b).digest('hex');

function layerTar(name: string, bytes: number, seed: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pack = tar.pack();
    const body = Buffer.alloc(bytes, seed);
    pack.entry({ name, mtime: new Date(0), mode: 0o644 }, body);
    pack.finalize();
    const chunks: Buffer[] = [];
    pack.on('data', (c: unknown) => chunks.push(c as Buffer));
    pack.on('end', () => resolve(Buffer.concat(chunks)));
    pack.on('error', reject);
  });
}

const goArch = () => ({ x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386' })[process.arch as string] ?? 'amd64';

interface Layer {
  path: string;
  tar: Buffer;
  diffId: string;
}

async function makeLayer(path: string, bytes: number, seed: string): Promise<Layer> {
  const t = await layerTar(`${path.replace(/\W/g, '_')}.bin`, bytes, seed);
  return { path: `${path}/layer.tar`, tar: t, diffId: `sha256:${sha256(t)}` };
}

/** Images `from`..`to-1` of the set: tagged `dsb-<run>-set:<i>`, labelled with the run. */
async function archive(ctx: BenchContext, from: number, to: number): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((resolve, reject) => {
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  const bases = await Promise.all(Array.from({ length: BASES }, (_, b) => makeLayer(`base${b}-${ctx.run}`, 64 * 1024 * (b + 1), `base ${b} ${ctx.run}`)));
  const groups = await Promise.all(Array.from({ length: BASES * GROUPS_PER_BASE }, (_, g) => makeLayer(`group${g}-${ctx.run}`, 8 * 1024 + g * 256, `group ${g} ${ctx.run}`)));
  const used = new Set<Layer>();
  const manifest: Array<{ Config: string; RepoTags: string[]; Layers: string[] }> = [];
  const created = new Date(Date.UTC(2026, 0, 1)).toISOString();
  for (let i = from; i < to; i++) {
    const g = i % groups.length;
    const base = bases[Math.floor(g / GROUPS_PER_BASE)]!;
    const group = groups[g]!;
    // every tenth image has a layer of its own (registering a layer is what makes a load slow)
    const own = i % OWN_EVERY === 0 ? await makeLayer(`own${i}-${ctx.run}`, 512 + (i % 97) * 16, `own ${i} ${ctx.run}`) : null;
    const layers = own ? [base, group, own] : [base, group];
    const config = Buffer.from(
      JSON.stringify({
        architecture: goArch(),
        os: 'linux',
        created,
        config: { Cmd: ['sh'], Labels: { [BENCH_LABEL]: ctx.run, n: String(i) } },
        rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
        history: [
          { created, created_by: `/bin/sh -c #(nop) ADD file:base${Math.floor(g / GROUPS_PER_BASE)} in / ` },
          { created, created_by: `/bin/sh -c make group ${g}` },
          { created, created_by: `/bin/sh -c #(nop)  LABEL n=${i}`, empty_layer: true },
          ...(own ? [{ created, created_by: `/bin/sh -c make own ${i}` }] : []),
        ],
      }),
    );
    const configName = `${sha256(config)}.json`;
    pack.entry({ name: configName, mtime: new Date(0) }, config);
    for (const l of layers) {
      if (used.has(l)) continue;
      used.add(l);
      pack.entry({ name: l.path, mtime: new Date(0) }, l.tar);
    }
    manifest.push({ Config: configName, RepoTags: [`dsb-${ctx.run}-set:${i}`], Layers: layers.map((l) => l.path) });
  }
  pack.entry({ name: 'manifest.json', mtime: new Date(0) }, JSON.stringify(manifest));
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

function load(socketPath: string, body: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, method: 'POST', path: '/images/load?quiet=1', headers: { 'Content-Type': 'application/x-tar', 'Content-Length': body.length } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => (res.statusCode === 200 && !text.includes('"error"') ? resolve() : reject(new Error(`load answered ${res.statusCode}: ${text.slice(0, 300)}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const made = new Map<string, number>();

/** Grows this run's image set to `n` images (one `docker load`); returns the seconds it took. */
export async function ensureImageSet(ctx: BenchContext, n: number): Promise<number> {
  const have = made.get(ctx.run) ?? 0;
  if (have >= n) return 0;
  const t0 = Date.now();
  await load(ctx.engine.socketPath, await archive(ctx, have, n));
  made.set(ctx.run, n);
  return (Date.now() - t0) / 1000;
}

/** Ids of this run's image set. */
export async function imageSetIds(ctx: BenchContext): Promise<string[]> {
  const filters = encodeURIComponent(JSON.stringify({ label: [`${BENCH_LABEL}=${ctx.run}`], reference: [`dsb-${ctx.run}-set`] }));
  return (await ctx.engine.json<Array<{ Id: string }>>('GET', `/images/json?filters=${filters}`)).map((i) => i.Id);
}

/** Removes the set in one prune (all unused images with the run's label: only these). */
export async function dropImageSet(ctx: BenchContext): Promise<void> {
  if (!made.get(ctx.run)) return;
  const filters = encodeURIComponent(JSON.stringify({ label: [`${BENCH_LABEL}=${ctx.run}`], dangling: ['false'] }));
  await ctx.engine.json('POST', `/images/prune?filters=${filters}`);
  made.delete(ctx.run);
}

/** Image sets an interrupted earlier run left (unused images with any bench label). */
export async function dropStaleImageSets(ctx: BenchContext): Promise<void> {
  // prune takes no reference filter: every unused bench-labelled image goes (a run's own figures remove theirs as they end)
  const filters = encodeURIComponent(JSON.stringify({ label: [BENCH_LABEL], dangling: ['false'] }));
  const left = await ctx.engine.json<Array<{ Id: string; Labels: Record<string, string> | null }>>('GET', `/images/json?filters=${encodeURIComponent(JSON.stringify({ label: [BENCH_LABEL], reference: ['dsb-*-set'] }))}`);
  if (!left.some((i) => i.Labels?.[BENCH_LABEL] !== ctx.run)) return;
  ctx.log(`removing ${left.length} images an earlier bench run left`);
  await ctx.engine.json('POST', `/images/prune?filters=${filters}`);
}
