import type { ContainerDetail, ContainerSummary } from '../../lib/protocol/containers';
import type { EngineEvent } from '../../lib/protocol/events';
import type { StatsSample } from '../../lib/protocol/streams';
import type { Engine, EventStream, StatsStream } from '../../server/engine';
import { EngineError } from '../../server/engine/errors';

/**
 * A small engine for unit tests of the layers above the port (hubs, channels): containers kept in
 * memory, events and stats samples the test sends, and an engine that can be "down". Only what
 * those layers use is modelled; the rest says so. Anything that touches Docker itself is tested
 * against real engines, never this.
 */
export class FakeEngine implements Engine {
  readonly kind = 'docker' as const;
  readonly label: string;
  reachable = true;
  /** Containers by id: the list, inspect and stats answer from here. */
  readonly items = new Map<string, ContainerSummary>();
  /** Calls to `containers.list`, to see what a cache saved. */
  listCalls = 0;
  private readonly eventStreams = new Set<{ onEvent: (e: EngineEvent) => void; end: () => void }>();
  private readonly statsStreams = new Set<{ id: string; onSample: (s: StatsSample | null) => void; end: () => void }>();
  private clock = 1_000_000_000_000_000_000;

  constructor(readonly name: string) {
    this.label = `unix:///fake/${name}.sock`;
  }

  // ---- what the test does ----

  /** Adds (or replaces) a container; running unless said otherwise. */
  addContainer(id: string, running = true): void {
    this.items.set(id, {
      id,
      name: id,
      image: 'fake',
      imageId: 'sha256:fake',
      command: 'sleep',
      created: 0,
      state: running ? 'running' : 'exited',
      status: running ? 'Up' : 'Exited (0)',
      health: 'none',
      ports: [],
      labels: {},
    });
  }

  /** Sends an event to every open event stream, as the engine would. */
  emit(action: string, id: string, type = 'container'): EngineEvent {
    const event: EngineEvent = { type, action, id, timeNano: ++this.clock, attributes: {} };
    for (const s of this.eventStreams) s.onEvent(event);
    return event;
  }

  /** Sends a stats sample to every stream open on container `id`. */
  sample(id: string, sample: StatsSample | null): void {
    for (const s of this.statsStreams) if (s.id === id) s.onSample(sample);
  }

  /** The engine goes away: its streams end, calls fail as unreachable until `up()`. */
  down(): void {
    this.reachable = false;
    for (const s of [...this.eventStreams, ...this.statsStreams]) s.end();
  }

  up(): void {
    this.reachable = true;
  }

  get openEventStreams(): number {
    return this.eventStreams.size;
  }

  get openStatsStreams(): number {
    return this.statsStreams.size;
  }

  // ---- the Engine ----

  private check(): void {
    if (!this.reachable) throw new EngineError('engine_unreachable', `Cannot reach engine \`${this.name}\` (${this.label}): the connection was refused (ECONNREFUSED).`);
  }

  private find(ref: string): ContainerSummary {
    this.check();
    const c = this.items.get(ref);
    if (!c) throw new EngineError('not_found', `No such container: ${ref}`);
    return c;
  }

  private notModelled(what: string): never {
    throw new EngineError('internal', `The fake engine does not model ${what}.`);
  }

  readonly containers: Engine['containers'] = {
    list: async (query = {}) => {
      this.check();
      this.listCalls++;
      return [...this.items.values()].filter((c) => query.all !== false || c.state === 'running');
    },
    inspect: async (ref) => {
      const c = this.find(ref);
      // Only what the layers above read from a detail in these tests (id, name, state.running).
      const container = { id: c.id, name: c.name, state: { running: c.state === 'running', status: c.state } } as unknown as ContainerDetail;
      return { container, inspect: { Id: c.id } };
    },
    runState: async (ref) => ({ running: this.find(ref).state === 'running', exitCode: 0 }),
    runAction: async (ref, action) => {
      const c = this.find(ref);
      if (action.action === 'start') this.addContainer(c.id, true);
      else if (action.action === 'stop' || action.action === 'kill') this.addContainer(c.id, false);
      else this.notModelled(`the ${action.action} action`);
      this.emit(action.action === 'start' ? 'start' : 'die', c.id);
    },
    remove: async (ref) => {
      const c = this.find(ref);
      this.items.delete(c.id);
      this.emit('destroy', c.id);
    },
    processes: async () => this.notModelled('docker top'),
    sizes: async () => this.notModelled('container sizes'),
    previewPrune: async () => this.notModelled('prune'),
    prune: async () => this.notModelled('prune'),
  };

