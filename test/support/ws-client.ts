import WebSocket from 'ws';
import type { ClientFrame, ServerFrame } from '../../lib/protocol/frames';

/** A test client for Dockside's /ws: sends frames, collects what comes back, waits for a match. */
export class TestSocket {
  readonly frames: ServerFrame[] = [];
  readonly binary: Array<{ ch: number; payload: Buffer }> = [];
  private waiters: Array<() => void> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer, isBinary) => {
      if (isBinary) this.binary.push({ ch: data.readUInt32BE(0), payload: data.subarray(4) });
      else this.frames.push(JSON.parse(data.toString()) as ServerFrame);
      for (const w of this.waiters.splice(0)) w();
    });
  }

  static async connect(url: string, headers: Record<string, string>): Promise<TestSocket> {
    const ws = new WebSocket(url.replace(/^http/, 'ws') + '/ws', { headers });
    // Listen before 'open': the server's hello can arrive in the same chunk as the handshake.
    const sock = new TestSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    return sock;
  }

  send(frame: ClientFrame): void {
    this.ws.send(JSON.stringify(frame));
  }

  async waitFor<F extends ServerFrame>(match: (f: ServerFrame) => f is F, timeoutMs?: number): Promise<F>;
  async waitFor(match: (f: ServerFrame) => boolean, timeoutMs?: number): Promise<ServerFrame>;
  async waitFor(match: (f: ServerFrame) => boolean, timeoutMs = 15_000): Promise<ServerFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No matching frame; got ${JSON.stringify(this.frames.slice(-5))}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 200);
      });
    }
  }

  close(): void {
    this.ws.close();
  }
}
