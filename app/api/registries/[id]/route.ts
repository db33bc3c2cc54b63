import { registryIdSchema } from '@/lib/protocol/registries';
import { logoutRegistry } from '@/server/transfers/next-facade';
import { parseOr400, route, type IdParams } from '@/server/route-kit';

/** DELETE: log out (the stored credentials are removed). */
export const DELETE = route(async (_req, { params }: IdParams) => {
  logoutRegistry(parseOr400(registryIdSchema, (await params).id));
});
