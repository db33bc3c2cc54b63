import { createNetworkSchema } from '@/lib/protocol/networks';
import { networksApi } from '@/server/next-entry';
import { jsonBody, route } from '@/server/route-kit';

/** GET: every network with subnets and attached containers; POST: create a bridge network. */
export const GET = route(async () => networksApi().list());
export const POST = route(async (req) => networksApi().create(await jsonBody(req, createNetworkSchema)));
