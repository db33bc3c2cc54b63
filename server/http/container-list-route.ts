import { listContainersQuerySchema } from '../../lib/protocol/containers';
import { engineQuerySchema } from '../../lib/protocol/engines';
import { keptListRoute } from './kept-list-route';

export const CONTAINER_LIST_PATH = '/api/containers';

/**
 * `GET /api/containers[?all=0|1&size=0|1&engine=<name>]`: the common form (all, no sizes) from the
 * engine's kept `ContainerListCache`; sizes or running-only go to the engine.
 */
export const serveContainerList = keptListRoute({
  schema: listContainersQuerySchema.extend(engineQuerySchema.shape),
  kept: (hubs, q) => (q.all && !q.size ? (hubs.peek(q.engine)?.list ?? null) : null),
  direct: (engine, { engine: _name, ...q }) => engine.containers.list(q),
});
