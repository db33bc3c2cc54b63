import { containerRefSchema } from '@/lib/protocol/ids';
import { runApi } from '@/server/next-entry';
import { parseOr400, route, type IdParams } from '@/server/route-kit';

/** GET: the run spec that would make this container again (only what differs from its image). */
export const GET = route(async (_req, { params }: IdParams) => runApi().specOf(parseOr400(containerRefSchema, (await params).id)));
