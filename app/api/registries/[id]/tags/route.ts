import { pageQuerySchema, registryIdSchema, repoNameSchema } from '@/lib/protocol/registries';
import { callRegistry } from '@/server/transfers/next-facade';
import { parseOr400, queryOf, route, type IdParams } from '@/server/route-kit';

/** GET ?repo&n&last: one page of a repository's tags. */
export const GET = route(async (req, { params }: IdParams) => {
  const id = parseOr400(registryIdSchema, (await params).id);
  const query = queryOf(req);
  const repo = parseOr400(repoNameSchema, query.repo);
  const q = parseOr400(pageQuerySchema, query);
  return callRegistry(id, (client) => client.tags(repo, q.n, q.last));
});
