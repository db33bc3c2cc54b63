import { volumeNameSchema } from '@/lib/protocol/volumes';
import { engineOf, parseOr400, route } from '@/server/route-kit';

type Params = { params: Promise<{ name: string }> };

export const GET = route(async (req, { params }: Params) => engineOf(req).volumes.inspect(parseOr400(volumeNameSchema, (await params).name)));
/** DELETE: refused (409, naming them) while containers use it. */
export const DELETE = route(async (req, { params }: Params) => {
  await engineOf(req).volumes.remove(parseOr400(volumeNameSchema, (await params).name));
});
