import type { EngineEvent } from '../../lib/protocol/events';
import type { ImageList } from '../../lib/protocol/images';
import { KeptList } from './kept-list';

/** Image events that leave `docker images -a` as it was (they read an image, never change one). */
const READ_ONLY_IMAGE_ACTIONS = new Set(['push', 'save', 'inspect']);
/**
 * Container events that change the image list: a new or removed container changes an image's
 * "used by" count, and `docker commit` (a container event, not an image one) makes a new image.
 */
const IMAGE_CHANGING_CONTAINER_ACTIONS = new Set(['create', 'destroy', 'commit']);

/** Whether an engine event changes what the image list (with its sizes and "used by") shows. */
export function imageListChangedBy(e: EngineEvent): boolean {
  if (e.type === 'image') return !READ_ONLY_IMAGE_ACTIONS.has(e.action);
  if (e.type === 'container') return IMAGE_CHANGING_CONTAINER_ACTIONS.has(e.action);
  return false;
}

/**
 * Nothing in the image list ages with the clock (created is a timestamp), so a kept list lives
 * until an event changes it; this is only the safety net against a change no event reports.
 */
const IMAGE_LIST_MAX_AGE_MS = 60_000;

export interface ImageListCacheOptions {
  /** The engine's image list, with unique/shared sizes when `sharing` (the engine keeps each image's layers by id). */
  list(sharing: boolean): Promise<ImageList>;
  live(): boolean;
  maxAgeMs?: number;
  now?: () => number;
}

/**
 * `GET /api/images` as the images page asks for it, kept per engine between the events that change
 * it (coherence rules in `KeptList`): the plain list, and the list with unique/shared sizes. The
 * sizes need every image's layer chain; those are read once per image id and kept by the engine
 * (images are immutable), so after an event only the images that are new cost an inspect + history,
 * and the sharing sums are recomputed once for every tab that asks.
 */
export class ImageListCache {
  readonly plain: KeptList;
  readonly withSharing: KeptList;

  constructor(opts: ImageListCacheOptions) {
    const kept = (sharing: boolean) =>
      new KeptList({
        fetch: async () => Buffer.from(JSON.stringify(await opts.list(sharing))),
        live: opts.live,
        changedBy: imageListChangedBy,
        maxAgeMs: opts.maxAgeMs ?? IMAGE_LIST_MAX_AGE_MS,
        now: opts.now,
      });
    this.plain = kept(false);
    this.withSharing = kept(true);
  }

  list(sharing: boolean): KeptList {
    return sharing ? this.withSharing : this.plain;
  }

  onEngineEvent(e: EngineEvent): void {
    this.plain.onEngineEvent(e);
    this.withSharing.onEngineEvent(e);
  }

  invalidate(): void {
    this.plain.invalidate();
    this.withSharing.invalidate();
  }
}
