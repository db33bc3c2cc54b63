import { ENGINE_EVENTS_MAX, engineEventsQuerySchema } from '@/lib/protocol/engine-info';
import { engineOf, parseOr400, queryOf, route } from '@/server/route-kit';

/** A past window of engine events (`?since=…&until=…&type=…&limit=…`), bounded in count and time. */
export const GET = route(async (req) => {
  const { engine: _engine, ...query } = queryOf(req);
  const q = parseOr400(engineEventsQuerySchema, query);
  return engineOf(req).events.window({ since: q.since, until: q.until, type: q.type, limit: q.limit ?? ENGINE_EVENTS_MAX });
});
