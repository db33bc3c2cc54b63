import type { ContainerSummary } from '../lib/protocol/containers';
import type { FirstScreen } from '../lib/protocol/first-screen';
import type { EngineHubs } from './hub/engine-hubs';
import type { KeptList } from './hub/kept-list';

/**
 * How old the container list's clock words ("Up 3 seconds", "Exited (0) 5 minutes ago") may be on a
 * first paint. An older kept list still serves its rows, whose state, health, names and ports every
 * event keeps true, with those words left out until the page's own read a moment later: the first
 * load after a quiet minute still comes with its rows, and never with "Up 3 seconds" an hour on.
 * Nothing in the image list ages with the clock (created is a timestamp), so it serves at any age.
 */
const STATUS_WORDS_MAX_AGE_MS = 60_000;

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
export function firstScreenFrom(hubs: EngineHubs): FirstScreen {
  // A kept list's body is one Buffer until the list changes: parse it once, not on every page render
  // (and drop a container list's status words once, when it ages past their limit).
  const parsed = new WeakMap<Buffer, { list: unknown; withoutStatusWords?: ContainerSummary[] }>();
  return {
    async list(kind, engine) {
      const hub = hubs.peek(engine);
      if (!hub || !hub.events.streaming) return null;
      const kept: KeptList = kind === 'containers' ? hub.list : hub.images.list(kind === 'images-sharing');
      const peeked = kept.peekForFirstPaint();
      if (!peeked) return null;
      let entry = parsed.get(peeked.body);
      if (!entry) parsed.set(peeked.body, (entry = { list: JSON.parse(peeked.body.toString('utf8')) }));
      if (kind !== 'containers' || peeked.ageMs < STATUS_WORDS_MAX_AGE_MS) return entry.list;
      return (entry.withoutStatusWords ??= (entry.list as ContainerSummary[]).map((c) => ({ ...c, status: '' })));
    },
  };
}
