import { disconnectNetworkSchema, networkRefSchema } from '@/lib/protocol/networks';
import { networksApi } from '@/server/next-entry';
import { jsonBody, parseOr400, route, type IdParams } from '@/server/route-kit';

/** POST {container, force?}: `docker network disconnect`. */
export const POST = route(async (req, { params }: IdParams) => {
  const id = parseOr400(networkRefSchema, (await params).id);
  await networksApi().disconnect(id, await jsonBody(req, disconnectNetworkSchema));
});
