import { engineQuerySchema } from '../../lib/protocol/engines';
import { listImagesQuerySchema } from '../../lib/protocol/images';
import { keptListRoute } from './kept-list-route';

export const IMAGE_LIST_PATH = '/api/images';

/**
 * `GET /api/images[?sharing=0|1&engine=<name>]` (`docker images -a`, classified, with "used by";
 * `sharing=1` adds unique/shared sizes): from the engine's kept `ImageListCache` while its hub runs.
 * The Next route `app/api/images/route.ts` answers the same form (the custom server reaches it first).
 */
export const serveImageList = keptListRoute({
  schema: listImagesQuerySchema.extend(engineQuerySchema.shape),
  kept: (hubs, q) => hubs.peek(q.engine)?.images.list(q.sharing) ?? null,
  direct: (engine, q) => engine.images.list({ sharing: q.sharing }),
});
