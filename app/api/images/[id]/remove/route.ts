import { imageIdParamSchema, removeImageQuerySchema } from '@/lib/protocol/images';
import { engineOf, parseOr400, queryOf, route, type IdParams } from '@/server/route-kit';

/** GET: what `docker rmi` of the image (or `?tag=`) would do — untag, delete N layers freeing X, or refused (and with force). */
export const GET = route(async (req, { params }: IdParams) => {
  const id = parseOr400(imageIdParamSchema, (await params).id);
  const { tag } = parseOr400(removeImageQuerySchema, queryOf(req));
  const api = engineOf(req).images;
  return api.previewRemove(await api.removalTarget(id, tag));
});
