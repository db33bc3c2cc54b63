import type { WebSocket } from 'ws';
import { clientFrameSchema, PROTOCOL_VERSION, type ClientFrame, type ServerFrame } from '../../lib/protocol/frames';
import type { EngineHubs } from '../hub/engine-hubs';
import { openChannel } from './channels';
import type { Channel, ChannelContext } from './channels/contract';

export const MAX_CHANNELS_PER_SOCKET = 64;

/**
 * One browser tab's socket: decodes and validates frames, owns its channels, and releases every
 * engine resource they hold when the socket goes away for any reason.
 */
export class Connection {
  private readonly channels = new Map<number, Channel>();
  private readonly ctx: ChannelContext;
  private readonly unsubscribeStatus: () => void;
  alive = true;

  constructor(
    private readonly ws: WebSocket,
    hubs: EngineHubs,
  ) {
    this.ctx = {
      send: (frame) => this.send(frame),
      sendBinary: (ch, payload) => {
        if (this.ws.readyState !== this.ws.OPEN) return;
        const frame = Buffer.allocUnsafe(4 + payload.byteLength);
        frame.writeUInt32BE(ch, 0);
        frame.set(payload, 4);
        this.ws.send(frame, { binary: true });
      },
      bufferedAmount: () => this.ws.bufferedAmount,
      hubs,
    };
    // `hello` and `engine` frames are about the default engine (its hub runs for the server's life).
    const main = hubs.pin();
    this.send({ op: 'hello', version: PROTOCOL_VERSION, engine: main.events.status });
    this.unsubscribeStatus = main.events.onStatus((engine) => this.send({ op: 'engine', engine }));
    ws.on('message', (data, isBinary) => this.onMessage(data as Buffer, isBinary));
    ws.on('pong', () => (this.alive = true));
    ws.on('close', () => this.dispose());
    ws.on('error', () => this.dispose());
  }

  get channelCount(): number {
    return this.channels.size;
  }

  private send(frame: ServerFrame): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(frame));
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    if (isBinary) {
      const ch = data.byteLength >= 4 ? data.readUInt32BE(0) : 0;
      this.channels.get(ch)?.onBinary?.(data.subarray(4));
      return;
    }
    let frame: ClientFrame;
    try {
      const parsed = clientFrameSchema.safeParse(JSON.parse(data.toString('utf8')));
      if (!parsed.success) {
        this.send({ op: 'error', code: 'bad_request', message: `Invalid frame: ${parsed.error.issues[0]?.message ?? 'unknown'}` });
        return;
      }
      frame = parsed.data;
    } catch {
      this.send({ op: 'error', code: 'bad_request', message: 'Frames must be JSON.' });
      return;
    }
    this.handle(frame);
  }

  private handle(frame: ClientFrame): void {
    switch (frame.op) {
      case 'ping':
        this.send({ op: 'pong', t: frame.t });
        return;
      case 'close':
        this.closeChannel(frame.ch);
        return;
      case 'open': {
        if (this.channels.has(frame.ch)) {
          this.send({ op: 'error', ch: frame.ch, code: 'bad_request', message: `Channel ${frame.ch} is already open.` });
          return;
        }
        if (this.channels.size >= MAX_CHANNELS_PER_SOCKET) {
          this.send({ op: 'error', ch: frame.ch, code: 'rate_limited', message: `At most ${MAX_CHANNELS_PER_SOCKET} channels per connection.` });
          return;
        }
        const channel = openChannel(frame, this.ctx, () => this.channels.delete(frame.ch));
        this.channels.set(frame.ch, channel);
        return;
      }
      default:
        this.channels.get((frame as { ch: number }).ch)?.onFrame?.(frame);
    }
  }

  private closeChannel(ch: number): void {
    const channel = this.channels.get(ch);
    if (!channel) return;
    this.channels.delete(ch);
    channel.close();
  }

  private dispose(): void {
    this.unsubscribeStatus();
    for (const ch of [...this.channels.keys()]) this.closeChannel(ch);
  }

  /** Heartbeat: a peer that missed the last ping is gone (tab killed, TCP reset, frozen). */
  heartbeat(): void {
    if (!this.alive) {
      this.ws.terminate();
      return;
    }
    this.alive = false;
    this.ws.ping();
  }
}
