import type { EngineEvent } from '../../lib/protocol/events';
import type { StatsSample } from '../../lib/protocol/streams';
import { toEngineError, type Engine, type StatsStream } from '../engine';

/** What the hub needs from the engine; tests hand it a fake. */
export interface StatsSource {
  /** Full id and state of a container named by id, short id or name. Throws EngineError. */
  resolve(ref: string): Promise<{ id: string; running: boolean }>;
  /** A live stats stream; `onSample(null)` means the engine reports the container as not running. */
  follow(id: string, onSample: (sample: StatsSample | null) => void): Promise<StatsStream>;
  /** Ids of the running containers. */
  listRunning(): Promise<string[]>;
}

export function engineStatsSource(engine: Engine): StatsSource {
  return {
    resolve: async (ref) => {
      const { container } = await engine.containers.inspect(ref);
      return { id: container.id, running: container.state.running };
    },
    follow: (id, onSample) => engine.stats.follow(id, onSample),
    listRunning: async () => (await engine.containers.list({ all: false })).map((c) => c.id),
  };
}

export interface StatsViewer {
  onSample(sample: StatsSample): void;
  /** The feed is over: `exited` when the container stopped or went away. */
  onEnd(reason: 'exited' | 'error', message?: string): void;
}

export interface StatsWatch {
  id: string;
  running: boolean;
  /** The last sample the shared stream saw, so a new viewer need not wait a second. */
  latest: StatsSample | null;
  release(): void;
}

export interface StatsHubOptions {
  /** Engine events, from the EventsHub: start/die/destroy drive the feeds. */
  onEvent(fn: (e: EngineEvent) => void): () => void;
  source: StatsSource;
  /** How long a feed outlives its last viewer, so tab switches and reloads reuse it. */
  graceMs?: number;
  /** Period of `stats-batch` for the overview. */
  batchMs?: number;
  retryMinMs?: number;
  retryMaxMs?: number;
  log?(msg: string): void;
  /** Called with the number of open engine streams whenever it changes (test hook). */
  onStreamCount?(open: number): void;
}

/** One engine stats stream for one container, shared by every viewer of it. */
interface Feed {
  id: string;
  viewers: Set<StatsViewer>;
  latest: StatsSample | null;
  stream: StatsStream | null;
  /** True while `follow()` is in flight or a retry is scheduled. */
  pending: boolean;
  graceTimer: NodeJS.Timeout | null;
  retryTimer: NodeJS.Timeout | null;
  retryDelay: number;
  /** Torn down: late callbacks from its stream are ignored. */
  closed: boolean;
}

export interface AllStatsViewer {
  onBatch(samples: StatsSample[]): void;
}

/** The overview: a member feed for every running container while anyone watches `stats-all`. */
interface AllFeeds {
  viewers: Set<AllStatsViewer>;
  members: Map<string, () => void>;
  timer: NodeJS.Timeout;
  listed: boolean;
  listing: boolean;
  listFailed: boolean;
  /** Ticks waited for first samples, so the first batch does not claim nothing runs. */
  waitedTicks: number;
  sentFirst: boolean;
}

const noopViewer = (onEnd: () => void): StatsViewer => ({ onSample: () => undefined, onEnd });

/**
 * Ref-counted fan-out of container stats (Dozzle's stats collector, Arcane's hub): one engine
 * stream per container however many sockets watch it, stopped `graceMs` after the last viewer
 * leaves, retried with capped backoff if it fails while watched, and ended for everyone with
 * `exited` when the container stops. Nothing stays open when nobody watches.
 */
export class StatsHub {
  private readonly feeds = new Map<string, Feed>();
  private readonly streams = new Set<StatsStream>();
  private all: AllFeeds | null = null;
  private readonly source: StatsSource;
  private readonly graceMs: number;
  private readonly batchMs: number;
  private readonly retryMinMs: number;
  private readonly retryMaxMs: number;
  private readonly unsubscribeEvents: () => void;
  /** Engine streams opened since start (test hook: a shared feed opens one). */
  streamsOpened = 0;

