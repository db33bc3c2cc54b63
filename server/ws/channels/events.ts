import type { EngineHub } from '../../hub/engine-hubs';
import type { Channel, ChannelContext } from './contract';

/**
 * One engine's events for this tab, from that engine's one shared subscription, with that engine's
 * status (`engine` frames carrying the channel: at open, then whenever it comes or goes), so a tab
 * looking at another engine than the default sees that engine's state.
 */
export function openEventsChannel(ch: number, hub: EngineHub, ctx: ChannelContext, _onEnded: () => void): Channel {
  const unsubscribe = hub.events.onEvent((event) => ctx.send({ op: 'event', ch, event }));
  const unsubscribeStatus = hub.events.onStatus((engine) => ctx.send({ op: 'engine', ch, engine }));
  ctx.send({ op: 'opened', ch });
  // Until the hub's first probe, its status is a placeholder; the probe's answer follows as a change.
  if (hub.events.probed) ctx.send({ op: 'engine', ch, engine: hub.events.status });
  return {
    close: () => {
      unsubscribe();
      unsubscribeStatus();
    },
  };
}
