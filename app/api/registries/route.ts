import { addRegistrySchema } from '@/lib/protocol/registries';
import { listRegistries, loginRegistry } from '@/server/transfers/next-facade';
import { engineOf, jsonBody, route } from '@/server/route-kit';

/** GET: Docker Hub and every stored registry (ids, addresses, user names: never a password). */
export const GET = route(async () => listRegistries());

/** POST {address, username, password}: verified through the engine's /auth, then stored 0600. */
export const POST = route(async (req) => loginRegistry(await jsonBody(req, addRegistrySchema), engineOf(req).transfers));
