import type { ClientFrame, OpenFrame } from '../../../lib/protocol/frames';
import { toEngineError } from '../../engine';
import type { EngineHub, EngineHubLease } from '../../hub/engine-hubs';
import type { Channel, ChannelContext } from './contract';
import { openAttachChannel } from './attach';
import { openEnginesChannel } from './engines';
import { openEventsChannel } from './events';
import { openExecChannel } from './exec';
import { openLogsChannel } from './logs';
import { openStatsChannel } from './stats';
import { openStatsAllChannel } from './stats-all';
import { openTasksChannel } from './tasks';

/**
 * A channel that uses an engine's hub holds it while open: released when the channel closes or
 * ends by itself, so an engine nobody watches any more has its hub ended.
 */
function withHub(lease: EngineHubLease, onEnded: () => void, open: (hub: EngineHub, onEnded: () => void) => Channel): Channel {
  const channel = open(lease.hub, () => {
    lease.release();
    onEnded();
  });
  return {
    ...channel,
    close: () => {
      channel.close();
      lease.release();
    },
  };
}

/**
 * `onEnded` lets a channel that finishes by itself (stream ended) drop out of its socket's map.
 * The frame's `engine` picks the engine (the default one without it); an unknown engine is an
 * error frame on the channel.
 */
export function openChannel(frame: OpenFrame, ctx: ChannelContext, onEnded: () => void): Channel {
  try {
    return openOnEngine(frame, ctx, onEnded);
  } catch (err) {
    const e = toEngineError(err);
    ctx.send({ op: 'error', ch: frame.ch, code: e.code, message: e.message });
    // Not synchronously: the connection registers the channel after `openChannel` returns.
    queueMicrotask(onEnded);
    return { close: () => undefined };
  }
}

function openOnEngine(frame: OpenFrame, ctx: ChannelContext, onEnded: () => void): Channel {
  switch (frame.kind) {
    case 'events':
      return withHub(ctx.hubs.acquire(frame.engine), onEnded, (hub, ended) => openEventsChannel(frame.ch, hub, ctx, ended));
    case 'logs':
      return openLogsChannel(frame.ch, frame.params, ctx.hubs.engine(frame.engine), ctx, onEnded);
    case 'stats':
      return withHub(ctx.hubs.acquire(frame.engine), onEnded, (hub, ended) => openStatsChannel(frame.ch, frame.params, hub, ctx, ended));
    case 'stats-all':
      return withHub(ctx.hubs.acquire(frame.engine), onEnded, (hub, ended) => openStatsAllChannel(frame.ch, hub, ctx, ended));
    case 'exec':
      return openExecChannel(frame.ch, frame.params, ctx.hubs.engine(frame.engine), ctx, onEnded);
    case 'attach':
      return openAttachChannel(frame.ch, frame.params, ctx.hubs.engine(frame.engine), ctx, onEnded);
    case 'tasks':
      return openTasksChannel(frame.ch, ctx, onEnded);
    case 'engines':
      return openEnginesChannel(frame.ch, ctx);
    default: {
      // Every kind is handled above; this guards frames from a newer client.
      const unknown = frame as OpenFrame;
      ctx.send({ op: 'error', ch: unknown.ch, code: 'bad_request', message: `Channel kind "${unknown.kind}" is not available.` });
      return { close: () => undefined };
    }
  }
}