  readonly events: Engine['events'] = {
    follow: async (onEvent) => {
      this.check();
      let end!: () => void;
      const done = new Promise<void>((resolve) => (end = resolve));
      const entry = { onEvent, end: () => (this.eventStreams.delete(entry), end()) };
      this.eventStreams.add(entry);
      return { done, close: entry.end } satisfies EventStream;
    },
    window: async () => this.notModelled('past event windows'),
  };

  readonly stats: Engine['stats'] = {
    follow: async (ref, onSample) => {
      const c = this.find(ref);
      let end!: () => void;
      const done = new Promise<void>((resolve) => (end = resolve));
      const entry = { id: c.id, onSample, end: () => (this.statsStreams.delete(entry), end()) };
      this.statsStreams.add(entry);
      return { done, close: entry.end } satisfies StatsStream;
    },
  };

  readonly system: Engine['system'] = {
    probe: async (ctx) =>
      this.reachable
        ? { name: this.name, reachable: true, endpoint: this.label, version: 'fake', apiVersion: '1.41', os: 'linux/fake', ...ctx }
        : { name: this.name, reachable: false, endpoint: this.label, error: 'The fake engine is down.', ...ctx },
    ping: async () => this.reachable,
    info: async () => this.notModelled('docker info'),
    diskUsage: async () => this.notModelled('docker system df'),
    diskUsageRunningSince: () => null,
    lastDiskUsage: () => null,
  };

  readonly exec: Engine['exec'] = {
    start: async () => this.notModelled('exec'),
    hangUpAll: async () => undefined,
    attach: async () => this.notModelled('attach'),
    resizeTty: async () => this.notModelled('resize'),
    attachEndState: async () => this.notModelled('attach'),
  };

  readonly images: Engine['images'] = {
    list: async () => this.notModelled('images'),
    inspect: async () => this.notModelled('images'),
    layerGraph: async () => this.notModelled('images'),
    tag: async () => this.notModelled('images'),
    removalTarget: async () => this.notModelled('images'),
    previewRemove: async () => this.notModelled('images'),
    remove: async () => this.notModelled('images'),
    previewPrune: async () => this.notModelled('images'),
    prune: async () => this.notModelled('images'),
    changes: async () => this.notModelled('docker diff'),
    commit: async () => this.notModelled('commit'),
    listDirectory: async () => this.notModelled('files'),
    download: async () => this.notModelled('files'),
    upload: async () => this.notModelled('files'),
  };

  readonly logs: Engine['logs'] = {
    open: async () => this.notModelled('logs'),
    download: async () => this.notModelled('log downloads'),
  };

  // Run, volumes and networks are tested against real engines only.
  readonly run: Engine['run'] = { create: async () => this.notModelled('run'), specOf: async () => this.notModelled('run'), recreate: async () => this.notModelled('recreate') };
  readonly volumes: Engine['volumes'] = new Proxy({} as Engine['volumes'], { get: (_t, key) => (key === 'files' ? { list: async () => this.notModelled('volume files'), download: async () => this.notModelled('volume files') } : async () => this.notModelled('volumes')) });
  readonly networks: Engine['networks'] = new Proxy({} as Engine['networks'], { get: () => async () => this.notModelled('networks') });
  readonly transfers: Engine['transfers'] = {
    pull: async () => this.notModelled('pull'),
    push: async () => this.notModelled('push'),
    build: async () => this.notModelled('build'),
    save: async () => this.notModelled('save'),
    load: async () => this.notModelled('load'),
    exportContainer: async () => this.notModelled('export'),
    importImage: async () => this.notModelled('import'),
    checkAuth: async () => this.notModelled('login'),
    insecureRegistries: async () => ({ cidrs: ['127.0.0.0/8'], hosts: [] }),
  };

  close(): void {
    for (const s of [...this.eventStreams, ...this.statsStreams]) s.end();
  }
}

/** A registry lookup over fake engines, shaped like `getEngine`. */
export function fakeRegistry(...engines: FakeEngine[]): (name?: string) => Engine {
  const byName = new Map(engines.map((e) => [e.name, e]));
  return (name = 'default') => {
    const e = byName.get(name);
    if (!e) throw new EngineError('not_found', `No engine called \`${name}\`.`);
    return e;
  };
}
