import { containerRefSchema } from '@/lib/protocol/ids';
import { containerSizes } from '@/server/next-entry';
import { parseOr400, route, type IdParams } from '@/server/route-kit';

export const GET = route(async (_req, { params }: IdParams) => containerSizes(parseOr400(containerRefSchema, (await params).id)));
