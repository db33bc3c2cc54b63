import type { Channel, ChannelContext } from './contract';

/** Engine events for this tab, from the one shared engine subscription. */
export function openEventsChannel(ch: number, ctx: ChannelContext, _onEnded: () => void): Channel {
  const unsubscribe = ctx.hub.onEvent((event) => ctx.send({ op: 'event', ch, event }));
  ctx.send({ op: 'opened', ch });
  return { close: unsubscribe };
}
