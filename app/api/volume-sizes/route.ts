import { engineOf, route } from '@/server/route-kit';

/** GET: bytes per volume from the engine's disk-usage walk (expensive: on demand only). */
export const GET = route(async (req) => engineOf(req).volumes.sizes());
