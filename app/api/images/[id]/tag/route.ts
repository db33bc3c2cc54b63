import { imageIdParamSchema, tagImageBodySchema } from '@/lib/protocol/images';
import { engineOf, jsonBody, parseOr400, route, type IdParams } from '@/server/route-kit';

/** POST {target: "repo[:tag]"}: `docker tag`. */
export const POST = route(async (req, { params }: IdParams) => {
  const id = parseOr400(imageIdParamSchema, (await params).id);
  await engineOf(req).images.tag(id, (await jsonBody(req, tagImageBodySchema)).target);
});
