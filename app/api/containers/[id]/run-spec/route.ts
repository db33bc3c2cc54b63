import { containerRefSchema } from '@/lib/protocol/ids';
import { engineOf, parseOr400, route, type IdParams } from '@/server/route-kit';

/** GET: the run spec that would make this container again (only what differs from its image). */
export const GET = route(async (req, { params }: IdParams) => engineOf(req).run.specOf(parseOr400(containerRefSchema, (await params).id)));
