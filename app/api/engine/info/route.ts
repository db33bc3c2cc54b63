import { engineOf, route } from '@/server/route-kit';

/** `docker version` + `docker info` for the engine page (`?engine=<name>`, else the default engine). */
export const GET = route(async (req) => engineOf(req).system.info());
