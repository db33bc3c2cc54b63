import { EventStateLedger } from '../../lib/protocol/container-event-state';
import type { ContainerSummary } from '../../lib/protocol/containers';
import type { EngineStatus } from '../../lib/protocol/engine';
import { DEFAULT_ENGINE_NAME } from '../../lib/protocol/engines';
import type { Engine, EngineStatusContext } from '../engine';
import { ContainerListCache } from './container-list-cache';
import { EventsHub } from './events-hub';
import { ImageListCache } from './image-list-cache';
import { engineStatsSource, StatsHub, type StatsSource } from './stats-hub';

/** What the server keeps per engine while someone watches it: one event stream, shared stats, the kept list. */
export interface EngineHub {
  readonly engine: Engine;
  readonly events: EventsHub;
  readonly stats: StatsHub;
  readonly list: ContainerListCache;
  /** The kept image list (plain and with unique/shared sizes). */
  readonly images: ImageListCache;
  /** The volume and network lists (with who uses them), kept by the same rules as the container list. */
  readonly volumeList: ContainerListCache;
  readonly networkList: ContainerListCache;
  /** Resolves once the first probe has finished, so a first answer knows the engine's state. */
  readonly ready: Promise<void>;
}

/** A hub lent to one user (a channel, a request); `release` when done, exactly once. */
export interface EngineHubLease {
  readonly hub: EngineHub;
  release(): void;
}

export interface EngineHubsOptions {
  /** The registry: the engine by name, the default one without (throws EngineError not_found). */
  engine(name?: string): Engine;
  /** What each engine's status carries besides the engine's own answer. */
  statusContext(engine: Engine): EngineStatusContext;
  /** How long a hub nobody uses lives on, so page switches and reloads reuse it. */
  idleMs?: number;
  /** `ContainerListCache.maxAgeMs` (test hook). */
  listMaxAgeMs?: number;
  /** `ImageListCache.maxAgeMs` (test hook). */
  imageListMaxAgeMs?: number;
  log?(msg: string): void;
  /** Called with an engine's number of open stats streams whenever it changes (test hook). */
  onStatsStreamCount?(engine: string, open: number): void;
  /** Every hub's status changes, by engine (the engine list's board listens). */
  onStatus?(engine: string, status: EngineStatus): void;
  /** Tests hand in a fake; by default the engine's own stats. */
  statsSource?(engine: Engine): StatsSource;
}

interface Entry {
  hub: EngineHub;
  users: number;
  pinned: boolean;
  idleTimer: NodeJS.Timeout | null;
}

/**
 * The events hub, stats hub and kept container and image lists of every engine in use, created when an engine
 * is first used and ended `idleMs` after its last user let go. Each engine's are its own: one
 * engine's events never reach another's listeners, and one engine going down leaves the others be.
 */
export class EngineHubs {
  private readonly entries = new Map<string, Entry>();
  private readonly idleMs: number;
  private stopped = false;

  constructor(private readonly opts: EngineHubsOptions) {
    this.idleMs = opts.idleMs ?? 5000;
  }

  /** The engine itself (the registry's answer), for calls that need no hub. */
  engine(name?: string): Engine {
    return this.opts.engine(name);
  }

  /** Uses an engine's hub (starting it if needed). Throws EngineError not_found for an unknown engine. */
  acquire(name?: string): EngineHubLease {
    const entry = this.entry(name);
    entry.users++;
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.idleTimer = null;
    let released = false;
    return {
      hub: entry.hub,
      release: () => {
        if (released) return;
        released = true;
        entry.users--;
        this.maybeIdle(entry);
      },
    };
  }

  /** An engine's hub kept for the life of the server (the default engine's: the banner, `hello`). */
  pin(name?: string): EngineHub {
    const entry = this.entry(name);
    entry.pinned = true;
    return entry.hub;
  }

  /** The hub of an engine someone is using, if any; never starts one. */
  peek(name?: string): EngineHub | null {
    return this.entries.get(name ?? DEFAULT_ENGINE_NAME)?.hub ?? null;
  }

  /** Names of the engines whose hubs run now. */
  get running(): string[] {
    return [...this.entries.keys()];
  }

