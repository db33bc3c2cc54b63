import { listContainersQuerySchema } from '@/lib/protocol/containers';
import { listContainers } from '@/server/next-entry';
import { parseOr400, queryOf, route } from '@/server/route-kit';

export const GET = route(async (req) => listContainers(parseOr400(listContainersQuerySchema, queryOf(req))));
