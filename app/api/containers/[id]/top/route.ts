import { containerRefSchema } from '@/lib/protocol/ids';
import { engineOf, parseOr400, route, type IdParams } from '@/server/route-kit';

export const GET = route(async (req, { params }: IdParams) => engineOf(req).containers.processes(parseOr400(containerRefSchema, (await params).id)));
