import { pageQuerySchema, registryIdSchema } from '@/lib/protocol/registries';
import { callRegistry, EngineError } from '@/server/transfers/next-facade';
import { parseOr400, queryOf, route, type IdParams } from '@/server/route-kit';

/** GET ?n&last: one page of the registry's repositories. */
export const GET = route(async (req, { params }: IdParams) => {
  const id = parseOr400(registryIdSchema, (await params).id);
  const q = parseOr400(pageQuerySchema, queryOf(req));
  return callRegistry(id, async (client, summary) => {
    if (!summary.catalog) throw new EngineError('bad_request', 'Docker Hub has no catalog: type a repository name (like library/busybox) to see its tags.');
    return client.catalog(q.n, q.last);
  });
});
