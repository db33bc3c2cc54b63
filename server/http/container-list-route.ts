import type http from 'node:http';
import { listContainersQuerySchema } from '../../lib/protocol/containers';
import { listContainers } from '../engine';
import type { ContainerListCache } from '../hub/container-list-cache';
import { describeZodError } from '../validation';
import { sendApiError, sendEngineFailure, sendJsonBytes } from './respond';

export const CONTAINER_LIST_PATH = '/api/containers';

type ListQueryResult = ReturnType<typeof listContainersQuerySchema.safeParse>;
/** The few query strings the UI sends, validated once (bounded: other strings are just not kept). */
const parsedQueries = new Map<string, ListQueryResult>();
const MAX_PARSED_QUERIES = 16;

function parseListQuery(target: string): ListQueryResult {
  let parsed = parsedQueries.get(target);
  if (!parsed) {
    parsed = listContainersQuerySchema.safeParse(Object.fromEntries(new URL(target, 'http://dockside').searchParams));
    if (parsedQueries.size < MAX_PARSED_QUERIES) parsedQueries.set(target, parsed);
  }
  return parsed;
}

/** What the cache keeps: `docker ps -a` (no sizes: those make the engine walk every layer). */
export async function readContainerListJson(): Promise<Buffer> {
  return Buffer.from(JSON.stringify(await listContainers({ all: true, size: false })));
}

/**
 * `GET /api/containers[?all=0|1&size=0|1]`, answered by the custom server before Next: it is the
 * call every tab makes after every burst of engine events, and Next's routing alone costs several
 * times what the engine takes to answer it (BENCHMARKS.md, figure 1). The common form comes from
 * the event-coherent `ContainerListCache`; sizes or running-only go to the engine each time.
 * The request has already passed the gate (Host, auth).
 */
export function serveContainerList(req: http.IncomingMessage, target: string, res: http.ServerResponse, cache: ContainerListCache): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendApiError(res, 405, { code: 'bad_request', message: `${req.method} is not supported here; use GET.` });
  }
  const parsed = parseListQuery(target);
  if (!parsed.success) return sendApiError(res, 400, { code: 'bad_request', message: describeZodError(parsed.error) });
  const query = parsed.data;
  const plain = query.all && !query.size;
  const kept = plain ? cache.peek() : null;
  if (kept) return sendJsonBytes(res, 200, kept);
  const body = plain ? cache.get() : listContainers(query).then((list) => Buffer.from(JSON.stringify(list)));
  body.then(
    (bytes) => sendJsonBytes(res, 200, bytes),
    (err: unknown) => sendEngineFailure(res, err),
  );
}