  constructor(private readonly opts: StatsHubOptions) {
    this.source = opts.source;
    this.graceMs = opts.graceMs ?? 5000;
    this.batchMs = opts.batchMs ?? 1000;
    this.retryMinMs = opts.retryMinMs ?? 1000;
    this.retryMaxMs = opts.retryMaxMs ?? 30_000;
    this.unsubscribeEvents = opts.onEvent((e) => this.onEngineEvent(e));
  }

  /** Engine stats streams open right now. */
  get openStreams(): number {
    return this.streams.size;
  }

  /** Containers with a feed (watched, or in their grace period). */
  get feedCount(): number {
    return this.feeds.size;
  }

  /**
   * Starts watching one container. A container that is not running gives `running: false` and no
   * feed. Rejects with an EngineError (e.g. not_found) if the ref does not resolve.
   */
  async watch(ref: string, viewer: StatsViewer): Promise<StatsWatch> {
    const { id, running } = await this.source.resolve(ref);
    if (!running) return { id, running, latest: null, release: () => undefined };
    const feed = this.attach(id, viewer);
    return { id, running, latest: feed.latest, release: () => this.detach(feed, viewer) };
  }

  /** Starts watching every running container; returns the function that stops. */
  watchAll(viewer: AllStatsViewer): () => void {
    if (!this.all) {
      this.all = {
        viewers: new Set(),
        members: new Map(),
        timer: setInterval(() => this.tickAll(), this.batchMs),
        listed: false,
        listing: false,
        listFailed: false,
        waitedTicks: 0,
        sentFirst: false,
      };
      this.listAll();
    }
    const all = this.all;
    all.viewers.add(viewer);
    return () => {
      all.viewers.delete(viewer);
      if (all.viewers.size || this.all !== all) return;
      clearInterval(all.timer);
      for (const release of all.members.values()) release();
      this.all = null;
    };
  }

  stop(): void {
    this.unsubscribeEvents();
    if (this.all) clearInterval(this.all.timer);
    this.all = null;
    for (const feed of [...this.feeds.values()]) this.teardown(feed);
  }

  // ---- per-container feeds ----

  private attach(id: string, viewer: StatsViewer): Feed {
    let feed = this.feeds.get(id);
    if (!feed) {
      feed = { id, viewers: new Set(), latest: null, stream: null, pending: false, graceTimer: null, retryTimer: null, retryDelay: this.retryMinMs, closed: false };
      this.feeds.set(id, feed);
    }
    if (feed.graceTimer) clearTimeout(feed.graceTimer);
    feed.graceTimer = null;
    feed.viewers.add(viewer);
    if (!feed.stream && !feed.pending) this.open(feed);
    return feed;
  }

  private detach(feed: Feed, viewer: StatsViewer): void {
    if (!feed.viewers.delete(viewer) || feed.viewers.size || feed.closed) return;
    feed.graceTimer = setTimeout(() => {
      if (!feed.viewers.size) this.teardown(feed);
    }, this.graceMs);
  }

  private open(feed: Feed): void {
    feed.pending = true;
    this.source.follow(feed.id, (s) => this.onSample(feed, s)).then(
      (stream) => {
        feed.pending = false;
        if (feed.closed) return stream.close();
        feed.stream = stream;
        this.streams.add(stream);
        this.streamsOpened++;
        this.opts.onStreamCount?.(this.streams.size);
        stream.done.then(
          () => this.onStreamEnded(feed, stream, null),
          (err: unknown) => this.onStreamEnded(feed, stream, err),
        );
      },
      (err: unknown) => {
        feed.pending = false;
        if (!feed.closed) this.onStreamEnded(feed, null, err);
      },
    );
  }

  private forget(stream: StatsStream | null): void {
    if (stream && this.streams.delete(stream)) this.opts.onStreamCount?.(this.streams.size);
  }

  private onSample(feed: Feed, sample: StatsSample | null): void {
    if (feed.closed) return;
    if (!sample) return this.end(feed, 'exited');
    feed.latest = sample;
    feed.retryDelay = this.retryMinMs;
    for (const v of feed.viewers) v.onSample(sample);
  }

