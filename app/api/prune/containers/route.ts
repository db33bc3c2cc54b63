import { previewContainerPrune, pruneContainers } from '@/server/next-entry';
import { route } from '@/server/route-kit';

/** GET: what `docker container prune` would remove and the space it frees; POST: do it. */
export const GET = route(async () => previewContainerPrune());
export const POST = route(async () => pruneContainers());
