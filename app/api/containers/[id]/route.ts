import { removeContainerQuerySchema } from '@/lib/protocol/containers';
import { containerRefSchema } from '@/lib/protocol/ids';
import { inspectContainer, removeContainer } from '@/server/next-entry';
import { parseOr400, queryOf, route, type IdParams } from '@/server/route-kit';

export const GET = route(async (_req, { params }: IdParams) => inspectContainer(parseOr400(containerRefSchema, (await params).id)));

export const DELETE = route(async (req, { params }: IdParams) => {
  const id = parseOr400(containerRefSchema, (await params).id);
  await removeContainer(id, parseOr400(removeContainerQuerySchema, queryOf(req)));
});
