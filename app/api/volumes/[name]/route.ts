import { volumeNameSchema } from '@/lib/protocol/volumes';
import { volumesApi } from '@/server/next-entry';
import { parseOr400, route } from '@/server/route-kit';

type Params = { params: Promise<{ name: string }> };

export const GET = route(async (_req, { params }: Params) => volumesApi().inspect(parseOr400(volumeNameSchema, (await params).name)));
/** DELETE: refused (409, naming them) while containers use it. */
export const DELETE = route(async (_req, { params }: Params) => {
  await volumesApi().remove(parseOr400(volumeNameSchema, (await params).name));
});
