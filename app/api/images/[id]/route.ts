import { imageIdParamSchema, removeImageQuerySchema } from '@/lib/protocol/images';
import { engineOf, parseOr400, queryOf, route, type IdParams } from '@/server/route-kit';

// GET (the detail: inspect + history + layers + sharing + containers) is answered by the custom
// server before Next: server/http/image-detail-route.ts.

/** DELETE: `docker rmi` of the image, or of one of its tags (`?tag=repo:tag`); `?force=1`. */
export const DELETE = route(async (req, { params }: IdParams) => {
  const id = parseOr400(imageIdParamSchema, (await params).id);
  const { force, tag } = parseOr400(removeImageQuerySchema, queryOf(req));
  const api = engineOf(req).images;
  return api.remove(await api.removalTarget(id, tag), { force });
});
