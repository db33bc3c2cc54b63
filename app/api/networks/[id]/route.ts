import { networkRefSchema } from '@/lib/protocol/networks';
import { engineOf, parseOr400, route, type IdParams } from '@/server/route-kit';

export const GET = route(async (req, { params }: IdParams) => engineOf(req).networks.inspect(parseOr400(networkRefSchema, (await params).id)));
/** DELETE: refused for bridge/host/none (403) and while containers are attached (409). */
export const DELETE = route(async (req, { params }: IdParams) => {
  await engineOf(req).networks.remove(parseOr400(networkRefSchema, (await params).id));
});
