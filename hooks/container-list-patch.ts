import type { EngineEvent } from '@/lib/protocol/events';
import type { ContainerState, ContainerSummary } from '@/lib/protocol/containers';

/** What a lifecycle event tells us about a container's state, in the engine's own words. */
function stateAfter(event: EngineEvent): { state: ContainerState; status: string } | 'removed' | null {
  switch (event.action) {
    case 'start':
    case 'restart':
    case 'unpause':
      return { state: 'running', status: 'Up Less than a second' };
    case 'pause':
      return { state: 'paused', status: 'Up (Paused)' };
    case 'die': {
      const code = event.attributes.exitCode;
      return { state: 'exited', status: code === undefined ? 'Exited' : `Exited (${code}) Less than a second ago` };
    }
    case 'destroy':
      return 'removed';
    default:
      return null;
  }
}

/**
 * The container list as a lifecycle event leaves it, so the row flips at once instead of after a
 * refetch (a full list call: ~100 ms at a thousand containers). The refetch that follows still
 * brings the authoritative list. Returns the same array when the event changes nothing it shows
 * (an unknown container, or an action that needs the engine's answer, such as create or rename).
 */
export function applyContainerEvent(list: ContainerSummary[], event: EngineEvent): ContainerSummary[] {
  if (event.type !== 'container') return list;
  const next = stateAfter(event);
  if (!next) return list;
  const i = list.findIndex((c) => c.id === event.id);
  if (i < 0) return list;
  if (next === 'removed') return [...list.slice(0, i), ...list.slice(i + 1)];
  const row = list[i]!;
  if (row.state === next.state) return list;
  const out = list.slice();
  out[i] = { ...row, ...next, health: next.state === 'running' ? row.health : 'none' };
  return out;
}
