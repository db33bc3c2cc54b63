import { containerRefSchema } from '@/lib/protocol/ids';
import { recreateRequestSchema } from '@/lib/protocol/run-spec';
import { runApi } from '@/server/next-entry';
import { jsonBody, parseOr400, route, type IdParams } from '@/server/route-kit';

/** POST {spec}: replace the container by one made from spec, in one server step that cannot lose it. */
export const POST = route(async (req, { params }: IdParams) => {
  const id = parseOr400(containerRefSchema, (await params).id);
  const { spec } = await jsonBody(req, recreateRequestSchema);
  return runApi().recreate(id, spec);
});
