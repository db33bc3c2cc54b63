import type { EngineStatus } from '../../lib/protocol/engine';
import type { EngineInfo } from '../../lib/protocol/engines';
import { ENGINE_NAME_OWNERS } from '../../lib/protocol/engine-address';
import { listEngineEntries, type Engine, type EngineStatusContext, type RegisteredEngine } from '../engine';

/** A ping that takes longer than this is reported as no round-trip time (the status says why). */
const RTT_PING_TIMEOUT_MS = 5000;
/** An engine checked less than this long ago is not checked again for a list. */
const FRESH_MS = 5000;
/**
 * While some tab listens (an open `engines` channel), engines are checked again this often, so one
 * that comes back (or goes) shows without anyone asking. Engines a tab watches closely have their
 * events hub, whose status is live; this is for the rest of the list.
 */
const WATCH_MS = 15_000;

export interface EngineStatusesOptions {
  /** Every engine with where it comes from (the registry). */
  entries?(): RegisteredEngine[];
  /** The live status of an engine whose events hub runs (and has probed), else null. */
  liveStatus?(name: string): EngineStatus | null;
  statusContext?(engine: Engine): EngineStatusContext;
}

interface Known {
  engine: Engine;
  status: EngineStatus;
  rttMs?: number;
  checkedAt: number;
}

type Listener = (info: EngineInfo) => void;

/**
 * The last known status of every engine, so `GET /api/engines` answers at once: each engine is
 * checked in the background (one check at a time per engine, each within the engine's own deadline)
 * and what a check finds is pushed to every open `engines` channel. One hung engine is then only
 * "checking…" on its own row, never a list that waits for it. Engines whose events hub runs report
 * that hub's live status.
 */
export class EngineStatuses {
  private readonly known = new Map<string, Known>();
  private readonly checking = new Map<string, Promise<void>>();
  private readonly listeners = new Set<Listener>();
  private watchTimer: NodeJS.Timeout | null = null;

  constructor(private readonly opts: EngineStatusesOptions = {}) {}

  private entries(): RegisteredEngine[] {
    return (this.opts.entries ?? listEngineEntries)();
  }

  private statusContext(engine: Engine): EngineStatusContext {
    return this.opts.statusContext?.(engine) ?? { sandbox: false, readOnly: false };
  }

  /** Every engine as last known, at once; engines not checked lately are checked in the background. */
  list(): EngineInfo[] {
    const entries = this.entries();
    for (const entry of entries) this.refresh(entry, false);
    return entries.map((e) => this.infoOf(e));
  }

  /** Checks every engine again now (those not already being checked), e.g. when a tab opens the switcher. */
  refreshAll(): void {
    for (const entry of this.entries()) this.refresh(entry, true);
  }

  /** Called with every change of an engine's info (a check finished, a hub's status changed). */
  onChange(fn: Listener): () => void {
    this.listeners.add(fn);
    if (!this.watchTimer) {
      this.watchTimer = setInterval(() => {
        for (const entry of this.entries()) this.refresh(entry, false);
      }, WATCH_MS);
      this.watchTimer.unref();
    }
    return () => {
      this.listeners.delete(fn);
      if (this.listeners.size || !this.watchTimer) return;
      clearInterval(this.watchTimer);
      this.watchTimer = null;
    };
  }

  /** An events hub saw its engine's status change: the list and every channel learn it at once. */
  noteLive(name: string, status: EngineStatus): void {
    const entry = this.entries().find((e) => e.engine.name === name);
    if (!entry) return;
    const kept = this.known.get(name);
    this.known.set(name, { engine: entry.engine, status, rttMs: status.reachable ? kept?.rttMs : undefined, checkedAt: Date.now() });
    this.emit(entry);
  }

  /** Resolves when the checks running now have finished (tests, start-up). */
  async settled(): Promise<void> {
    await Promise.all([...this.checking.values()]);
  }

  private infoOf(entry: RegisteredEngine): EngineInfo {
    const { engine, source, description, added } = entry;
    const kept = this.known.get(engine.name);
    const known = kept?.engine === engine ? kept : undefined;
    const live = this.opts.liveStatus?.(engine.name) ?? null;
    const status: EngineStatus = live ?? known?.status ?? { name: engine.name, reachable: false, endpoint: engine.label, checking: true, ...this.statusContext(engine) };
    const df = engine.system.lastDiskUsage();
    return {
      name: engine.name,
      label: engine.label,
      kind: status.kind ?? engine.kind,
      source,
      ...(description ? { description } : {}),
      status,
      ...(known?.rttMs !== undefined && status.reachable ? { rttMs: known.rttMs } : {}),
      ...(engine.warning ? { warning: engine.warning } : {}),
      ...(source === 'added' || source === 'default' ? {} : { origin: ENGINE_NAME_OWNERS[source] }),
      ...(added ? { added } : {}),
      ...(df
        ? {
            disk: {
              totalBytes: df.categories.reduce((s, c) => s + c.sizeBytes, 0),
              reclaimableBytes: df.categories.reduce((s, c) => s + c.reclaimableBytes, 0),
              at: df.at,
            },
          }
        : {}),
    };
  }

  private emit(entry: RegisteredEngine): void {
    if (!this.listeners.size) return;
    const info = this.infoOf(entry);
    for (const fn of this.listeners) fn(info);
  }

  private refresh(entry: RegisteredEngine, force: boolean): void {
    const { engine } = entry;
    if (this.checking.has(engine.name)) return;
    const kept = this.known.get(engine.name);
    if (!force && kept?.engine === engine && Date.now() - kept.checkedAt < FRESH_MS) return;
    const check = this.check(entry).finally(() => this.checking.delete(engine.name));
    this.checking.set(engine.name, check);
  }

  /** One engine: its hub's live status or a probe, then one ping for the round trip. Never throws. */
  private async check(entry: RegisteredEngine): Promise<void> {
    const { engine } = entry;
    try {
      const status = this.opts.liveStatus?.(engine.name) ?? (await engine.system.probe(this.statusContext(engine)));
      let rttMs: number | undefined;
      if (status.reachable) {
        const started = performance.now();
        if (await engine.system.ping(RTT_PING_TIMEOUT_MS)) rttMs = Math.round((performance.now() - started) * 10) / 10;
      }
      this.known.set(engine.name, { engine, status, ...(rttMs !== undefined ? { rttMs } : {}), checkedAt: Date.now() });
    } catch (err) {
      // probe() never throws by contract; a broken engine object still must not take the list down.
      this.known.set(engine.name, { engine, status: { name: engine.name, reachable: false, endpoint: engine.label, error: (err as Error).message, ...this.statusContext(engine) }, checkedAt: Date.now() });
    }
    // Only if it is still the engine of that name (not removed or rebuilt meanwhile).
    const current = this.entries().find((e) => e.engine === engine);
    if (current) this.emit(current);
  }
}

const KEY = Symbol.for('dockside.engineStatuses');
type Holder = { [KEY]?: EngineStatuses };

/** The server's one board (main.ts sets it up with the hubs); a plain one if nothing did. */
export function engineStatuses(): EngineStatuses {
  const h = globalThis as Holder;
  h[KEY] ??= new EngineStatuses();
  return h[KEY];
}

export function setEngineStatuses(board: EngineStatuses): void {
  (globalThis as Holder)[KEY] = board;
}