  /** A mutation went through Dockside: every kept list is dropped (mutations are rare; lists are cheap). */
  invalidateLists(): void {
    for (const { hub } of this.entries.values()) for (const l of [hub.list, hub.images, hub.volumeList, hub.networkList]) l.invalidate();
  }

  stop(): void {
    this.stopped = true;
    for (const entry of [...this.entries.values()]) this.end(entry);
  }

  private entry(name?: string): Entry {
    const engine = this.opts.engine(name);
    const existing = this.entries.get(engine.name);
    if (existing?.hub.engine === engine) return existing;
    if (existing) {
      // The engine was rebuilt (its docker context changed): new users get a hub on the new one,
      // and the old hub ends once its last user lets go.
      this.entries.delete(engine.name);
      existing.pinned = false;
      this.maybeIdle(existing);
    }
    const entry: Entry = { hub: this.create(engine), users: 0, pinned: false, idleTimer: null };
    this.entries.set(engine.name, entry);
    // A hub nobody ends up using (a lease that threw before it was taken) still goes away.
    this.maybeIdle(entry);
    return entry;
  }

  private create(engine: Engine): EngineHub {
    const events = new EventsHub(engine, this.opts.statusContext(engine));
    // Subscribed before any socket can be: a list is dropped before a browser hears of the event.
    // dockerd logs `pause` and `die` before its list shows them: a list read right after such an event
    // may still show the old state, and no later event would drop it. Such a read is served (the page
    // holds the event's state over it, hooks/container-list-patch.ts) but not kept for every tab.
    const listAgainstEvents = new EventStateLedger();
    events.onEvent((e) => listAgainstEvents.record(e));
    const list = new ContainerListCache({
      fetch: async () => Buffer.from(JSON.stringify(await engine.containers.list({ all: true, size: false }))),
      live: () => events.streaming,
      maxAgeMs: this.opts.listMaxAgeMs,
      keep: (body) => !listAgainstEvents.size || !listAgainstEvents.reconcile(JSON.parse(body.toString()) as ContainerSummary[]).disagreed,
    });
    const images = new ImageListCache({
      list: (sharing) => engine.images.list({ sharing }),
      live: () => events.streaming,
      maxAgeMs: this.opts.imageListMaxAgeMs,
    });
    // Any event but exec noise may change who uses a volume or sits on a network, so the same rules hold.
    const volumeList = new ContainerListCache({ fetch: async () => Buffer.from(JSON.stringify(await engine.volumes.list())), live: () => events.streaming, maxAgeMs: this.opts.listMaxAgeMs });
    const networkList = new ContainerListCache({ fetch: async () => Buffer.from(JSON.stringify(await engine.networks.list())), live: () => events.streaming, maxAgeMs: this.opts.listMaxAgeMs });
    for (const kept of [list, images, volumeList, networkList]) {
      events.onEvent((e) => kept.onEngineEvent(e));
      events.onStatus(() => kept.invalidate());
    }
    const onStatus = this.opts.onStatus;
    if (onStatus) events.onStatus((s) => onStatus(engine.name, s));
    const onStreamCount = this.opts.onStatsStreamCount;
    const stats = new StatsHub({
      onEvent: (fn) => events.onEvent(fn),
      source: this.opts.statsSource?.(engine) ?? engineStatsSource(engine),
      log: this.opts.log && ((msg) => this.opts.log?.(engine.name === DEFAULT_ENGINE_NAME ? msg : `engine ${engine.name}: ${msg}`)),
      onStreamCount: onStreamCount && ((n) => onStreamCount(engine.name, n)),
    });
    const ready = this.stopped ? Promise.resolve() : events.start();
    return { engine, events, stats, list, images, volumeList, networkList, ready };
  }

  private maybeIdle(entry: Entry): void {
    if (entry.pinned || entry.users > 0 || entry.idleTimer) return;
    entry.idleTimer = setTimeout(() => {
      entry.idleTimer = null;
      if (!entry.pinned && entry.users === 0) this.end(entry);
    }, this.idleMs);
    entry.idleTimer.unref();
  }

  private end(entry: Entry): void {
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.idleTimer = null;
    entry.hub.stats.stop();
    entry.hub.events.stop();
    if (this.entries.get(entry.hub.engine.name) === entry) this.entries.delete(entry.hub.engine.name);
  }
}
