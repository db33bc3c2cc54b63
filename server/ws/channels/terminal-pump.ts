import type { Readable } from 'node:stream';

export interface PumpOptions {
  /** Output is held this long to go out in one frame (a burst of small writes is one message). */
  flushMs: number;
  /** …or until this many bytes are waiting. */
  maxBatchBytes: number;
  /** Pause the engine stream when the socket has more than this queued for the peer… */
  highWaterBytes: number;
  /** …and resume once it is below this. */
  lowWaterBytes: number;
  /** How often to look at the socket while paused (ws has no "drained" event). */
  pollMs: number;
}

export const defaultPumpOptions: PumpOptions = {
  flushMs: 5,
  maxBatchBytes: 64 * 1024,
  highWaterBytes: 1024 * 1024,
  lowWaterBytes: 256 * 1024,
  pollMs: 10,
};

/**
 * Moves a terminal's output from the engine stream to the socket, as xterm.js's demo server does:
 * coalesced into few frames, except that the first output after a keystroke goes out at once so
 * the echo feels instant. Applies backpressure: a peer that does not keep up pauses the engine
 * stream (and so the process writing to the TTY) instead of growing the socket's queue.
 */
export class TerminalPump {
  private chunks: Buffer[] = [];
  private pending = 0;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  private inputSeen = false;
  private peerPaused = false;
  private disposed = false;
  private readonly opts: PumpOptions;
  private readonly onData = (chunk: Buffer) => this.push(chunk);

  constructor(
    private readonly source: Readable,
    private readonly send: (payload: Buffer) => void,
    private readonly bufferedAmount: () => number,
    opts: Partial<PumpOptions> = {},
  ) {
    this.opts = { ...defaultPumpOptions, ...opts };
    source.on('data', this.onData);
  }

  /** The user typed: whatever the process prints next (the echo) is sent without waiting. */
  noteInput(): void {
    this.inputSeen = true;
    this.flush();
  }

  private push(chunk: Buffer): void {
    if (this.disposed) return;
    this.chunks.push(chunk);
    this.pending += chunk.byteLength;
    if (this.inputSeen || this.pending >= this.opts.maxBatchBytes) {
      this.inputSeen = false;
      this.flush();
    } else {
      this.flushTimer ??= setTimeout(() => this.flush(), this.opts.flushMs);
    }
  }

  /** Sends whatever is waiting (also called before the channel's `end`, so no output is lost). */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.disposed || this.pending === 0) return;
    const payload = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.pending);
    this.chunks = [];
    this.pending = 0;
    this.send(payload);
    if (!this.pollTimer && this.bufferedAmount() > this.opts.highWaterBytes) this.pause();
  }

  private pause(): void {
    this.source.pause();
    this.pollTimer = setInterval(() => {
      if (this.bufferedAmount() >= this.opts.lowWaterBytes) return;
      this.stopPolling();
      this.resumeIfClear();
    }, this.opts.pollMs);
  }

  /**
   * The browser's own flow control (xterm.js's write-callback watermarks): its terminal has more
   * output queued than it can render, so the process is held until it catches up.
   */
  setPeerPaused(paused: boolean): void {
    this.peerPaused = paused;
    if (paused) this.source.pause();
    else this.resumeIfClear();
  }

  private resumeIfClear(): void {
    if (!this.disposed && !this.peerPaused && !this.pollTimer) this.source.resume();
  }

  private stopPolling(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
  }

  get paused(): boolean {
    return this.pollTimer !== null || this.peerPaused;
  }

  dispose(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.stopPolling();
    this.disposed = true;
    this.source.off('data', this.onData);
  }
}
