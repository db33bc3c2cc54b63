import { createNetworkSchema } from '@/lib/protocol/networks';
import { engineOf, jsonBody, route } from '@/server/route-kit';

/** GET: every network with subnets and attached containers; POST: create a bridge network. */
export const GET = route(async (req) => engineOf(req).networks.list());
export const POST = route(async (req) => engineOf(req).networks.create(await jsonBody(req, createNetworkSchema)));
