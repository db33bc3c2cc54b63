import type { EngineEvent } from '../../lib/protocol/events';
import type { EngineStatus } from '../../lib/protocol/engine';
import type { Engine, EngineStatusContext, EventStream } from '../engine';

type EventListener = (e: EngineEvent) => void;
type StatusListener = (s: EngineStatus) => void;

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 2000;
/**
 * While the event stream runs, the engine is pinged over a new connection this often. An engine
 * that is shutting down refuses new connections at once but keeps its open streams going until its
 * containers are stopped (10 s and more), so the stream alone would say "reachable" all that time.
 */
const LIVENESS_MS = 1000;
/** A ping unanswered for this long counts as a failed one (a hung engine). */
const PING_TIMEOUT_MS = 5000;

/**
 * One event stream per engine for the whole server, fanned out to every subscriber (Dozzle's
 * container store, Podman's EventStore). The stream ending is also how we learn the engine went
 * away: we then probe it with capped backoff, tell subscribers, and resume events from the last
 * timestamp we saw so nothing that happened while we were reconnecting is lost.
 */
export class EventsHub {
  private readonly eventListeners = new Set<EventListener>();
  private readonly statusListeners = new Set<StatusListener>();
  private current: EngineStatus;
  private stream: EventStream | null = null;
  private lastTimeNano = 0;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly engine: Engine,
    private readonly ctx: EngineStatusContext,
  ) {
    this.current = { name: engine.name, reachable: false, endpoint: engine.label, error: 'Connecting…', ...ctx };
  }

  get status(): EngineStatus {
    return this.current;
  }

  /** The event stream is open: every change in the engine reaches subscribers. */
  get streaming(): boolean {
    return this.stream !== null && this.current.reachable;
  }

  onEvent(fn: EventListener): () => void {
    this.eventListeners.add(fn);
    return () => this.eventListeners.delete(fn);
  }

  onStatus(fn: StatusListener): () => void {
    this.statusListeners.add(fn);
    return () => this.statusListeners.delete(fn);
  }

  /** Resolves once the first probe has finished, so the first page knows the engine's state. */
  async start(): Promise<void> {
    let first = true;
    const firstProbe = new Promise<void>((resolve) => {
      void this.loop(() => {
        if (first) {
          first = false;
          resolve();
        }
      });
    });
    return firstProbe;
  }

  stop(): void {
    this.stopped = true;
    this.stream?.close();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.wake?.();
  }

  private setStatus(next: EngineStatus): void {
    const changed =
      next.reachable !== this.current.reachable || next.error !== this.current.error || next.version !== this.current.version;
    this.current = next;
    if (changed) for (const fn of this.statusListeners) fn(next);
  }

  private async loop(afterFirstProbe: () => void): Promise<void> {
    let delay = RETRY_MIN_MS;
    while (!this.stopped) {
      const status = await this.engine.system.probe(this.ctx);
      if (status.reachable) {
        try {
          this.stream = await this.engine.events.follow((e) => this.dispatch(e), this.lastTimeNano || undefined);
          if (!this.lastTimeNano) this.lastTimeNano = Date.now() * 1e6;
          this.setStatus(status);
          afterFirstProbe();
          delay = RETRY_MIN_MS;
          const unwatch = this.watchLiveness(this.stream);
          await this.stream.done.catch(() => undefined);
          unwatch();
        } catch {
          // The engine answered the probe but not the event stream: treat as unreachable below.
        }
        this.stream = null;
        if (this.stopped) return;
        this.setStatus(await this.engine.system.probe(this.ctx));
        if (this.current.reachable) continue; // The stream ended but the engine is fine: resubscribe.
      } else {
        this.setStatus(status);
        afterFirstProbe();
      }
      await this.sleep(delay);
      delay = Math.min(delay * 2, RETRY_MAX_MS);
    }
  }

  /** Ends the stream when a ping fails; the loop then probes and says what it found. */
  private watchLiveness(stream: EventStream): () => void {
    let pinging = false;
    const timer = setInterval(() => {
      if (pinging) return;
      pinging = true;
      void this.engine.system.ping(PING_TIMEOUT_MS).then((ok) => {
        pinging = false;
        if (!ok) stream.close();
      });
    }, LIVENESS_MS);
    timer.unref();
    return () => clearInterval(timer);
  }

  private dispatch(e: EngineEvent): void {
    if (e.timeNano > this.lastTimeNano) this.lastTimeNano = e.timeNano;
    for (const fn of this.eventListeners) fn(e);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.retryTimer = setTimeout(resolve, ms);
    });
  }
}
