import { z } from 'zod';
import { digestSchema, registryIdSchema, repoNameSchema } from '@/lib/protocol/registries';
import { callRegistry } from '@/server/transfers/next-facade';
import { parseOr400, queryOf, route, type IdParams } from '@/server/route-kit';

const query = z.object({ repo: repoNameSchema, digest: digestSchema });

/** GET ?repo&digest: every tag of the repository that points at the digest (what a delete takes with it). */
export const GET = route(async (req, { params }: IdParams) => {
  const id = parseOr400(registryIdSchema, (await params).id);
  const q = parseOr400(query, queryOf(req));
  return callRegistry(id, (client) => client.tagsForDigest(q.repo, q.digest));
});
