import type { Readable } from 'node:stream';
import type { TaskSummary } from '../../lib/protocol/tasks';
import { BuildLogTracker } from './build-log';
import type { EngineMessage } from './json-lines';
import { imageHref } from '../../lib/protocol/links';
import { TransferProgressTracker } from './progress';
import type { BuildOptions, RegistryAuth, TransfersApi } from '../engine/api/transfers';
import { TaskFailure, taskManager, type TaskHandle } from '../tasks/task-manager';
import { readEngineStream } from './engine-stream';

/**
 * Each long operation as a task: what it runs, what it logs, what cancelling it leaves behind.
 * The words here are the ones the UI shows; they say what really happens in the engine.
 */
export const CANCEL_NOTES = {
  pull: 'Cancelling closes the engine request: the engine stops downloading. Layers it already finished stay in its store (they are reused by the next pull); the image is not tagged.',
  push: 'Cancelling closes the engine request: the engine stops uploading. Layers already uploaded stay in the registry, unreferenced until its garbage collection; the tag is not written there.',
  build: 'Cancelling closes the engine request: the engine stops the build. Images of the steps already finished stay as build cache (dangling images); the tag is not written.',
  save: 'Cancelling closes the engine request: the download stops and the file in the browser is incomplete. Nothing changes in the engine.',
  export: 'Cancelling closes the engine request: the download stops and the file in the browser is incomplete. Nothing changes in the engine.',
  load: 'Cancelling closes the upload: the engine stops reading the archive and loads no image from it.',
  import: 'Cancelling closes the upload: the engine stops reading the archive and creates no image.',
} as const;

const UPLOAD_DONE_NOTE = 'The engine has the whole archive and is writing the image: closing the request now would leave it unknown whether the image was made, so this can no longer be cancelled.';

interface Who {
  who: string;
  engine?: string;
}

/** Progress messages that only move a bar; everything else goes to the log, like the CLI's plain output. */
function isBarOnly(m: EngineMessage): boolean {
  return !!m.progressDetail && (m.progressDetail.current !== undefined || m.progressDetail.total !== undefined) && ['Downloading', 'Extracting', 'Pushing'].includes(m.status ?? '');
}

function logLine(m: EngineMessage): string | null {
  if (typeof m.status !== 'string') return null;
  return m.id ? `${m.id}: ${m.status}` : m.status;
}

/** Reads a pull/push stream to its end: the log gets the CLI's lines, the task the progress bars. */
async function followTransfer(h: TaskHandle, stream: Readable, kind: 'pull' | 'push'): Promise<TransferProgressTracker> {
  const tracker = new TransferProgressTracker(kind);
  await readEngineStream(stream, h.signal, kind, (m) => {
    tracker.apply(m);
    if (!isBarOnly(m)) {
      const line = logLine(m);
      if (line) h.log(line);
    }
    const s = tracker.snapshot();
    h.progress(s);
    if (s.layersTotal) h.message(`${s.layersDone}/${s.layersTotal} layers`);
  });
  return tracker;
}

export function startPull(api: TransfersApi, req: { reference: string; platform?: string; auth?: RegistryAuth; registryId?: string }, who: Who): TaskSummary {
  return taskManager().start({
    kind: 'pull',
    target: req.reference,
    engine: who.engine,
    who: who.who,
    cancellable: true,
    cancelNote: CANCEL_NOTES.pull,
    exclusive: true,
    detail: { reference: req.reference, ...(req.platform ? { platform: req.platform } : {}), ...(req.registryId ? { registry: req.registryId } : {}) },
    run: async (h) => {
      h.message(`Pulling ${req.reference}${req.platform ? ` (${req.platform})` : ''}${req.auth ? ' with stored credentials' : ''}…`);
      const stream = await api.pull(req.reference, { platform: req.platform, auth: req.auth, signal: h.signal });
      const tracker = await followTransfer(h, stream, 'pull');
      const s = tracker.snapshot();
      // A stream that ends without the engine's closing status did not finish (an engine that went away).
      if (!s.statusLine) throw new TaskFailure('The engine ended the pull without saying it finished: it may have stopped or restarted. Pull again.', 'engine_unreachable');
      tracker.finish();
      h.progress(tracker.snapshot());
      return {
        message: `${s.statusLine.replace(/^Status: /, '')}${s.digest ? ` (${s.digest})` : ''}`,
        links: [{ label: req.reference, href: imageHref(req.reference) }],
        images: [req.reference],
      };
    },
  });
}

