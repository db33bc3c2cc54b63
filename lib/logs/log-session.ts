import type { ApiError } from '../protocol/errors';
import type { ServerFrame } from '../protocol/frames';
import { decodeLogLines, type LogLine } from '../protocol/log-lines';
import type { MuxClient, OpenSpec } from '../ws-client/mux-client';
import { LogBuffer, type LogMarker } from './log-buffer';
import { dropHeldSuffix, dropResent, earlierWindow, type LogBoundary } from './resume';

/** What the user asked to see: `docker logs --tail --since --until`. */
export interface LogQuery {
  tail: number | 'all';
  since?: string;
  until?: string;
}

export type LogSessionStatus = 'connecting' | 'streaming' | 'ended' | 'error';

export const LOG_VIEW_CAPACITY = 50_000;
export const EARLIER_PAGE = 1000;
/** rAF does not run in a background tab; this bounds how long lines wait there. */
const MAX_FLUSH_DELAY_MS = 250;

/**
 * One log view's stream: a `logs` channel on the tab's socket, lines gathered into a bounded
 * buffer and handed to React at most once per animation frame. A dropped socket re-opens the
 * channel from the last timestamp seen (the MuxClient calls the spec function again), and the
 * lines the engine sends twice at that boundary are dropped.
 */
export class LogSession {
  readonly buffer: LogBuffer;
  status: LogSessionStatus = 'connecting';
  error: ApiError | null = null;
  /** Bumped whenever anything visible changed (useSyncExternalStore reads it). */
  version = 0;
  loadingEarlier = false;
  earlierError: string | null = null;
  /** "Load earlier" found nothing more before the first line. */
  reachedStart = false;
  /** Bumped each time older lines were put in front (a frozen view re-reads the buffer then). */
  earlierPages = 0;
  exitCode: number | null = null;

  private channel: { close: () => void } | null = null;
  private earlierChannel: { close: () => void } | null = null;
  private pending: Array<LogLine | LogMarker> = [];
  /** The newest timestamp received and the texts received at it: where a resume starts. */
  private newest: LogBoundary | null = null;
  /** While resuming: lines at or before this were already received. */
  private resent: LogBoundary | null = null;
  private flushFrame: number | null = null;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private reopenWhenEnded = false;
  private endedBy: 'exited' | 'closed' | 'error' | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly decoder = new TextDecoder();
  private disposed = false;

