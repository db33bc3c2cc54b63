import { z } from 'zod';
import { volumeNameSchema, volumePathSchema } from '@/lib/protocol/volumes';
import { engineOf, parseOr400, queryOf, route } from '@/server/route-kit';

type Params = { params: Promise<{ name: string }> };

/** GET ?path=/dir: the folder's entries, read through a short-lived read-only helper container. */
export const GET = route(async (req, { params }: Params) => {
  const name = parseOr400(volumeNameSchema, (await params).name);
  const { path } = parseOr400(z.object({ path: volumePathSchema }), queryOf(req));
  return engineOf(req).volumes.files.list(name, path);
});