/** `docker tag` as the images API does it (one implementation: `engine.images.tag`). */
export type TagImage = (source: string, target: string) => Promise<void>;

export function startPush(api: TransfersApi, tag: TagImage, req: { source: string; reference: string; auth?: RegistryAuth; registryId?: string }, who: Who): TaskSummary {
  const tagFirst = req.source !== req.reference;
  return taskManager().start({
    kind: 'push',
    target: req.reference,
    engine: who.engine,
    who: who.who,
    cancellable: true,
    cancelNote: CANCEL_NOTES.push,
    exclusive: true,
    detail: { source: req.source, reference: req.reference, ...(req.registryId ? { registry: req.registryId } : {}) },
    run: async (h) => {
      if (tagFirst) {
        h.log(`docker tag ${req.source} ${req.reference}`);
        await tag(req.source, req.reference);
      }
      h.message(`Pushing ${req.reference}…`);
      const stream = await api.push(req.reference, { auth: req.auth, signal: h.signal });
      const tracker = await followTransfer(h, stream, 'push');
      const s = tracker.snapshot();
      if (!s.digest) throw new TaskFailure('The engine ended the push without a digest: it may have stopped or restarted. Push again.', 'engine_unreachable');
      tracker.finish();
      h.progress(tracker.snapshot());
      return { message: `Pushed ${req.reference} (${s.digest})`, links: [{ label: req.reference, href: imageHref(req.reference) }], images: [req.reference] };
    },
  });
}

/** Counts bytes through an upload and reports them, at most every 100 ms. */
export function countBytes(h: TaskHandle, total: number | null): (n: number) => void {
  let bytes = 0;
  let last = 0;
  return (n) => {
    bytes += n;
    const now = Date.now();
    if (now - last < 100 && (total === null || bytes < total)) return;
    last = now;
    h.progress({ kind: 'bytes', bytes, total });
  };
}

/**
 * The upload as the engine reads it, counted on the way by a listener (no stream in between: see
 * `limitedBody` in transfer-routes.ts). A cut-off upload errors this stream, which closes the engine
 * request: the engine stops reading and makes nothing of a partial archive.
 */
export function countedUpload(h: TaskHandle, source: Readable, total: number | null): Readable {
  const count = countBytes(h, total);
  // Paused explicitly first: the listener must not start the flow before the engine request reads.
  source.pause();
  source.on('data', (chunk: Buffer) => count(chunk.byteLength));
  return source;
}

export function startBuild(
  api: TransfersApi,
  req: { context: () => Readable; opts: BuildOptions; source: string; contextNote?: () => string; uploadFailure?: () => TaskFailure | null; uploadBytes?: number | null },
  who: Who,
): TaskSummary {
  return taskManager().start({
    kind: 'build',
    target: req.opts.tags[0] ?? '(untagged)',
    engine: who.engine,
    who: who.who,
    cancellable: true,
    cancelNote: CANCEL_NOTES.build,
    exclusive: req.opts.tags.length > 0,
    detail: { tags: req.opts.tags, source: req.source, dockerfile: req.opts.dockerfile, target: req.opts.target, noCache: req.opts.noCache, pull: req.opts.pull, buildArgs: Object.keys(req.opts.buildArgs) },
    run: async (h) => {
      const tracker = new BuildLogTracker();
      h.log(`Building with the legacy builder (BuildKit needs a session this engine does not offer) from ${req.source}.`);
      const logins = Object.keys(req.opts.registryConfig ?? {});
      // Addresses only: the credentials themselves go to the engine in a header and nowhere else.
      h.log(logins.length ? `Stored logins sent to the engine for the base images' registries: ${logins.join(', ')}.` : 'No stored registry login applies: base images are pulled anonymously.');
      h.message('Sending the build context to the engine…');
      try {
        const stream = await api.build(req.context(), { ...req.opts, signal: h.signal }).catch((err: unknown) => {
          throw req.uploadFailure?.() ?? err;
        });
        await readEngineStream(stream, h.signal, 'build', (m) => {
          for (const line of tracker.apply(m)) h.log(line);
          const s = tracker.snapshot();
          h.progress(s);
          if (s.current) h.message(`Step ${s.current}/${s.total}: ${s.steps[s.steps.length - 1]?.instruction ?? ''}`);
        });
      } catch (err) {
        for (const line of tracker.flush()) h.log(line);
        tracker.markFailed();
        h.progress(tracker.snapshot());
        // A context that was cut off or over the limit: say that, not "the engine connection closed".
        const upload = req.uploadFailure?.();
        if (upload) throw upload;
        throw withLoginHint(err, logins);
      }
      for (const line of tracker.flush()) h.log(line);
      const s = tracker.snapshot();
      h.progress(s);
      if (req.contextNote) h.log(req.contextNote());
      if (!s.imageId) throw new TaskFailure('The engine ended the build without an image id: it may have stopped or restarted.', 'engine_unreachable');
      const id = s.imageId.startsWith('sha256:') ? s.imageId : `sha256:${s.imageId}`;
      return {
        message: `Built ${req.opts.tags.length ? req.opts.tags.join(', ') : id.slice(7, 19)}`,
        links: (req.opts.tags.length ? req.opts.tags : [id]).map((t) => ({ label: t, href: imageHref(t) })),
        images: req.opts.tags.length ? req.opts.tags : [id],
      };
    },
  });
}

