import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import tar from 'tar-stream';
import { alignLayers, readableStep } from '../../../lib/protocol/image-history';
import { buildLayerGraph, childCounts, freedByRemoving, removalSet, type ImageLayersInput } from '../../../lib/protocol/image-layers';
import { familiarImageRef, imageIdSchema, imageRepository, normalizeImageRef, parseImageRef } from '../../../lib/protocol/image-ref';
import type {
  CommitResult,
  ContainerChanges,
  DirectoryListing,
  FileEntry,
  HistoryStep,
  ImageConfigView,
  ImageDetail,
  ImageKind,
  ImageList,
  ImagePruneOptions,
  ImagePrunePreview,
  ImagePruneResult,
  ImageSummary,
  InspectedImage,
  LayerGraph,
  RemovalOutcome,
  RemovalPreview,
  RemovalResult,
} from '../../../lib/protocol/images';
import { EngineError } from '../errors';
import type { ImagesApi, KnownLists } from '../api/images';
import type { DockerContext } from './context';
import { ImageLayerIndex } from '../image-layer-index';


/** `docker diff` walks two filesystems (about 2 s even for an unchanged container on overlay2). */
export const CHANGES_DEADLINE_MS = 60_000;
/** Listing a directory reads the tar of its whole subtree; past this, what was read is shown as truncated. */
export const LIST_DIR_DEADLINE_MS = 20_000;
const LIST_DIR_MAX_ENTRIES = 5_000;
const LIST_DIR_MAX_BYTES = 1024 ** 3;

/** The engine's change kinds: 0 = modified, 1 = added, 2 = deleted. */
const changeKind = (k: number) => (k === 1 ? 'A' : k === 2 ? 'D' : 'C');

const NONE_TAG = '<none>:<none>';
const NONE_DIGEST = '<none>@<none>';

function classify(tags: string[], digests: string[], children: number): ImageKind {
  if (tags.length) return 'tagged';
  return digests.length === 0 && children > 0 ? 'intermediate' : 'dangling';
}

export function toImageSummaries(raw: Docker.ImageInfo[], containers: Array<{ ImageID: string }>): ImageSummary[] {
  const children = childCounts(raw.map((r) => ({ parentId: r.ParentId ?? '' })));
  const used = new Map<string, number>();
  for (const c of containers) used.set(c.ImageID, (used.get(c.ImageID) ?? 0) + 1);
  return raw.map((r) => {
    const repoTags = (r.RepoTags ?? []).filter((t) => t !== NONE_TAG);
    const repoDigests = (r.RepoDigests ?? []).filter((d) => d !== NONE_DIGEST);
    const childCount = children.get(r.Id) ?? 0;
    return {
      id: r.Id,
      repoTags,
      repoDigests,
      parentId: r.ParentId ?? '',
      created: r.Created,
      size: r.Size,
      labels: r.Labels ?? {},
      kind: classify(repoTags, repoDigests, childCount),
      containers: used.get(r.Id) ?? 0,
      children: childCount,
    };
  });
}

/** For dockerode calls that take no abort signal: the deadline still ends the wait. */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

