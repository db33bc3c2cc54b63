import { containerRefSchema } from '@/lib/protocol/ids';
import { engineOf, parseOr400, route, type IdParams } from '@/server/route-kit';

/** GET: `docker diff` and the read-write layer's size. On demand only: the engine walks two filesystems. */
export const GET = route(async (req, { params }: IdParams) => engineOf(req).images.changes(parseOr400(containerRefSchema, (await params).id)));
