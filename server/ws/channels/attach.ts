import type { z } from 'zod';
import type { attachParamsSchema } from '../../../lib/protocol/streams';
import type { Engine } from '../../engine';
import type { Channel, ChannelContext } from './contract';
import { openTerminalChannel } from './terminal-channel';

/**
 * `docker attach`: the container's main process on its TTY. Output only unless the client asked
 * for `write`. Closing the channel only lets go of the stream: the container keeps running.
 */
export function openAttachChannel(ch: number, params: z.infer<typeof attachParamsSchema>, engine: Engine, ctx: ChannelContext, onEnded: () => void): Channel {
  return openTerminalChannel(ch, ctx, onEnded, {
    what: 'attaching to a container',
    acceptInput: params.write,
    start: async () => {
      const stream = await engine.exec.attach(params.container, { write: params.write });
      const resize = (size: { rows: number; cols: number }) => engine.exec.resizeTty(params.container, size);
      await resize(params).catch(() => undefined);
      return {
        stream,
        resize,
        describeEnd: async () => {
          const state = await engine.exec.attachEndState(params.container);
          if (state.running) return { reason: 'closed', message: 'Detached from the container; it is still running.' };
          return state.exitCode === null ? { reason: 'exited' } : { reason: 'exited', exitCode: state.exitCode };
        },
        release: async () => {
          stream.destroy();
        },
      };
    },
  });
}