interface RawHistory {
  Id: string;
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

/**
 * The image's layers from its history: which step made which layer (exact where the history names
 * local images, whose layer counts the index knows), each layer's size and readable step.
 */
function layersFrom(diffIds: string[], historyNewestFirst: RawHistory[], chainOf: (id: string) => string[] | undefined) {
  const hist = [...historyNewestFirst].reverse();
  const aligned = alignLayers(
    hist.map((h) => ({ size: h.Size, createdBy: h.CreatedBy ?? '', layersThrough: h.Id && h.Id !== '<missing>' ? (chainOf(h.Id)?.length ?? null) : null })),
    diffIds.length,
  );
  return {
    ...aligned,
    layerSizes: aligned.stepOfLayer.map((s) => (s === null ? 0 : hist[s]!.Size)),
    layerSteps: aligned.stepOfLayer.map((s) => (s === null ? '' : readableStep(hist[s]!.CreatedBy ?? '').text)),
  };
}

function toConfigView(cfg: Docker.ImageInspectInfo['Config'] | undefined): ImageConfigView {
  const c = (cfg ?? {}) as Partial<Docker.ImageInspectInfo['Config']> & { Healthcheck?: { Test?: string[]; Interval?: number; Timeout?: number; Retries?: number; StartPeriod?: number }; StopSignal?: string };
  const hc = c.Healthcheck;
  return {
    cmd: c.Cmd ?? null,
    entrypoint: (c.Entrypoint as string[] | null | undefined) ?? null,
    env: c.Env ?? [],
    exposedPorts: Object.keys(c.ExposedPorts ?? {}),
    workingDir: c.WorkingDir ?? '',
    user: c.User ?? '',
    volumes: Object.keys((c.Volumes as Record<string, unknown> | null | undefined) ?? {}),
    labels: c.Labels ?? {},
    healthcheck: hc?.Test ? { test: hc.Test, interval: hc.Interval, timeout: hc.Timeout, retries: hc.Retries, startPeriod: hc.StartPeriod } : null,
    stopSignal: c.StopSignal ?? '',
  };
}

/** Go's os.FileMode bits, as the engine's path stat carries them. */
const MODE_DIR = 2 ** 31;
const MODE_SYMLINK = 2 ** 27;

function entryFromStat(path: string, stat: { name: string; size: number; mode: number; mtime: string; linkTarget: string }): FileEntry {
  const type = stat.mode >= MODE_DIR ? 'dir' : Math.floor(stat.mode / MODE_SYMLINK) % 2 === 1 ? 'symlink' : 'file';
  const e: FileEntry = { name: stat.name, path, type, size: stat.size, mode: (stat.mode & 0o7777).toString(8).padStart(4, '0'), modified: stat.mtime };
  if (type === 'symlink' && stat.linkTarget) e.linkTarget = stat.linkTarget;
  return e;
}

const joinPath = (dir: string, name: string) => (dir === '/' ? `/${name}` : `${dir}/${name}`);

export function dockerImages(ctx: DockerContext): ImagesApi {
  const rawList = (all = true) => ctx.read((abortSignal) => ctx.docker.listImages({ all, abortSignal } as Docker.ListImagesOptions), 'Image list');
  const rawContainers = () => ctx.read((abortSignal) => ctx.docker.listContainers({ all: true, abortSignal }), 'Container list');

  const inspectRaw = (name: string) => ctx.read((abortSignal) => ctx.docker.getImage(name).inspect({ abortSignal } as object), `Image ${name}`);
  const historyRaw = (name: string) =>
    ctx.read((abortSignal) => untilAborted(ctx.docker.getImage(name).history() as Promise<RawHistory[]>, abortSignal), `History of ${name}`);

  // This engine's layer index: chains read once per image id (they never change), layer sizes from
  // as few histories as cover them; kept for the life of the engine, synced to each image list.
  const index = new ImageLayerIndex({
    chain: async (id) => (await inspectRaw(id)).RootFS?.Layers ?? [],
    layers: async (id, chain, chainOf) => {
      const { layerSizes, layerSteps } = layersFrom(chain, await historyRaw(id), chainOf);
      return { sizes: layerSizes, steps: layerSteps };
    },
    isGone: (err) => err instanceof EngineError && err.code === 'not_found',
  });

  async function graphFor(summaries: ImageSummary[]) {
    const ids = summaries.map((s) => s.id);
    await index.sync(ids);
    await index.sizeLayers(ids);
    // an image removed between the list and the read simply has no layers in this picture
    const inputs: ImageLayersInput[] = summaries.map((s) => {
      const nodes = index.get(s.id)?.nodes ?? [];
      return { ...s, diffIds: index.get(s.id)?.diffIds ?? [], layerSizes: nodes.map((n) => index.sizeOf(n)), layerSteps: nodes.map((n) => index.stepOf(n)) };
    });
    return { inputs, graph: buildLayerGraph(inputs) };
  }

  async function snapshot() {
    const [raw, containers] = await Promise.all([rawList(), rawContainers()]);
    return { summaries: toImageSummaries(raw, containers), containers };
  }

  async function resolve(name: string) {
    const [info, snap] = await Promise.all([inspectRaw(name), snapshot()]);
    const summary = snap.summaries.find((s) => s.id === info.Id);
    if (!summary) throw new EngineError('not_found', `No such image: ${name}`);
    return { info, summary, ...snap };
  }

  /** `resolve`, with the containers in the shape `KnownLists` has. */
  async function resolveWithUsers(name: string) {
    const r = await resolve(name);
    const users = r.containers.map((c) => ({ id: c.Id, name: (c.Names?.[0] ?? c.Id).replace(/^\//, ''), imageId: c.ImageID, state: c.State, status: c.Status }));
    return { ...r, users };
  }

  /** `resolve` from the server's kept lists: only the inspect is read, unless the image is not in them yet. */
  async function resolveKnown(name: string, known: KnownLists) {
    const info = await inspectRaw(name);
    const summary = known.images.find((s) => s.id === info.Id);
    if (!summary) return resolveWithUsers(name); // made a moment ago: read the lists afresh
    return { info, summary, summaries: known.images, users: known.containers };
  }

  /** Is `name` one of the image's tags (so `rmi name` only untags when others remain)? */
  function tagNamed(name: string, tags: string[]): string | null {
    if (imageIdSchema.safeParse(name).success && !tags.includes(`${name}:latest`)) return null;
    const r = parseImageRef(name);
    if (!r.ok || r.ref.digest) return null;
    const familiar = familiarImageRef(normalizeImageRef(r.ref));
    return tags.find((t) => t === familiar || familiarImageRef(normalizeImageRef(parseOrThrow(t))) === familiar) ?? null;
  }

  function parseOrThrow(ref: string) {
    const r = parseImageRef(ref);
    if (!r.ok) throw new EngineError('bad_request', r.error);
    return r.ref;
  }

  async function planRemoval(name: string, force: boolean): Promise<RemovalOutcome> {
    const { summary, summaries, containers } = await resolve(name);
    const tag = tagNamed(name, summary.repoTags);
    if (tag && summary.repoTags.length > 1) {
      return { kind: 'untag', tag, remainingTags: summary.repoTags.filter((t) => t !== tag) };
    }
    const users = containers
      .filter((c) => c.ImageID === summary.id)
      .map((c) => ({ id: c.Id, name: (c.Names?.[0] ?? c.Id).replace(/^\//, ''), state: c.State }));
    if (summary.children > 0) {
      return { kind: 'refused', reason: `${summary.children} other image(s) are built on it (its children); remove those first. This cannot be forced.`, containers: [] };
    }
    if (!tag && summary.repoTags.length > 1 && !force) {
      return { kind: 'refused', reason: `It has ${summary.repoTags.length} tags; remove one tag, or force to remove all of them and the image.`, containers: [] };
    }
    if (users.length > 0) {
      const running = users.filter((u) => u.state === 'running' || u.state === 'paused' || u.state === 'restarting');
      if (!force) return { kind: 'refused', reason: `${users.length} container(s) use it; remove them first, or force.`, containers: users };
      if (running.length) return { kind: 'refused', reason: 'A running container uses it; this cannot be forced. Stop and remove the container first.', containers: running };
      // forced with stopped containers: the engine removes the tags and the image record; the containers keep their layers
      return { kind: 'delete', images: [summary.id], layers: 0, freedBytes: 0, untags: summary.repoTags };
    }
    const { inputs, graph } = await graphFor(summaries);
    const byId = new Map(inputs.map((i) => [i.id, i]));
    const going = removalSet(summary.id, byId, childCounts(inputs));
    const freed = freedByRemoving(graph, going);
    return { kind: 'delete', images: [...going], layers: freed.layers.length, freedBytes: freed.bytes, untags: summary.repoTags };
  }

  /** The engine lists deleted layers (chain ids) among "Deleted" too: told apart by the images that existed. */
  function toRemovalResult(items: Array<{ Untagged?: string; Deleted?: string }> | null | undefined, imageIds: Set<string>): RemovalResult {
    const out: RemovalResult = { untagged: [], deleted: [], layers: 0 };
    for (const i of items ?? []) {
      if (i.Untagged) out.untagged.push(i.Untagged);
      if (i.Deleted) {
        if (imageIds.has(i.Deleted)) out.deleted.push(i.Deleted);
        else out.layers++;
      }
    }
    return out;
  }

  const imageIdSet = async () => new Set((await rawList()).map((r) => r.Id));

  async function prunePlan({ mode, label }: ImagePruneOptions) {
    const { summaries, containers } = await snapshot();
    const eq = label?.indexOf('=') ?? -1;
    const labelled = (s: ImageSummary) =>
      !label || (eq === -1 ? Object.hasOwn(s.labels, label) : s.labels[label.slice(0, eq)] === label.slice(eq + 1));
    const inUse = new Set(containers.map((c) => c.ImageID));
    const byId = new Map(summaries.map((s) => [s.id, s]));
    const going = new Set<string>();
    if (mode === 'dangling') {
      // the engine prunes images with no tag that nothing is built on and no container uses, with their untagged parents
      const children = childCounts(summaries);
      for (const s of summaries) {
        if (s.repoTags.length === 0 && s.children === 0 && !inUse.has(s.id) && labelled(s)) for (const id of removalSet(s.id, byId, children)) going.add(id);
      }
    } else {
      // all unused: everything except images containers use and the parents those are built on
      const keep = new Set<string>();
      for (const id of inUse) {
        let p: string | undefined = id;
        while (p && !keep.has(p)) {
          keep.add(p);
          p = byId.get(p)?.parentId;
        }
      }
      for (const s of summaries) if (!keep.has(s.id) && labelled(s)) going.add(s.id);
    }
    const { graph } = await graphFor(summaries);
    return { going, summaries, bytes: freedByRemoving(graph, going).bytes };
  }

  async function readStat(ref: string, path: string) {
    const res = (await ctx.read(
      (abortSignal) => ctx.docker.getContainer(ref).infoArchive({ path, abortSignal } as object) as Promise<Readable & { headers: Record<string, string> }>,
      `${path} in container ${ref}`,
    )) as Readable & { headers: Record<string, string | undefined> };
    res.resume();
    const header = res.headers['x-docker-container-path-stat'];
    if (!header) throw new EngineError('engine_error', 'The engine sent no stat for that path.');
    return JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as { name: string; size: number; mode: number; mtime: string; linkTarget: string };
  }

  return {
    async list(opts = {}) {
      const { summaries } = await snapshot();
      const out: ImageList = { images: summaries };
      if (opts.sharing) {
        const { graph } = await graphFor(summaries);
        out.sharing = Object.fromEntries(graph.images.map((g) => [g.id, { id: g.id, uniqueSize: g.uniqueSize, sharedSize: g.sharedSize }]));
      }
      return out;
    },

    async inspect(name, known) {
      const [{ info, summary, summaries, users }, history] = await Promise.all([known ? resolveKnown(name, known) : resolveWithUsers(name), historyRaw(name)]);
      // Cost: this image's own reads plus the index, which reads only images it has not seen.
      await index.sync(summaries.map((s) => s.id));
      const diffIds = info.RootFS?.Layers ?? [];
      const aligned = layersFrom(diffIds, history, (id) => index.get(id)?.diffIds);
      index.learn(info.Id, aligned.layerSizes, aligned.layerSteps);
      const nodes = index.get(info.Id)?.nodes ?? [];
      const present = new Set(summaries.map((s) => s.id));
      const going = removalSet(summary.id, new Map(summaries.map((s) => [s.id, s])), childCounts(summaries));
      let uniqueSize = 0;
      const layers = diffIds.map((diffId, i) => {
        const users = nodes[i] === undefined ? [summary.id] : [...index.usersOf(nodes[i]!)].filter((u) => present.has(u));
        const size = aligned.layerSizes[i] ?? 0;
        // what removing it frees: layers no image outside the removal set uses
        if (users.every((u) => going.has(u))) uniqueSize += size;
        return { index: i, diffId, size, stepIndex: aligned.stepOfLayer[i] ?? null, sharedWith: users.filter((id) => id !== summary.id) };
      });
      const totalSize = layers.reduce((s, l) => s + l.size, 0);
      const guessed = new Set(aligned.guessed);
      const hist = [...history].reverse();
      const steps: HistoryStep[] = hist.map((h, i) => ({
        imageId: h.Id && h.Id !== '<missing>' ? h.Id : null,
        created: h.Created,
        createdBy: h.CreatedBy ?? '',
        step: readableStep(h.CreatedBy ?? ''),
        size: h.Size,
        comment: h.Comment ?? '',
        tags: h.Tags ?? [],
        layerIndex: aligned.layerOfStep[i] ?? null,
        ...(guessed.has(i) ? { layerInferred: true } : {}),
      }));
      const i = info as Docker.ImageInspectInfo & { Variant?: string; Author?: string; Comment?: string };
      const image: ImageDetail = {
        id: info.Id,
        repoTags: summary.repoTags,
        repoDigests: summary.repoDigests,
        parentId: summary.parentId,
        created: info.Created,
        author: i.Author ?? '',
        comment: i.Comment ?? '',
        os: info.Os,
        architecture: info.Architecture,
        variant: i.Variant ?? '',
        dockerVersion: info.DockerVersion ?? '',
        size: info.Size,
        uniqueSize,
        sharedSize: totalSize - uniqueSize,
        kind: summary.kind,
        config: toConfigView(info.Config),
        history: steps,
        layers,
        containers: users.filter((c) => c.imageId === info.Id).map(({ id, name, state, status }) => ({ id, name, state, status })),
      };
      return { image, inspect: info } satisfies InspectedImage;
    },

    async layerGraph(opts = {}) {
      const [raw, containers] = await Promise.all([
        rawList(),
        ctx.read((abortSignal) => ctx.docker.listContainers({ all: true, size: opts.containerSizes ?? false, abortSignal }), 'Container list', opts.containerSizes ? 120_000 : undefined),
      ]);
      const { graph } = await graphFor(toImageSummaries(raw, containers));
      return {
        ...graph,
        containers: containers.map((c) => ({
          id: c.Id,
          name: (c.Names?.[0] ?? c.Id).replace(/^\//, ''),
          imageId: c.ImageID,
          state: c.State,
          ...((c as { SizeRw?: number }).SizeRw !== undefined ? { sizeRw: (c as { SizeRw?: number }).SizeRw } : {}),
        })),
      } satisfies LayerGraph;
    },

    async tag(name, target) {
      const ref = parseOrThrow(target);
      if (ref.digest) throw new EngineError('bad_request', 'A tag cannot include a digest.');
      await ctx.call(() => ctx.docker.getImage(name).tag({ repo: imageRepository(ref), tag: ref.tag ?? 'latest' }), `Tag ${name}`);
    },

    async removalTarget(id, tag) {
      if (!tag) return id;
      const info = await inspectRaw(tag).catch((err: unknown) => {
        if (err instanceof EngineError && err.code === 'not_found') return null;
        throw err;
      });
      if (!info || !info.Id.replace(/^sha256:/, '').startsWith(id.replace(/^sha256:/, ''))) {
        throw new EngineError('not_found', `${tag} is not a tag of image ${id.slice(0, 12)}.`);
      }
      return tag;
    },

    async previewRemove(name) {
      const outcome = await planRemoval(name, false);
      const preview: RemovalPreview = { target: name, outcome };
      if (outcome.kind === 'refused') preview.forced = await planRemoval(name, true);
      return preview;
    },

    async remove(name, { force }) {
      const ids = await imageIdSet();
      const res = await ctx.call(() => ctx.docker.getImage(name).remove({ force, noprune: false }) as Promise<Array<{ Untagged?: string; Deleted?: string }>>, `Remove ${name}`);
      return toRemovalResult(res, ids);
    },

    async previewPrune(opts) {
      const { going, summaries, bytes } = await prunePlan(opts);
      return {
        mode: opts.mode,
        images: summaries.filter((s) => going.has(s.id)).map((s) => ({ id: s.id, repoTags: s.repoTags, size: s.size, created: s.created })),
        reclaimableBytes: bytes,
      } satisfies ImagePrunePreview;
    },

    async prune({ mode, label }) {
      const ids = await imageIdSet();
      const filters: Record<string, string[]> = { dangling: [mode === 'dangling' ? 'true' : 'false'] };
      if (label) filters.label = [label];
      const res = (await ctx.call(
        () => ctx.docker.pruneImages({ filters } as object),
        'Image prune',
      )) as { ImagesDeleted?: Array<{ Untagged?: string; Deleted?: string }> | null; SpaceReclaimed?: number };
      const r = toRemovalResult(res.ImagesDeleted, ids);
      return { deleted: r.deleted, untagged: r.untagged, layers: r.layers, reclaimedBytes: res.SpaceReclaimed ?? 0 } satisfies ImagePruneResult;
    },

    async changes(ref) {
      const c = ctx.docker.getContainer(ref);
      const [raw, info] = await Promise.all([
        ctx.read((abortSignal) => c.changes({ abortSignal } as object) as Promise<Array<{ Path: string; Kind: number }> | null>, `Changes of ${ref}`, CHANGES_DEADLINE_MS),
        ctx.read((abortSignal) => c.inspect({ size: true, abortSignal } as object), `Container ${ref}`, CHANGES_DEADLINE_MS),
      ]);
      return {
        changes: (raw ?? []).map((x) => ({ path: x.Path, kind: changeKind(x.Kind) })),
        sizeRw: (info as { SizeRw?: number }).SizeRw ?? null,
      } satisfies ContainerChanges;
    },

    async commit(ref, body) {
      const c = ctx.docker.getContainer(ref);
      const info = await ctx.read((abortSignal) => c.inspect({ abortSignal } as object), `Container ${ref}`);
      const opts: Record<string, unknown> = { pause: body.pause };
      let repoTag: string | null = null;
      if (body.target) {
        const t = parseOrThrow(body.target);
        opts.repo = imageRepository(t);
        opts.tag = t.tag ?? 'latest';
        repoTag = `${opts.repo}:${opts.tag}`;
      }
      if (body.message) opts.comment = body.message;
      if (body.author) opts.author = body.author;
      if (body.changes.length) opts.changes = body.changes;
      const res = (await ctx.call(() => c.commit(opts), `Commit ${ref}`)) as { Id: string };
      const [history, changes] = await Promise.all([
        historyRaw(res.Id),
        ctx.read((abortSignal) => c.changes({ abortSignal } as object) as Promise<unknown[] | null>, `Changes of ${ref}`, CHANGES_DEADLINE_MS).catch(() => null),
      ]);
      return {
        id: res.Id,
        repoTag,
        layerSize: history[0]?.Size ?? 0,
        changedPaths: changes?.length ?? 0,
        container: { id: info.Id, name: info.Name.replace(/^\//, '') },
      } satisfies CommitResult;
    },

    async listDirectory(ref, path) {
      // Stat first, then the tar, never both at once: the engine holds the container's lock from the
      // start of an archive read until it has been read to the end, so a stat asked meanwhile waits
      // for a tar nobody reads yet (a deadlock until the deadline; seen in e2e).
      const stat = await readStat(ref, path);
      const self = entryFromStat(path, stat);
      const listing: DirectoryListing = { path, self, entries: [], truncated: false };
      if (self.type !== 'dir') return listing; // a symlink is shown with its target, never followed
      const deadline = AbortSignal.timeout(LIST_DIR_DEADLINE_MS);
      const stream = (await ctx.read(
        (abortSignal) => ctx.docker.getContainer(ref).getArchive({ path, abortSignal: AbortSignal.any([abortSignal, deadline]) } as object),
        `${path} in container ${ref}`,
        LIST_DIR_DEADLINE_MS,
      )) as Readable;
      const children = new Map<string, FileEntry>();
      let base: string | null = null;
      let bytes = 0;
      await new Promise<void>((resolveDone) => {
        const extract = tar.extract();
        const stop = (truncated: boolean) => {
          listing.truncated ||= truncated;
          stream.unpipe(extract);
          stream.destroy();
          extract.destroy();
          resolveDone();
        };
        extract.on('entry', (header, body, next) => {
          const name = header.name.replace(/^\/+/, '').replace(/\/+$/, '');
          if (base === null) base = name;
          else {
            const rel = base === '' ? name : name.startsWith(`${base}/`) ? name.slice(base.length + 1) : null;
            if (rel) {
              const slash = rel.indexOf('/');
              const top = slash === -1 ? rel : rel.slice(0, slash);
              if (slash === -1) {
                const type = header.type === 'directory' ? 'dir' : header.type === 'symlink' ? 'symlink' : header.type === 'file' ? 'file' : 'other';
                const prior = children.get(top);
                const e: FileEntry = {
                  name: top,
                  path: joinPath(path, top),
                  type,
                  size: (prior?.size ?? 0) + (header.size ?? 0),
                  mode: ((header.mode ?? 0) & 0o7777).toString(8).padStart(4, '0'),
                  modified: (header.mtime ?? new Date(0)).toISOString(),
                };
                if (header.linkname && type === 'symlink') e.linkTarget = header.linkname;
                children.set(top, e);
              } else {
                const parent = children.get(top);
                if (parent) parent.size += header.size ?? 0; // a directory's size: everything under it
              }
            }
          }
          bytes += header.size ?? 0;
          body.on('end', next);
          body.resume();
          if (children.size >= LIST_DIR_MAX_ENTRIES || bytes > LIST_DIR_MAX_BYTES) stop(true);
        });
        extract.on('finish', () => resolveDone());
        extract.on('error', () => stop(true));
        stream.on('error', () => stop(true));
        stream.pipe(extract);
      });
      listing.entries = [...children.values()].sort((a, b) => (a.type === 'dir') === (b.type === 'dir') ? a.name.localeCompare(b.name) : a.type === 'dir' ? -1 : 1);
      return listing;
    },

    async download(ref, path, signal) {
      await readStat(ref, path); // 404 as JSON before any bytes are sent
      // A big file streams over a connection of its own with big reads (bulk-http.ts, figure 15).
      if (ctx.bulk) {
        const bulk = ctx.bulk;
        const answer = await ctx.call(() => bulk({ method: 'GET', path: `/containers/${encodeURIComponent(ref)}/archive`, query: { path }, signal }), `${path} in container ${ref}`);
        return answer.body;
      }
      return (await ctx.call(() => ctx.docker.getContainer(ref).getArchive({ path, ...(signal ? { abortSignal: signal } : {}) } as object), `${path} in container ${ref}`)) as Readable;
    },

    async upload(ref, dir, file) {
      // The server packs the file into an uncompressed tar itself: a compressed archive sent to
      // PUT /archive can make newer engines run the container's own decompressor as host root
      // (GHSA-x86f-5xw2-fm2r). A .tar.gz uploaded here lands as that file, never unpacked.
      const pack = tar.pack();
      const entry = pack.entry({ name: file.name, size: file.size, mode: 0o644, mtime: new Date(), type: 'file' }, (err) => {
        if (err) pack.destroy(err);
        else pack.finalize();
      });
      file.body.on('error', (err) => entry.destroy(err));
      file.body.pipe(entry);
      await ctx.call(
        () => ctx.docker.getContainer(ref).putArchive(pack as unknown as NodeJS.ReadableStream, { path: dir, noOverwriteDirNonDir: true }),
        `Upload into ${dir} of container ${ref}`,
      );
    },
  };
}
