import { imagePruneQuerySchema } from '@/lib/protocol/images';
import { imagesApi } from '@/server/next-entry';
import { parseOr400, queryOf, route } from '@/server/route-kit';

/** GET: what `docker image prune` (`?mode=dangling`) or `-a` (`?mode=unused`) would remove and free; POST: do it. */
export const GET = route(async (req) => imagesApi().previewPrune(parseOr400(imagePruneQuerySchema, queryOf(req)).mode));
export const POST = route(async (req) => imagesApi().prune(parseOr400(imagePruneQuerySchema, queryOf(req)).mode));
