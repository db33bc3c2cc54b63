import { imageIdParamSchema, removeImageQuerySchema } from '@/lib/protocol/images';
import { engineOf, parseOr400, queryOf, route, type IdParams } from '@/server/route-kit';

/**
 * GET: inspect + history + layers + sharing + containers. The custom server answers id-shaped
 * requests before Next (server/http/image-detail-route.ts); what reaches here gets the same answer
 * (a malformed id: 400).
 */
export const GET = route(async (req, { params }: IdParams) => engineOf(req).images.inspect(parseOr400(imageIdParamSchema, (await params).id)));

/** DELETE: `docker rmi` of the image, or of one of its tags (`?tag=repo:tag`); `?force=1`. */
export const DELETE = route(async (req, { params }: IdParams) => {
  const id = parseOr400(imageIdParamSchema, (await params).id);
  const { force, tag } = parseOr400(removeImageQuerySchema, queryOf(req));
  const api = engineOf(req).images;
  return api.remove(await api.removalTarget(id, tag), { force });
});
