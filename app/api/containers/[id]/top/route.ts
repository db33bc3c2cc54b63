import { containerRefSchema } from '@/lib/protocol/ids';
import { listContainerProcesses } from '@/server/next-entry';
import { parseOr400, route, type IdParams } from '@/server/route-kit';

export const GET = route(async (_req, { params }: IdParams) => listContainerProcesses(parseOr400(containerRefSchema, (await params).id)));
