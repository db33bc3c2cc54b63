import type { FirstScreen } from '../lib/protocol/first-screen';
import type { EngineHubs } from './hub/engine-hubs';
import type { KeptList } from './hub/kept-list';

/** A page never waits longer than this for its first rows: past it, the browser fetches them as before. */
const FIRST_SCREEN_BUDGET_MS = 750;

function within<T>(p: Promise<T>, ms: number): Promise<T | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    p.then(
      (v) => resolve(v),
      () => resolve(null),
    ).finally(() => clearTimeout(timer));
  });
}

/**
 * The kept lists, for server-rendered pages. Only while the engine's hub runs and its event stream
 * is up (the only time a kept list is trusted): a page on an engine that is down or unwatched gets
 * null and shows its own loading / unreachable states. The unique/shared sizes are only handed over
 * when already computed (a cold computation reads every image's layers: the page does not wait).
 * The page request has passed the same gate as the API (Host, auth) before Next renders it.
 */
export function firstScreenFrom(hubs: EngineHubs): FirstScreen {
  return {
    async list(kind, engine) {
      const hub = hubs.peek(engine);
      if (!hub || !hub.events.streaming) return null;
      const kept: KeptList = kind === 'containers' ? hub.list : hub.images.list(kind === 'images-sharing');
      const body = kept.peek() ?? (kind === 'images-sharing' ? null : await within(kept.get(), FIRST_SCREEN_BUDGET_MS));
      return body ? body.toString('utf8') : null;
    },
  };
}
