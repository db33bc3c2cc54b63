import type { FirstScreen, FirstScreenList } from '../lib/protocol/first-screen';
import type { EngineHubs } from './hub/engine-hubs';
import type { KeptList } from './hub/kept-list';

/**
 * The kept lists, for server-rendered pages. Only while the engine's hub runs and its event stream
 * is up (the only time a kept list is trusted): a page on an engine that is down or unwatched gets
 * null and shows its own loading / unreachable states. The page request has passed the same gate as
 * the API (Host, auth) before Next renders it.
 *
 * Only a list already kept is handed over; the page never waits for the engine. A page that waited
 * (it once did, up to 750 ms) streamed its content after the shell had hydrated, and the socket's
 * first state change then reached the still-pending Suspense boundary: React rendered it on the
 * client, and the streamed copy stayed in the document as a hidden duplicate (seen in CI as two
 * "Labels" checkboxes). Without a kept list the page fetches its rows, as before. A kept list past
 * its own age limit still serves (it is dropped by every event; only "Up 3 seconds" ages).
 */
/**
 * How old a kept list may be for the first paint; the page fetches the list itself once hydrated.
 * The container list's words age with the clock ("Up 3 seconds"; its own limit is a second), so a
 * minute. Nothing in the image list does (created is a timestamp, and every event that changes the
 * list drops it; its own minute is only a safety net against a change no event reports), so any
 * age: the images page opened after a quiet hour still comes with its rows.
 */
const FIRST_PAINT_MAX_AGE_MS: Record<FirstScreenList, number> = {
  containers: 60_000,
  images: Number.POSITIVE_INFINITY,
  'images-sharing': Number.POSITIVE_INFINITY,
};

export function firstScreenFrom(hubs: EngineHubs): FirstScreen {
  // A kept list's body is one Buffer until the list changes: parse it once, not on every page render.
  const parsed = new WeakMap<Buffer, unknown>();
  return {
    async list(kind, engine) {
      const hub = hubs.peek(engine);
      if (!hub || !hub.events.streaming) return null;
      const kept: KeptList = kind === 'containers' ? hub.list : hub.images.list(kind === 'images-sharing');
      const body = kept.peekForFirstPaint(FIRST_PAINT_MAX_AGE_MS[kind]);
      if (!body) return null;
      if (!parsed.has(body)) parsed.set(body, JSON.parse(body.toString('utf8')));
      return parsed.get(body);
    },
  };
}
