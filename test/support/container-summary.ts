import type { ContainerSummary } from '../../lib/protocol/containers';

/** A container list row for unit tests: a plain busybox container, with what a test cares about laid over it. */
export const containerSummary = (over: Partial<ContainerSummary> & Pick<ContainerSummary, 'id' | 'name'>): ContainerSummary => ({
  image: 'busybox',
  imageId: 'sha256:x',
  command: 'sh',
  created: 1,
  state: 'running',
  status: '',
  health: 'none',
  ports: [],
  labels: {},
  ...over,
});
