import type { ClientFrame, OpenFrame } from '../../../lib/protocol/frames';
import type { ChannelContext } from '../connection';
import { openAttachChannel } from './attach';
import { openEventsChannel } from './events';
import { openExecChannel } from './exec';
import { openLogsChannel } from './logs';
import { openStatsChannel } from './stats';
import { openStatsAllChannel } from './stats-all';
import { openTasksChannel } from './tasks';

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
    case 'logs':
      return openLogsChannel(frame.ch, frame.params, ctx, onEnded);
    case 'stats':
      return openStatsChannel(frame.ch, frame.params, ctx, onEnded);
    case 'stats-all':
      return openStatsAllChannel(frame.ch, ctx, onEnded);
    case 'exec':
      return openExecChannel(frame.ch, frame.params, ctx, onEnded);
    case 'attach':
      return openAttachChannel(frame.ch, frame.params, ctx, onEnded);
    case 'tasks':
      return openTasksChannel(frame.ch, ctx, onEnded);
    default: {
      // Every kind is handled above; this guards frames from a newer client.
      const unknown = frame as OpenFrame;
      ctx.send({ op: 'error', ch: unknown.ch, code: 'bad_request', message: `Channel kind "${unknown.kind}" is not available.` });
      return { close: () => undefined };
    }
  }
}
