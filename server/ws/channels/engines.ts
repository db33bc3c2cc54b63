import { engineStatuses } from '../../hub/engine-statuses';
import type { Channel, ChannelContext } from './contract';

/** A tab this far behind gets no more rows until it catches up (a later change sends the row again). */
const MAX_BUFFERED = 1024 * 1024;

/**
 * Every engine's row of the engine list as it changes: at open, every row as known now (a check may
 * have finished between the tab's `GET /api/engines` and this open), then each change, while every
 * engine is checked again in the background. Frames are small and rare (one per check per engine).
 */
export function openEnginesChannel(ch: number, ctx: ChannelContext): Channel {
  const board = engineStatuses();
  const unsubscribe = board.onChange((info) => {
    if (ctx.bufferedAmount() <= MAX_BUFFERED) ctx.send({ op: 'engine-info', ch, info });
  });
  ctx.send({ op: 'opened', ch });
  for (const info of board.list()) ctx.send({ op: 'engine-info', ch, info });
  board.refreshAll();
  return { close: unsubscribe };
}
