import type { ClientFrame, OpenFrame } from '../../../lib/protocol/frames';
import type { ChannelContext } from '../connection';
import { openEventsChannel } from './events';

/** A live channel on one socket. `close` must release every engine resource the channel holds. */
export interface Channel {
  close(): void;
  onFrame?(frame: ClientFrame): void;
  onBinary?(payload: Buffer): void;
}


/** `onEnded` lets a channel that finishes by itself (stream ended) drop out of its socket's map. */
export function openChannel(frame: OpenFrame, ctx: ChannelContext, onEnded: () => void): Channel {
  switch (frame.kind) {
    case 'events':
      return openEventsChannel(frame.ch, ctx, onEnded);
    default:
      ctx.send({ op: 'error', ch: frame.ch, code: 'bad_request', message: `Channel kind "${frame.kind}" is not available.` });
      return { close: () => undefined };
  }
}
