import { containerRefSchema } from '@/lib/protocol/ids';
import { imagesApi } from '@/server/next-entry';
import { parseOr400, route, type IdParams } from '@/server/route-kit';

/** GET: `docker diff` and the read-write layer's size. On demand only: the engine walks two filesystems. */
export const GET = route(async (_req, { params }: IdParams) => imagesApi().changes(parseOr400(containerRefSchema, (await params).id)));