  /** The stream ended without us closing it: the container stopped, or something broke. */
  private onStreamEnded(feed: Feed, stream: StatsStream | null, err: unknown): void {
    this.forget(stream);
    if (feed.closed) return;
    feed.stream = null;
    if (!feed.viewers.size) return this.teardown(feed);
    feed.pending = true;
    this.source.resolve(feed.id).then(
      ({ running }) => {
        if (feed.closed) return;
        if (!running) return this.end(feed, 'exited');
        if (err) this.opts.log?.(`stats stream for ${feed.id.slice(0, 12)} failed: ${toEngineError(err).message} Retrying.`);
        this.retry(feed);
      },
      (resolveErr: unknown) => {
        if (feed.closed) return;
        if (toEngineError(resolveErr).code === 'not_found') return this.end(feed, 'exited');
        // The engine does not answer: its last sample is no longer current, so the overview must not
        // keep sending it as if the container ran on (a die event lost with the engine's socket would
        // otherwise leave it there for the whole outage, and the page could not say "unreachable").
        feed.latest = null;
        this.opts.log?.(`stats stream for ${feed.id.slice(0, 12)} lost: ${toEngineError(err ?? resolveErr).message} Retrying.`);
        this.retry(feed);
      },
    );
  }

  private retry(feed: Feed): void {
    feed.pending = true;
    feed.retryTimer = setTimeout(() => {
      feed.retryTimer = null;
      feed.pending = false;
      if (feed.closed) return;
      if (!feed.viewers.size) return this.teardown(feed);
      this.open(feed);
    }, feed.retryDelay);
    feed.retryDelay = Math.min(feed.retryDelay * 2, this.retryMaxMs);
  }

  /** The container stopped: tell every viewer and drop the feed at once (no grace). */
  private end(feed: Feed, reason: 'exited' | 'error', message?: string): void {
    const viewers = [...feed.viewers];
    this.teardown(feed);
    for (const v of viewers) v.onEnd(reason, message);
  }

  private teardown(feed: Feed): void {
    if (feed.closed) return;
    feed.closed = true;
    feed.viewers.clear();
    if (feed.graceTimer) clearTimeout(feed.graceTimer);
    if (feed.retryTimer) clearTimeout(feed.retryTimer);
    if (this.feeds.get(feed.id) === feed) this.feeds.delete(feed.id);
    if (feed.stream) {
      feed.stream.close();
      this.forget(feed.stream);
      feed.stream = null;
    }
  }

  private onEngineEvent(e: EngineEvent): void {
    if (e.type !== 'container') return;
    if (e.action === 'start') {
      if (this.all?.listed) this.addMember(this.all, e.id);
    } else if (e.action === 'die' || e.action === 'destroy') {
      const feed = this.feeds.get(e.id);
      if (feed) this.end(feed, 'exited');
    }
  }

  // ---- the overview ----

  private listAll(): void {
    const all = this.all;
    if (!all || all.listing) return;
    all.listing = true;
    this.source.listRunning().then(
      (ids) => {
        all.listing = false;
        if (this.all !== all) return;
        all.listed = true;
        for (const id of ids) this.addMember(all, id);
      },
      (err: unknown) => {
        all.listing = false;
        // Retried every tick; said once per outage, not once a second.
        if (!all.listFailed) this.opts.log?.(`stats overview: listing containers failed: ${toEngineError(err).message} Retrying.`);
        all.listFailed = true;
      },
    );
  }

  private addMember(all: AllFeeds, id: string): void {
    if (all.members.has(id)) return;
    const viewer = noopViewer(() => all.members.delete(id));
    const feed = this.attach(id, viewer);
    all.members.set(id, () => this.detach(feed, viewer));
  }

  private tickAll(): void {
    const all = this.all;
    if (!all) return;
    if (!all.listed) return this.listAll(); // The engine was unreachable: try again.
    const samples: StatsSample[] = [];
    let missing = 0;
    for (const id of all.members.keys()) {
      const latest = this.feeds.get(id)?.latest;
      if (latest) samples.push(latest);
      else missing++;
    }
    // Hold the first batch (up to 3 ticks) until every container has a sample.
    if (!all.sentFirst && missing && all.waitedTicks++ < 3) return;
    all.sentFirst = true;
    for (const v of all.viewers) v.onBatch(samples);
  }
}
