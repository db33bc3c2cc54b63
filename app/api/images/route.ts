import { listImagesQuerySchema } from '@/lib/protocol/images';
import { engineOf, parseOr400, queryOf, route } from '@/server/route-kit';

/** GET: `docker images -a`, classified; `?sharing=1` adds unique/shared sizes (cached per image id). */
export const GET = route(async (req) => engineOf(req).images.list(parseOr400(listImagesQuerySchema, queryOf(req))));
