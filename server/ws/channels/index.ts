import type { OpenFrame } from '../../../lib/protocol/frames';
import type { Channel, ChannelContext } from './contract';
import { openAttachChannel } from './attach';
import { openEventsChannel } from './events';
import { openExecChannel } from './exec';
import { openLogsChannel } from './logs';
import { openStatsChannel } from './stats';
import { openStatsAllChannel } from './stats-all';


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
    default: {
      // Every kind is handled above; this guards frames from a newer client.
      const unknown = frame as OpenFrame;
      ctx.send({ op: 'error', ch: unknown.ch, code: 'bad_request', message: `Channel kind "${unknown.kind}" is not available.` });
      return { close: () => undefined };
    }
  }
}
