import { engineOf, route } from '@/server/route-kit';

/** GET: what `docker network prune` would remove; POST: do it. */
export const GET = route(async (req) => engineOf(req).networks.previewPrune());
export const POST = route(async (req) => engineOf(req).networks.prune());
