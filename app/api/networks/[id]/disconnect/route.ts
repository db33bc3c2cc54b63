import { disconnectNetworkSchema, networkRefSchema } from '@/lib/protocol/networks';
import { engineOf, jsonBody, parseOr400, route, type IdParams } from '@/server/route-kit';

/** POST {container, force?}: `docker network disconnect`. */
export const POST = route(async (req, { params }: IdParams) => {
  const id = parseOr400(networkRefSchema, (await params).id);
  await engineOf(req).networks.disconnect(id, await jsonBody(req, disconnectNetworkSchema));
});
