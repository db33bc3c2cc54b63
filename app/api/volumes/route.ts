import { createVolumeSchema } from '@/lib/protocol/volumes';
import { engineOf, jsonBody, route } from '@/server/route-kit';

/** GET: every volume with the containers using it; POST: `docker volume create`. */
export const GET = route(async (req) => engineOf(req).volumes.list());
export const POST = route(async (req) => engineOf(req).volumes.create(await jsonBody(req, createVolumeSchema)));