  constructor(
    private readonly mux: MuxClient,
    private readonly container: string,
    readonly query: LogQuery,
    capacity = LOG_VIEW_CAPACITY,
  ) {
    this.buffer = new LogBuffer(capacity);
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  /** A range that ends in the past is read once; otherwise the log is followed. */
  get follows(): boolean {
    return this.query.until === undefined;
  }

  start(): void {
    this.open();
  }

  /** Opens the log again, continuing after the last line received (after a restart, or on request). */
  reopen(): void {
    if (this.disposed) return;
    this.reopenWhenEnded = false;
    this.channel?.close();
    this.channel = null;
    this.error = null;
    this.open();
  }

  /**
   * The container started again. If its old stream has not ended yet, let it end first so its
   * exit marker lands in the right place; the stream ends within moments of the stop.
   */
  containerRestarted(): void {
    if (this.status === 'streaming' || this.status === 'connecting') {
      this.reopenWhenEnded = true;
      setTimeout(() => this.reopenWhenEnded && this.reopen(), 2000);
    } else this.reopen();
  }

  /**
   * The engine is back after an outage. A followed log whose stream ended with the engine (not with
   * the container) continues: with `--live-restore` the container kept running and its start time
   * did not change, so nothing else would reopen it.
   */
  engineReturned(): void {
    if (this.status === 'ended' && this.endedBy !== 'exited' && this.follows) this.reopen();
  }

  dispose(): void {
    this.disposed = true;
    this.channel?.close();
    this.earlierChannel?.close();
    this.channel = this.earlierChannel = null;
    if (this.flushFrame !== null) cancelAnimationFrame(this.flushFrame);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.listeners.clear();
  }

  private open(): void {
    this.status = 'connecting';
    this.notify();
    this.channel = this.mux.open(this.spec, {
      onFrame: (f) => this.onFrame(f),
      onBinary: (p) => this.onLines(decodeLogLines(this.decoder.decode(p))),
      onReconnect: () => {
        this.status = 'connecting';
        this.notify();
      },
    });
  }

  /** Called by the MuxClient on every (re)open: from the start, or from the last line received. */
  private spec = (): OpenSpec => {
    const from = this.newest;
    this.resent = from ? { time: from.time, texts: [...from.texts] } : null;
    const params: Extract<OpenSpec, { kind: 'logs' }>['params'] = from
      ? { container: this.container, tail: 'all', since: from.time, until: this.query.until, follow: this.follows }
      : { container: this.container, tail: this.query.tail, since: this.query.since, until: this.query.until, follow: this.follows };
    return { kind: 'logs', params };
  };

  private onLines(lines: LogLine[]): void {
    if (this.resent) {
      const r = dropResent(this.resent, lines);
      this.resent = r.boundary;
      lines = r.lines;
    }
    for (const line of lines) {
      if (!line.time) continue;
      if (this.newest?.time === line.time) this.newest.texts.push(line.text);
      else this.newest = { time: line.time, texts: [line.text] };
    }
    this.pending.push(...lines);
    // A hidden tab may not flush for a while: keep the backlog within what the view could hold.
    const excess = this.pending.length - this.buffer.capacity;
    if (excess > 0) {
      this.pending.splice(0, excess);
      this.buffer.dropped += excess;
      this.buffer.appended += excess;
    }
    this.scheduleFlush();
  }

  private onFrame(f: ServerFrame): void {
    switch (f.op) {
      case 'opened':
        this.status = 'streaming';
        this.notify();
        return;
      case 'skipped':
        this.pending.push({ kind: 'skipped', count: f.count });
        this.scheduleFlush();
        return;
      case 'end':
        this.channel?.close();
        this.channel = null;
        this.status = 'ended';
        this.endedBy = f.reason;
        if (f.reason === 'exited') {
          this.exitCode = f.exitCode ?? null;
          this.pending.push({ kind: 'exited', exitCode: this.exitCode });
        } else if (!this.reopenWhenEnded) {
          this.pending.push({ kind: 'ended', message: this.follows ? 'The log stream ended.' : 'End of the selected time range.' });
        }
        this.flushNow();
        if (this.reopenWhenEnded) this.reopen();
        return;
      case 'error':
        this.channel?.close();
        this.channel = null;
        this.status = 'error';
        this.error = { code: f.code, message: f.message };
        if (this.buffer.entries.length || this.pending.length) this.pending.push({ kind: 'ended', message: `The log stream failed: ${f.message}` });
        this.flushNow();
        return;
      default:
        return;
    }
  }

  /** Fetches up to a page of lines from before the first one held, and puts them in front. */
  loadEarlier(): void {
    if (this.loadingEarlier || this.reachedStart || this.disposed) return;
    const window = earlierWindow(this.buffer.leadingLines());
    const want = Math.min(EARLIER_PAGE, this.buffer.room - this.pending.length);
    if (!window || want <= 0) return;
    // The page ends with the lines held in the first held line's second (see earlierWindow).
    const tail = want + window.held.length;
    let received: LogLine[] = [];
    this.loadingEarlier = true;
    this.earlierError = null;
    this.notify();
    const finish = () => {
      this.earlierChannel?.close();
      this.earlierChannel = null;
      this.loadingEarlier = false;
    };
    this.earlierChannel = this.mux.open(
      () => {
        received = [];
        return { kind: 'logs', params: { container: this.container, tail, since: this.query.since, until: window.until, follow: false } };
      },
      {
        onBinary: (p) => received.push(...decodeLogLines(this.decoder.decode(p))),
        onFrame: (f) => {
          if (f.op === 'end') {
            finish();
            const older = dropHeldSuffix(window.held, received);
            this.buffer.prepend(older);
            this.earlierPages++;
            if (received.length < tail) this.reachedStart = true;
            this.notify();
          } else if (f.op === 'error') {
            finish();
            this.earlierError = f.message;
            this.notify();
          }
        },
      },
    );
  }

  private scheduleFlush(): void {
    if (this.flushFrame !== null || this.flushTimer !== null) return;
    const run = () => this.flushNow();
    this.flushFrame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(run) : null;
    this.flushTimer = setTimeout(run, MAX_FLUSH_DELAY_MS);
  }

  private flushNow(): void {
    if (this.flushFrame !== null) cancelAnimationFrame(this.flushFrame);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushFrame = this.flushTimer = null;
    if (this.disposed) return;
    if (this.pending.length) {
      this.buffer.append(this.pending);
      this.pending = [];
    }
    this.notify();
  }

  private notify(): void {
    this.version++;
    for (const fn of this.listeners) fn();
  }
}
