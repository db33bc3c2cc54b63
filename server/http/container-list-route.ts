import type http from 'node:http';
import { listContainersQuerySchema } from '../../lib/protocol/containers';
import { engineQuerySchema } from '../../lib/protocol/engines';
import type { EngineHubs } from '../hub/engine-hubs';
import { describeZodError } from '../validation';
import { sendApiError, sendEngineFailure, sendJsonBytes } from './respond';

export const CONTAINER_LIST_PATH = '/api/containers';

const listRouteQuerySchema = listContainersQuerySchema.extend(engineQuerySchema.shape);
type ListQueryResult = ReturnType<typeof listRouteQuerySchema.safeParse>;
/** The few query strings the UI sends, validated once (bounded: other strings are just not kept). */
const parsedQueries = new Map<string, ListQueryResult>();
const MAX_PARSED_QUERIES = 16;

function parseListQuery(target: string): ListQueryResult {
  let parsed = parsedQueries.get(target);
  if (!parsed) {
    parsed = listRouteQuerySchema.safeParse(Object.fromEntries(new URL(target, 'http://dockside').searchParams));
    if (parsedQueries.size < MAX_PARSED_QUERIES) parsedQueries.set(target, parsed);
  }
  return parsed;
}

/**
 * `GET /api/containers[?all=0|1&size=0|1&engine=<name>]`, answered by the custom server before Next: it is the
 * call every tab makes after every burst of engine events, and Next's routing alone costs several
 * times what the engine takes to answer it (BENCHMARKS.md, figure 1). The common form comes from
 * the engine's event-coherent `ContainerListCache` while its hub runs (someone watches that engine;
 * the default engine's always runs); sizes, running-only or an unwatched engine go to the engine.
 * The request has already passed the gate (Host, auth).
 */
export function serveContainerList(req: http.IncomingMessage, target: string, res: http.ServerResponse, hubs: EngineHubs): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendApiError(res, 405, { code: 'bad_request', message: `${req.method} is not supported here; use GET.` });
  }
  const parsed = parseListQuery(target);
  if (!parsed.success) return sendApiError(res, 400, { code: 'bad_request', message: describeZodError(parsed.error) });
  const { engine: name, ...query } = parsed.data;
  const cache = query.all && !query.size ? (hubs.peek(name)?.list ?? null) : null;
  const kept = cache?.peek();
  if (kept) return sendJsonBytes(res, 200, kept);
  let body: Promise<Buffer>;
  try {
    body = cache ? cache.get() : hubs.engine(name).containers.list(query).then((list) => Buffer.from(JSON.stringify(list)));
  } catch (err) {
    return sendEngineFailure(res, err); // No such engine.
  }
  body.then(
    (bytes) => sendJsonBytes(res, 200, bytes),
    (err: unknown) => sendEngineFailure(res, err),
  );
}
