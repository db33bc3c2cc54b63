import { containerActionSchema } from '@/lib/protocol/containers';
import { containerRefSchema } from '@/lib/protocol/ids';
import { engineOf, jsonBody, parseOr400, route, type IdParams } from '@/server/route-kit';

/** POST {action: 'start'|'stop'|'restart'|'kill'|'pause'|'unpause'|'rename', …}. */
export const POST = route(async (req, { params }: IdParams) => {
  const id = parseOr400(containerRefSchema, (await params).id);
  await engineOf(req).containers.runAction(id, await jsonBody(req, containerActionSchema));
});
