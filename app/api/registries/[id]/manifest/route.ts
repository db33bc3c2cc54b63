import { z } from 'zod';
import { digestSchema, registryIdSchema, repoNameSchema, tagNameSchema } from '@/lib/protocol/registries';
import { callRegistry } from '@/server/transfers/next-facade';
import { parseOr400, queryOf, route, type IdParams } from '@/server/route-kit';

const manifestQuery = z.object({ repo: repoNameSchema, ref: z.union([digestSchema, tagNameSchema]) });
const deleteQuery = z.object({ repo: repoNameSchema, digest: digestSchema });

/** GET ?repo&ref: the manifest of a tag or digest (digest, media type, platforms or layers, config). */
export const GET = route(async (req, { params }: IdParams) => {
  const id = parseOr400(registryIdSchema, (await params).id);
  const q = parseOr400(manifestQuery, queryOf(req));
  return callRegistry(id, (client) => client.manifest(q.repo, q.ref));
});

/**
 * DELETE ?repo&digest: the registry deletes the manifest, so every tag pointing at it goes; the
 * space comes back only after the registry's garbage collection.
 */
export const DELETE = route(async (req, { params }: IdParams) => {
  const id = parseOr400(registryIdSchema, (await params).id);
  const q = parseOr400(deleteQuery, queryOf(req));
  await callRegistry(id, (client) => client.deleteManifest(q.repo, q.digest));
});
