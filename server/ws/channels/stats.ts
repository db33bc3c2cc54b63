import type { ServerFrame } from '../../../lib/protocol/frames';
import type { StatsParams, StatsSample } from '../../../lib/protocol/streams';
import { toEngineError } from '../../engine';
import type { EngineHub } from '../../hub/engine-hubs';
import type { Channel, ChannelContext } from './contract';

/**
 * Past this many bytes queued for a slow reader, stats frames are dropped rather than queued:
 * each sample supersedes the last, so a late one is worth nothing.
 */
export const STATS_HIGH_WATERMARK = 256 * 1024;

/** One container's live stats, from the hub's stream shared by every viewer of that container. */
export function openStatsChannel(ch: number, params: StatsParams, hub: EngineHub, ctx: ChannelContext, onEnded: () => void): Channel {
  let done = false;
  let release: (() => void) | null = null;

  const finish = (frame: ServerFrame) => {
    if (done) return;
    done = true;
    release?.();
    ctx.send(frame);
    onEnded();
  };
  const sendSample = (sample: StatsSample) => {
    if (!done && release && ctx.bufferedAmount() < STATS_HIGH_WATERMARK) ctx.send({ op: 'stats', ch, sample });
  };

  hub.stats
    .watch(params.container, {
      onSample: (sample) => sendSample(sample),
      onEnd: (reason, message) => finish({ op: 'end', ch, reason, message: message ?? 'The container stopped.' }),
    })
    .then(
      (watch) => {
        if (done) return watch.release();
        release = watch.release;
        ctx.send({ op: 'opened', ch });
        if (!watch.running) return finish({ op: 'end', ch, reason: 'exited', message: 'The container is not running.' });
        if (watch.latest) sendSample(watch.latest);
      },
      (err: unknown) => {
        const e = toEngineError(err);
        finish({ op: 'error', ch, code: e.code, message: e.message });
      },
    );

  return {
    close: () => {
      if (done) return;
      done = true;
      release?.();
    },
  };
}
