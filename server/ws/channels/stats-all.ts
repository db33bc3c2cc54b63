import type { EngineHub } from '../../hub/engine-hubs';
import type { Channel, ChannelContext } from './contract';
import { STATS_HIGH_WATERMARK } from './stats';

/** Every running container's stats, one `stats-batch` frame about once a second. */
export function openStatsAllChannel(ch: number, hub: EngineHub, ctx: ChannelContext, _onEnded: () => void): Channel {
  ctx.send({ op: 'opened', ch });
  const stop = hub.stats.watchAll({
    onBatch: (samples) => {
      if (ctx.bufferedAmount() < STATS_HIGH_WATERMARK) ctx.send({ op: 'stats-batch', ch, samples });
    },
  });
  return { close: stop };
}
