import { taskIdSchema } from '@/lib/protocol/tasks';
import { EngineError, taskManager } from '@/server/transfers/next-facade';
import { parseOr400, route, type IdParams } from '@/server/route-kit';

/** GET: one task with its (bounded) log. */
export const GET = route(async (_req, { params }: IdParams) => {
  const id = parseOr400(taskIdSchema, (await params).id);
  const t = taskManager().get(id);
  if (!t) throw new EngineError('not_found', 'No such task (finished tasks are kept for a while, then dropped).');
  return t;
});
