import { removeContainerQuerySchema } from '@/lib/protocol/containers';
import { containerRefSchema } from '@/lib/protocol/ids';
import { engineOf, parseOr400, queryOf, route, type IdParams } from '@/server/route-kit';

export const GET = route(async (req, { params }: IdParams) => engineOf(req).containers.inspect(parseOr400(containerRefSchema, (await params).id)));

export const DELETE = route(async (req, { params }: IdParams) => {
  const id = parseOr400(containerRefSchema, (await params).id);
  await engineOf(req).containers.remove(id, parseOr400(removeContainerQuerySchema, queryOf(req)));
});
