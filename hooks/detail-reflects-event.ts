import type { ContainerDetail } from '@/lib/protocol/containers';
import type { EngineEvent } from '@/lib/protocol/events';

/**
 * The engine writes a container's StartedAt, then checkpoints its config to disk, then logs the
 * `start` event (moby daemon/start.go): the event's time comes a moment after StartedAt, on the
 * same clock. A StartedAt further back than this belongs to an earlier start.
 */
export const START_EVENT_LAG_MS = 1000;

/**
 * Whether a cached container detail already shows what `event` changed, so the refetch the event
 * asks for would read the same thing again: after `create`, any read of that very container (it
 * cannot have been read before it existed); after `start`, a read that shows it running since this
 * start (the run form sets one, read after the engine's start returned, before the event may reach
 * the page). Every other event, or a detail of another container under the same name, is not.
 */
export function detailReflectsEvent(detail: { container: Pick<ContainerDetail, 'id' | 'state'> } | undefined, event: EngineEvent): boolean {
  if (event.type !== 'container' || !detail || detail.container.id !== event.id) return false;
  if (event.action === 'create') return true;
  if (event.action !== 'start') return false;
  const { running, startedAt } = detail.container.state;
  if (!running || !startedAt) return false;
  const lagMs = event.timeNano / 1e6 - Date.parse(startedAt);
  // 1 ms of slack: Date.parse keeps milliseconds of StartedAt's nanoseconds.
  return lagMs >= -1 && lagMs <= START_EVENT_LAG_MS;
}
