import { connectNetworkSchema, networkRefSchema } from '@/lib/protocol/networks';
import { engineOf, jsonBody, parseOr400, route, type IdParams } from '@/server/route-kit';

/** POST {container, aliases?, ipv4?}: `docker network connect`. */
export const POST = route(async (req, { params }: IdParams) => {
  const id = parseOr400(networkRefSchema, (await params).id);
  await engineOf(req).networks.connect(id, await jsonBody(req, connectNetworkSchema));
});
