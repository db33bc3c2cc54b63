import { engineOf, queryOf, route } from '@/server/route-kit';

/** GET (?sizes=1 to measure): what `docker volume prune` would remove; POST: do it. */
export const GET = route(async (req) => engineOf(req).volumes.previewPrune(queryOf(req).sizes === '1'));
export const POST = route(async (req) => engineOf(req).volumes.prune());
