import { networkRefSchema } from '@/lib/protocol/networks';
import { networksApi } from '@/server/next-entry';
import { parseOr400, route, type IdParams } from '@/server/route-kit';

export const GET = route(async (_req, { params }: IdParams) => networksApi().inspect(parseOr400(networkRefSchema, (await params).id)));
/** DELETE: refused for bridge/host/none (403) and while containers are attached (409). */
export const DELETE = route(async (_req, { params }: IdParams) => {
  await networksApi().remove(parseOr400(networkRefSchema, (await params).id));
});
