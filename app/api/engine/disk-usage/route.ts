import { engineOf, route } from '@/server/route-kit';

/**
 * `docker system df -v`, on demand only: the engine walks every layer and volume. A request while a
 * walk runs on the same engine waits for it and gets the same answer.
 */
export const GET = route(async (req) => engineOf(req).system.diskUsage());
