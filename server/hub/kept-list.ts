import type { EngineEvent } from '../../lib/protocol/events';

export interface KeptListOptions {
  /** Asks the engine for the list, already serialised as our wire JSON. */
  fetch: () => Promise<Buffer>;
  /** True while the engine's event stream runs: only then can a kept list be trusted. */
  live: () => boolean;
  /**
   * Which engine events change what the list shows (the rest leave a kept list in place).
   * Default: every event.
   */
  changedBy?: (e: EngineEvent) => boolean;
  /**
   * A kept list is re-read after this long even without events (for lists with clock-dependent
   * fields, and as a safety net against a change no event reports).
   */
  maxAgeMs?: number;
  /**
   * Whether an engine answer may be kept (default: always). One that says no is still served to the
   * requests that asked for it, and the next request reads the engine again.
   */
  keep?: (body: Buffer) => boolean;
  now?: () => number;
}

interface Fetch {
  generation: number;
  startedAt: number;
  body: Promise<Buffer>;
}

/**
 * A list route's answer kept between engine events: every open tab asks for it after each event
 * burst, and N tabs should cost the engine one call, not N.
 *
 * Coherence, which is what makes keeping it safe:
 * - every event that changes the list drops it, and the events hub calls this before it sends the
 *   event to any browser, so a client that saw an event never gets a list from before it;
 * - every mutation through Dockside drops it when its response goes out (the engine's event may
 *   reach us a moment after the action's response does);
 * - nothing is kept while the event stream is down (changes could go unseen), nor past `maxAgeMs`;
 * - a read that started before a change is never kept, nor shared with requests that came after it;
 * - nor one `keep` refuses (the container list: an answer the engine gave before it caught up with
 *   its own event).
 */
export class KeptList {
  private generation = 0;
  private kept: { body: Buffer; at: number } | null = null;
  private inFlight: Fetch | null = null;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: KeptListOptions) {
    this.maxAgeMs = opts.maxAgeMs ?? 1000;
    this.now = opts.now ?? Date.now;
  }

  invalidate(): void {
    this.generation++;
    this.kept = null;
  }

  onEngineEvent(e: EngineEvent): void {
    if (!this.opts.changedBy || this.opts.changedBy(e)) this.invalidate();
  }

  /** The kept list if it may be served as it is, without waiting for anything. */
  peek(): Buffer | null {
    return this.kept && this.opts.live() && this.now() - this.kept.at < this.maxAgeMs ? this.kept.body : null;
  }

  /**
   * The kept list for a first paint, with its age, whatever the list's own age limit: still coherent
   * with every event (any change drops it); only its clock-dependent words ("Up 3 seconds") may be
   * old, which the caller judges (server/first-screen.ts). The page reads the list again as soon as
   * its events channel is subscribed.
   */
  peekForFirstPaint(): { body: Buffer; ageMs: number } | null {
    return this.kept && this.opts.live() ? { body: this.kept.body, ageMs: this.now() - this.kept.at } : null;
  }

  get(): Promise<Buffer> {
    const kept = this.peek();
    if (kept) return Promise.resolve(kept);
    const now = this.now();
    const joinable = this.inFlight && this.inFlight.generation === this.generation ? this.inFlight : null;
    return (joinable ?? this.startFetch(now)).body;
  }

  private startFetch(now: number): Fetch {
    const generation = this.generation;
    const wasLive = this.opts.live();
    const fetch: Fetch = { generation, startedAt: now, body: this.opts.fetch() };
    this.inFlight = fetch;
    const settle = () => {
      if (this.inFlight === fetch) this.inFlight = null;
    };
    fetch.body.then(
      (body) => {
        settle();
        // Kept only if nothing changed while it was read; aged from when the read began.
        if (generation === this.generation && wasLive && this.opts.live() && (this.opts.keep?.(body) ?? true)) this.kept = { body, at: fetch.startedAt };
      },
      settle,
    );
    return fetch;
  }
}
