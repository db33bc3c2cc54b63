import type { EngineHub } from '../../hub/engine-hubs';
import type { Channel, ChannelContext } from './contract';

/** One engine's events for this tab, from that engine's one shared subscription. */
export function openEventsChannel(ch: number, hub: EngineHub, ctx: ChannelContext, _onEnded: () => void): Channel {
  const unsubscribe = hub.events.onEvent((event) => ctx.send({ op: 'event', ch, event }));
  ctx.send({ op: 'opened', ch });
  return { close: unsubscribe };
}