const AUTH_REFUSED = /unauthorized|authentication required|no basic auth credentials|denied: requested access/i;

/** A base image the registry would not give without a login: say what to do, naming the logins that were sent. */
export function withLoginHint(err: unknown, sent: string[]): unknown {
  const message = err instanceof Error ? err.message : '';
  if (!AUTH_REFUSED.test(message)) return err;
  const hint = sent.length
    ? ` Dockside sent its stored logins for ${sent.join(', ')}; if the base image is on one of these, that login lacks access to it — log in again on the Registries page.`
    : ' Dockside has no stored login for it: add the registry on the Registries page, and builds will pull with that login.';
  return new TaskFailure(`The registry refused to give a base image without a login (${message}).${hint}`, 'forbidden');
}

/** `docker load` / `docker import`: an upload piped to the engine, then the engine's messages. */
export function startUploadTask(
  kind: 'load' | 'import',
  api: TransfersApi,
  req: {
    target: string;
    body: Readable;
    total: number | null;
    detail: Record<string, unknown>;
    importOpts?: { repo?: string; tag?: string; message?: string; changes: string[] };
    uploadFailure?: () => TaskFailure | null;
  },
  who: Who,
): TaskSummary {
  return taskManager().start({
    kind,
    target: req.target,
    engine: who.engine,
    who: who.who,
    cancellable: true,
    cancelNote: CANCEL_NOTES[kind],
    exclusive: false,
    detail: req.detail,
    run: async (h) => {
      const body = countedUpload(h, req.body, req.total);
      body.once('end', () => h.setCancellable(false, UPLOAD_DONE_NOTE));
      h.message(kind === 'load' ? 'Uploading the archive to the engine…' : 'Uploading the filesystem archive to the engine…');
      const images: string[] = [];
      try {
        const stream = kind === 'load' ? await api.load(body, h.signal, req.total) : await api.importImage(body, { ...req.importOpts!, signal: h.signal, length: req.total });
        await readEngineStream(stream, h.signal, kind, (m) => {
          const text = (m.stream ?? m.status ?? '').trim();
          if (!text) return;
          for (const line of text.split('\n')) {
            h.log(line);
            const loaded = /^Loaded image(?: ID)?: (.+)$/.exec(line);
            if (loaded) images.push(loaded[1]!.trim());
          }
          if (kind === 'import' && /^sha256:[0-9a-f]{64}$/.test(text)) images.push(text);
        });
      } catch (err) {
        throw req.uploadFailure?.() ?? err;
      }
      if (!images.length) throw new TaskFailure(`The engine ended the ${kind} without naming an image: nothing was ${kind === 'load' ? 'loaded' : 'imported'}.`);
      if (kind === 'import' && req.importOpts?.repo) images.unshift(`${req.importOpts.repo}:${req.importOpts.tag || 'latest'}`);
      return {
        message: kind === 'load' ? `Loaded ${images.join(', ')}` : `Imported ${images[0]}`,
        links: images.slice(0, 20).map((i) => ({ label: i, href: imageHref(i) })),
        images: images.slice(0, 200),
      };
    },
  });
}
