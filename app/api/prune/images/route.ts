import { imagePruneQuerySchema } from '@/lib/protocol/images';
import { engineOf, parseOr400, queryOf, route } from '@/server/route-kit';

/** GET: what `docker image prune` (`?mode=dangling`) or `-a` (`?mode=unused`) would remove and free (`&label=k[=v]` narrows it); POST: do it. */
export const GET = route(async (req) => engineOf(req).images.previewPrune(parseOr400(imagePruneQuerySchema, queryOf(req))));
export const POST = route(async (req) => engineOf(req).images.prune(parseOr400(imagePruneQuerySchema, queryOf(req))));
