import { currentEngine } from '../engine-scope';
import type { EngineStatus } from '../protocol/engine';
import { DEFAULT_ENGINE_NAME } from '../protocol/engine-name';
import { decodeBinaryFrame, encodeBinaryFrame } from '../protocol/binary-frames';
import type { ClientFrame, OpenFrame, ServerFrame } from '../protocol/frames';

export interface ChannelHandlers {
  onFrame(frame: ServerFrame): void;
  onBinary?(payload: Uint8Array): void;
  /** The socket came back: the channel was re-opened with a fresh `open` built by its spec function. */
  onReconnect?(): void;
}

/** An `open` frame minus what the client fills in; distributes over the union so params stay typed. */
export type OpenSpec = OpenFrame extends infer F ? (F extends OpenFrame ? Omit<F, 'op' | 'ch'> : never) : never;

interface ChannelEntry {
  handlers: ChannelHandlers;
  /** Built anew on each (re)connect, so a log channel can resume from the last line it saw. */
  spec: () => OpenSpec;
}

export type ConnectionState = 'connecting' | 'open' | 'closed';

const BACKOFF_MIN_MS = 250;
const BACKOFF_MAX_MS = 5000;

/**
 * One WebSocket per tab, multiplexing channels (see lib/protocol/frames.ts). Reconnects by itself
 * with backoff and re-opens every channel it had.
 */
export class MuxClient {
  private ws: WebSocket | null = null;
  private nextCh = 1;
  private readonly channels = new Map<number, ChannelEntry>();
  private readonly engineListeners = new Set<(s: EngineStatus) => void>();
  private readonly stateListeners = new Set<(s: ConnectionState) => void>();
  private backoff = BACKOFF_MIN_MS;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;
  private everOpened = false;
  state: ConnectionState = 'connecting';
  engine: EngineStatus | null = null;

  constructor(private readonly url: string) {
    this.connect();
  }

  private setState(s: ConnectionState): void {
    this.state = s;
    for (const fn of this.stateListeners) fn(s);
  }

  private connect(): void {
    if (this.disposed) return;
    this.setState('connecting');
    const ws = new WebSocket(this.url);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onopen = () => {
      this.backoff = BACKOFF_MIN_MS;
      const reconnect = this.everOpened;
      this.everOpened = true;
      this.setState('open');
      for (const [ch, entry] of this.channels) {
        this.sendFrame({ op: 'open', ch, ...entry.spec() } as OpenFrame);
        if (reconnect) entry.handlers.onReconnect?.();
      }
    };
    ws.onmessage = (ev) => this.onMessage(ev.data as string | ArrayBuffer);
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.setState('closed');
      if (this.disposed) return;
      this.reconnectTimer = setTimeout(() => this.connect(), this.backoff);
      this.backoff = Math.min(this.backoff * 2, BACKOFF_MAX_MS);
    };
  }

  private onMessage(data: string | ArrayBuffer): void {
    if (typeof data !== 'string') {
      const f = decodeBinaryFrame(new Uint8Array(data));
      if (f) this.channels.get(f.ch)?.handlers.onBinary?.(f.payload);
      return;
    }
    // Frames come from our own server (same origin, checked at upgrade), so they are not re-validated
    // with the schema here: that would cost a parse per frame on the hottest path and ship the schema
    // library in every page. A frame without an `op` is ignored.
    let frame: ServerFrame;
    try {
      frame = JSON.parse(data) as ServerFrame;
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null || typeof frame.op !== 'string') return;
    if (frame.op === 'hello' || (frame.op === 'engine' && frame.ch === undefined)) {
      this.engine = frame.engine;
      for (const fn of this.engineListeners) fn(frame.engine);
      return;
    }
    if ('ch' in frame && frame.ch !== undefined) this.channels.get(frame.ch)?.handlers.onFrame(frame);
  }

  private sendFrame(frame: ClientFrame): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  /** Opens a channel; returns its id and a function that closes it. */
  open(specOf: () => OpenSpec, handlers: ChannelHandlers): { ch: number; close: () => void } {
    const ch = this.nextCh++;
    // A channel stays on the engine the tab was looking at when it opened (re-opens included),
    // unless its spec names one (lib/engine-scope.ts).
    const engine = currentEngine();
    const spec = engine === DEFAULT_ENGINE_NAME ? specOf : () => ({ engine, ...specOf() }) as OpenSpec;
    this.channels.set(ch, { handlers, spec });
    this.sendFrame({ op: 'open', ch, ...spec() } as OpenFrame);
    return {
      ch,
      close: () => {
        if (this.channels.delete(ch)) this.sendFrame({ op: 'close', ch });
      },
    };
  }

  send(frame: ClientFrame): void {
    this.sendFrame(frame);
  }

  sendBinary(ch: number, payload: Uint8Array): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(encodeBinaryFrame(ch, payload));
  }

  bufferedAmount(): number {
    return this.ws?.bufferedAmount ?? 0;
  }

  onEngine(fn: (s: EngineStatus) => void): () => void {
    this.engineListeners.add(fn);
    return () => this.engineListeners.delete(fn);
  }

  onState(fn: (s: ConnectionState) => void): () => void {
    this.stateListeners.add(fn);
    return () => this.stateListeners.delete(fn);
  }

  dispose(): void {
    this.disposed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.ws?.close();
  }
}
