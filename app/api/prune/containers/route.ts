import { engineOf, route } from '@/server/route-kit';

/** GET: what `docker container prune` would remove and the space it frees; POST: do it. */
export const GET = route(async (req) => engineOf(req).containers.previewPrune());
export const POST = route(async (req) => engineOf(req).containers.prune());
