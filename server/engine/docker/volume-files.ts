import path from 'node:path';
import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import tar from 'tar-stream';
import type { VolumeEntry, VolumeListing } from '../../../lib/protocol/volumes';
import type { VolumeFilesApi } from '../api/volumes';
import { EngineError } from '../errors';
import { withSignal, type ResourceContext } from './resource-context';

/**
 * Read-only browsing of a volume without an agent or an image the user may not have: a helper
 * container is created (never started: the engine's archive API reads a stopped container's
 * mounts) from the smallest image already on the engine, with the volume mounted read-only and no
 * network, used for one request and removed. Helpers carry a label; leftovers from a crash are
 * removed when the engine is first used (see createDockerEngine), and before a browse at the latest.
 */
export const HELPER_LABEL = 'dockside.helper';
const HELPER_VALUE = 'volume-browser';
const MOUNT = '/dockside-volume';
/** A folder with more entries than this (anywhere below it, as the engine's tar walks it) is cut short. */
const MAX_HEADERS = 5000;

interface RawImage {
  Id: string;
  RepoTags?: string[] | null;
  Size?: number;
}

export function dockerVolumeFiles(ctx: ResourceContext): VolumeFilesApi {
  const d = ctx.docker;
  let swept: Promise<void> | null = null;

  const sweep = () =>
    (swept ??= (async () => {
      const left = await ctx.read((abortSignal) => d.listContainers({ all: true, filters: { label: [`${HELPER_LABEL}=${HELPER_VALUE}`] }, abortSignal } as object));
      await Promise.all((left as unknown as Array<{ Id: string }>).map((c) => d.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
    })().catch(() => undefined));

  async function helperImage(): Promise<{ ref: string; why: string }> {
    const images = (await ctx.read((abortSignal) => d.listImages({ abortSignal } as object), 'List images')) as unknown as RawImage[];
    const usable = images.filter((i) => i.Id).sort((a, b) => (a.Size ?? 0) - (b.Size ?? 0));
    const img = usable[0];
    if (!img) throw new EngineError('conflict', 'There is no image on this engine to make a helper container from, so the volume cannot be browsed here.');
    const ref = img.RepoTags?.find((t) => t !== '<none>:<none>') ?? img.Id;
    return { ref, why: `a helper container from ${ref} (the smallest image on this engine; it is created, never started, so any image does and nothing is pulled)` };
  }

  async function withHelper<T>(volume: string, use: (c: Docker.Container, why: string) => Promise<T>): Promise<T> {
    await sweep();
    await ctx.read((abortSignal) => withSignal(d.getVolume(volume).inspect, d.getVolume(volume), { abortSignal }), `Volume ${volume}`);
    const image = await helperImage();
    const helper = await ctx.call(
      () =>
        d.createContainer({
          Image: image.ref,
          Entrypoint: ['/dockside-volume-browser-never-runs'],
          Cmd: [],
          Labels: { [HELPER_LABEL]: HELPER_VALUE },
          NetworkDisabled: true,
          HostConfig: { Binds: [`${volume}:${MOUNT}:ro`], NetworkMode: 'none' },
        }),
      'Create the volume browser helper',
    );
    return use(helper, image.why);
  }

  const remove = (c: Docker.Container) => c.remove({ force: true }).catch(() => undefined);

  const archive = (c: Docker.Container, p: string) =>
    ctx.call(() => c.getArchive({ path: `${MOUNT}${p === '/' ? '/' : p}` }), `Read ${p}`) as Promise<NodeJS.ReadableStream>;

  return {
    sweep,
    async list(volume, p): Promise<VolumeListing> {
      return withHelper(volume, async (helper, why) => {
        try {
          const stream = await archive(helper, p);
          const { entries, truncated, rootIsFile } = await readListing(stream as Readable);
          if (rootIsFile) throw new EngineError('bad_request', `${p} is a file, not a folder: download it instead.`);
          return { volume, path: p, entries, truncated, helper: why };
        } finally {
          await remove(helper);
        }
      });
    },

    async download(volume, p) {
      return withHelper(volume, async (helper) => {
        let stream: NodeJS.ReadableStream;
        try {
          stream = await archive(helper, p);
        } catch (err) {
          await remove(helper);
          throw err;
        }
        const tarStream = stream as Readable;
        // The helper goes once the download ends, however it ends.
        let removed = false;
        const done = () => {
          if (removed) return;
          removed = true;
          void remove(helper);
        };
        tarStream.once('end', done);
        tarStream.once('close', done);
        tarStream.once('error', done);
        const base = p === '/' ? volume : path.posix.basename(p);
        return { tar: Readable.from(tarStream), name: base };
      });
    },
  };
}

/** Direct children of the archive's root folder, from the tar headers (bodies are skipped). */
export async function readListing(stream: Readable): Promise<{ entries: VolumeEntry[]; truncated: boolean; rootIsFile: boolean }> {
  const extract = tar.extract();
  const entries: VolumeEntry[] = [];
  let root: string | null = null;
  let rootIsFile = false;
  let headers = 0;
  let truncated = false;
  return new Promise((resolve, reject) => {
    const finish = () => resolve({ entries: entries.sort((a, b) => Number(b.type === 'directory') - Number(a.type === 'directory') || a.name.localeCompare(b.name)), truncated, rootIsFile });
    extract.on('entry', (header, body, next) => {
      headers++;
      const name = header.name.replace(/\/$/, '');
      if (root === null) {
        root = name;
        if (header.type !== 'directory') rootIsFile = true;
      } else {
        const rel = name.startsWith(`${root}/`) ? name.slice(root.length + 1) : null;
        if (rel && !rel.includes('/')) {
          entries.push({
            name: rel,
            type: header.type === 'directory' ? 'directory' : header.type === 'file' ? 'file' : header.type === 'symlink' ? 'symlink' : 'other',
            size: header.size ?? 0,
            mode: header.mode ?? 0,
            ...(header.mtime ? { modified: header.mtime.toISOString() } : {}),
            ...(header.type === 'symlink' && header.linkname ? { linkTarget: header.linkname } : {}),
          });
        }
      }
      body.on('end', next);
      body.resume();
      if (headers >= MAX_HEADERS) {
        truncated = true;
        stream.destroy();
        extract.destroy();
        finish();
      }
    });
    extract.on('finish', finish);
    extract.on('error', (err) => (truncated ? finish() : reject(err)));
    stream.on('error', (err) => (truncated ? finish() : reject(err)));
    stream.pipe(extract);
  });
}
