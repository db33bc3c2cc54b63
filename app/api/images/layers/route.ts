import { layerGraphQuerySchema } from '@/lib/protocol/images';
import { engineOf, parseOr400, queryOf, route } from '@/server/route-kit';

/** GET: every image's layer stack with shared layers once, and the containers on top (`?sizes=1`: their RW layer sizes, a walk). */
export const GET = route(async (req) => engineOf(req).images.layerGraph({ containerSizes: parseOr400(layerGraphQuerySchema, queryOf(req)).sizes }));
