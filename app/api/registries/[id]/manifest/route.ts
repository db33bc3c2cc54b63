import { z } from 'zod';
import { digestSchema, registryIdSchema, repoNameSchema, tagNameSchema } from '@/lib/protocol/registries';
import { clientFor, registryFailure } from '@/server/transfers/next-facade';
import { parseOr400, queryOf, route, type IdParams } from '@/server/route-kit';

const manifestQuery = z.object({ repo: repoNameSchema, ref: z.union([digestSchema, tagNameSchema]) });
const deleteQuery = z.object({ repo: repoNameSchema, digest: digestSchema });

/** GET ?repo&ref: the manifest of a tag or digest (digest, media type, platforms or layers, config). */
export const GET = route(async (req, { params }: IdParams) => {
  const id = parseOr400(registryIdSchema, (await params).id);
  const q = parseOr400(manifestQuery, queryOf(req));
  const { client } = await clientFor(id);
  return client.manifest(q.repo, q.ref).catch((err: unknown) => {
    throw registryFailure(err);
  });
});

/**
 * DELETE ?repo&digest: the registry deletes the manifest, so every tag pointing at it goes; the
 * space comes back only after the registry's garbage collection.
 */
export const DELETE = route(async (req, { params }: IdParams) => {
  const id = parseOr400(registryIdSchema, (await params).id);
  const q = parseOr400(deleteQuery, queryOf(req));
  const { client } = await clientFor(id);
  await client.deleteManifest(q.repo, q.digest).catch((err: unknown) => {
    throw registryFailure(err);
  });
});
