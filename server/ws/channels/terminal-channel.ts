import type { Duplex } from 'node:stream';
import type { ErrorCode } from '../../../lib/protocol/errors';
import type { ClientFrame, ServerFrame } from '../../../lib/protocol/frames';
import { toEngineError, type TerminalSize } from '../../engine';
import { runtime } from '../../runtime';
import type { Channel, ChannelContext } from './contract';
import { TerminalPump } from './terminal-pump';

type EndFrame = Extract<ServerFrame, { op: 'end' }>;

/** What exec and attach channels plug into the shared terminal plumbing. */
export interface TerminalBackend {
  /** Raw TTY bytes: output to read, input to write. */
  stream: Duplex;
  resize(size: TerminalSize): Promise<void>;
  /** After the stream ended by itself: what to tell the client. */
  describeEnd(): Promise<Omit<EndFrame, 'op' | 'ch'>>;
  /** Gives the engine resources back (exec: hang the process up; attach: just let go). */
  release(): Promise<void>;
}

/** Keystrokes typed while the engine is still starting the process are kept, up to this much. */
const MAX_EARLY_INPUT = 64 * 1024;

/**
 * A terminal over one channel: output coalesced with backpressure (TerminalPump), input from
 * binary frames, `resize` frames, `end` when the process or stream ends. The channel is bound to the
 * backend `start` returns; nothing a client sends later can point it at another container.
 */
export function openTerminalChannel(
  ch: number,
  ctx: ChannelContext,
  onEnded: () => void,
  opts: { what: string; acceptInput: boolean; start: () => Promise<TerminalBackend> },
): Channel {
  let finished = false;
  let backend: TerminalBackend | null = null;
  let pump: TerminalPump | null = null;
  let earlyInput: Buffer[] = [];
  let earlyBytes = 0;
  let lastSize: TerminalSize | null = null;

  const fail = (code: ErrorCode, message: string) => {
    finished = true;
    ctx.send({ op: 'error', ch, code, message });
    // Not synchronously: the connection registers the channel after `open…` returns.
    queueMicrotask(onEnded);
  };

  // The session, not Dockside's socket, is the dangerous part: refuse before touching the engine.
  if (runtime()?.readOnly) {
    fail('forbidden', `Dockside runs in read-only mode: ${opts.what} is turned off.`);
    return { close: () => undefined };
  }

  const finish = (end: Omit<EndFrame, 'op' | 'ch'> | null) => {
    if (finished) return;
    finished = true;
    pump?.flush();
    pump?.dispose();
    if (end) ctx.send({ op: 'end', ch, ...end });
    onEnded();
    void backend?.release();
  };

  opts.start().then(
    (b) => {
      if (finished) return void b.release();
      backend = b;
      ctx.send({ op: 'opened', ch });
      pump = new TerminalPump(b.stream, (payload) => ctx.sendBinary(ch, payload), ctx.bufferedAmount);
      for (const chunk of earlyInput) b.stream.write(chunk);
      earlyInput = [];
      if (lastSize) void b.resize(lastSize).catch(() => undefined);
      let ending = false;
      const onStreamEnd = () => {
        if (ending || finished) return;
        ending = true;
        pump?.flush();
        void b.describeEnd().then(finish, () => finish({ reason: 'closed' }));
      };
      b.stream.once('end', onStreamEnd);
      b.stream.once('close', onStreamEnd);
    },
    (err: unknown) => {
      if (finished) return;
      const e = toEngineError(err);
      fail(e.code, e.message);
    },
  );

  return {
    close: () => finish(null),
    onBinary: (payload) => {
      if (finished || !opts.acceptInput) return;
      if (!backend) {
        if (earlyBytes + payload.byteLength > MAX_EARLY_INPUT) return;
        earlyInput.push(Buffer.from(payload));
        earlyBytes += payload.byteLength;
        return;
      }
      backend.stream.write(payload);
      pump?.noteInput();
    },
    onFrame: (frame: ClientFrame) => {
      if (finished) return;
      if (frame.op === 'flow') pump?.setPeerPaused(frame.paused);
      if (frame.op !== 'resize') return;
      lastSize = { rows: frame.rows, cols: frame.cols };
      void backend?.resize(lastSize).catch(() => undefined);
    },
  };
}
