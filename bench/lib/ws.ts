import WebSocket from 'ws';
import type { ClientFrame, OpenFrame, ServerFrame } from '../../lib/protocol/frames';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type ChannelSpec = DistributiveOmit<OpenFrame, 'op' | 'ch'>;

export interface ChannelHandlers {
  frame?(f: ServerFrame): void;
  binary?(payload: Buffer): void;
}

/**
 * A Dockside socket as a script uses it (bearer token): channels with handlers called as frames
 * arrive, so a figure can time or count without keeping what it received.
 */
export class BenchSocket {
  private readonly handlers = new Map<number, ChannelHandlers>();
  private nextCh = 1;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer, isBinary) => {
      if (isBinary) {
        this.handlers.get(data.readUInt32BE(0))?.binary?.(data.subarray(4));
        return;
      }
      const f = JSON.parse(data.toString()) as ServerFrame;
      if ('ch' in f && f.ch !== undefined) this.handlers.get(f.ch)?.frame?.(f);
    });
  }

  static async connect(url: string, token: string): Promise<BenchSocket> {
    const ws = new WebSocket(url.replace(/^http/, 'ws') + '/ws', { headers: { Authorization: `Bearer ${token}` } });
    const sock = new BenchSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    return sock;
  }

  /** Opens a channel; resolves with its id once the server says `opened`, rejects on `error`. */
  open(spec: ChannelSpec, handlers: ChannelHandlers): Promise<number> {
    const ch = this.nextCh++;
    return new Promise((resolve, reject) => {
      let opened = false;
      this.handlers.set(ch, {
        binary: handlers.binary,
        frame: (f) => {
          if (!opened && f.op === 'opened') {
            opened = true;
            resolve(ch);
          } else if (!opened && f.op === 'error') reject(new Error(`${spec.kind}: ${f.code} ${f.message}`));
          handlers.frame?.(f);
        },
      });
      this.send({ op: 'open', ch, ...spec } as ClientFrame);
    });
  }

  send(frame: ClientFrame): void {
    this.ws.send(JSON.stringify(frame));
  }

  sendBinary(ch: number, payload: Buffer): void {
    const frame = Buffer.allocUnsafe(4 + payload.byteLength);
    frame.writeUInt32BE(ch, 0);
    payload.copy(frame, 4);
    this.ws.send(frame, { binary: true });
  }

  closeChannel(ch: number): void {
    this.handlers.delete(ch);
    if (this.ws.readyState === WebSocket.OPEN) this.send({ op: 'close', ch });
  }

  close(): void {
    this.ws.close();
  }
}
