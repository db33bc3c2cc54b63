import type { z } from 'zod';
import type { execParamsSchema } from '../../../lib/protocol/streams';
import type { Engine } from '../../engine';
import type { Channel, ChannelContext } from './contract';
import { openTerminalChannel } from './terminal-channel';

/**
 * `docker exec -it`: a new process in the container, ended (hung up) when the channel closes for
 * any reason — client close, dropped socket, server shutdown — so nothing is left running.
 */
export function openExecChannel(ch: number, params: z.infer<typeof execParamsSchema>, engine: Engine, ctx: ChannelContext, onEnded: () => void): Channel {
  return openTerminalChannel(ch, ctx, onEnded, {
    what: 'opening a shell in a container',
    acceptInput: true,
    start: async () => {
      const session = await engine.exec.start(params);
      return {
        stream: session.stream,
        resize: (size) => session.resize(size),
        describeEnd: async () => {
          const exitCode = await session.exitCode();
          return exitCode === null ? { reason: 'exited' } : { reason: 'exited', exitCode };
        },
        release: () => session.hangUp(),
      };
    },
  });
}
