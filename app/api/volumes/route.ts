import { createVolumeSchema } from '@/lib/protocol/volumes';
import { volumesApi } from '@/server/next-entry';
import { jsonBody, route } from '@/server/route-kit';

/** GET: every volume with the containers using it; POST: `docker volume create`. */
export const GET = route(async () => volumesApi().list());
export const POST = route(async (req) => volumesApi().create(await jsonBody(req, createVolumeSchema)));
