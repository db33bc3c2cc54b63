import { listImagesQuerySchema } from '@/lib/protocol/images';
import { imagesApi } from '@/server/next-entry';
import { parseOr400, queryOf, route } from '@/server/route-kit';

/** GET: `docker images -a`, classified; `?sharing=1` adds unique/shared sizes (cached per image id). */
export const GET = route(async (req) => imagesApi().list(parseOr400(listImagesQuerySchema, queryOf(req))));
