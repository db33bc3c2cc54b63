import type { ContainerSummary } from '../containers';
import type { EngineEvent } from '../events';

/** Test fixtures: a list row in a given state, and a container event. */
export const row = (id: string, state: ContainerSummary['state']): ContainerSummary => ({
  id,
  name: `c-${id}`,
  image: 'busybox',
  imageId: 'sha256:1',
  command: 'sleep 1',
  created: 1,
  state,
  status: state === 'created' ? 'Created' : 'Up 2 minutes',
  health: 'none',
  ports: [],
  labels: {},
});

export const event = (action: string, id: string, attributes: Record<string, string> = {}): EngineEvent => ({ type: 'container', action, id, timeNano: 1, attributes });
