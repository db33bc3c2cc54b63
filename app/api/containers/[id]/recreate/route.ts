import { containerRefSchema } from '@/lib/protocol/ids';
import { recreateRequestSchema } from '@/lib/protocol/run-spec';
import { engineOf, jsonBody, parseOr400, route, type IdParams } from '@/server/route-kit';

/** POST {spec}: replace the container by one made from spec, in one server step that cannot lose it. */
export const POST = route(async (req, { params }: IdParams) => {
  const id = parseOr400(containerRefSchema, (await params).id);
  const { spec } = await jsonBody(req, recreateRequestSchema);
  return engineOf(req).run.recreate(id, spec);
});
