import { containerRefSchema } from '@/lib/protocol/ids';
import { commitBodySchema } from '@/lib/protocol/images';
import { engineOf, jsonBody, parseOr400, route, type IdParams } from '@/server/route-kit';

/** POST {target?, message?, author?, pause?, changes?}: `docker commit`. */
export const POST = route(async (req, { params }: IdParams) => {
  const id = parseOr400(containerRefSchema, (await params).id);
  return engineOf(req).images.commit(id, await jsonBody(req, commitBodySchema));
});
