import { networksApi } from '@/server/next-entry';
import { route } from '@/server/route-kit';

/** GET: what `docker network prune` would remove; POST: do it. */
export const GET = route(async () => networksApi().previewPrune());
export const POST = route(async () => networksApi().prune());
