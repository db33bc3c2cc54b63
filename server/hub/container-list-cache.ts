import type { EngineEvent } from '../../lib/protocol/events';
import { KeptList, type KeptListOptions } from './kept-list';

export type ContainerListCacheOptions = Omit<KeptListOptions, 'changedBy'>;

/** Events that never change what `docker ps -a` shows (health checks send these every interval). */
const isListNeutral = (e: EngineEvent) => e.type === 'container' && e.action.startsWith('exec_');

/**
 * The container list as `GET /api/containers?all=1` serves it, kept between engine events
 * (coherence rules in `KeptList`). Re-read at least every `maxAgeMs` (default 1 s): the engine's
 * status line ("Up 3 minutes") ages with the clock, and no event says so.
 */
export class ContainerListCache extends KeptList {
  constructor(opts: ContainerListCacheOptions) {
    super({ ...opts, changedBy: (e) => !isListNeutral(e) });
  }
}
