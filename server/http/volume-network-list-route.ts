import type http from 'node:http';
import { engineQuerySchema } from '../../lib/protocol/engines';
import type { EngineHubs } from '../hub/engine-hubs';
import { describeZodError } from '../validation';
import { sendApiError, sendEngineFailure, sendJsonBytes } from './respond';

/** The list routes answered before Next, and the engine API each one reads. */
export const RESOURCE_LIST_PATHS = { '/api/volumes': 'volumes', '/api/networks': 'networks' } as const;
export type ResourceListPath = keyof typeof RESOURCE_LIST_PATHS;

/** `GET /api/volumes` or `/api/networks` (`?engine=`), the only forms answered here; POST (create) goes on to Next. */
export function resourceListPath(req: http.IncomingMessage): ResourceListPath | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  const pathname = (req.url ?? '').split('?')[0]!;
  return pathname in RESOURCE_LIST_PATHS ? (pathname as ResourceListPath) : null;
}

/**
 * The volume and network lists, answered by the custom server before Next, like the container list
 * (container-list-route.ts): Next's routing alone, and the container list read for "in use by",
 * cost several times what the engine takes to list them (BENCHMARKS.md, figure 17). While the
 * engine's hub runs, they come from lists kept between engine events (any event drops them, so
 * who uses what stays true); otherwise from the same engine calls as the route handlers
 * (`app/api/volumes`, `app/api/networks`), which still serve create. The request has already passed the gate.
 */
export function serveResourceList(req: http.IncomingMessage, path: ResourceListPath, res: http.ServerResponse, hubs: EngineHubs): void {
  const parsed = engineQuerySchema.safeParse(Object.fromEntries(new URL(req.url ?? '', 'http://dockside').searchParams));
  if (!parsed.success) return sendApiError(res, 400, { code: 'bad_request', message: describeZodError(parsed.error) });
  const volumes = RESOURCE_LIST_PATHS[path] === 'volumes';
  const hub = hubs.peek(parsed.data.engine);
  const cache = hub ? (volumes ? hub.volumeList : hub.networkList) : null;
  const kept = cache?.peek();
  if (kept) return sendJsonBytes(res, 200, kept);
  let body: Promise<Buffer>;
  try {
    if (cache) body = cache.get();
    else {
      const engine = hubs.engine(parsed.data.engine);
      body = (volumes ? engine.volumes.list() : engine.networks.list()).then((list) => Buffer.from(JSON.stringify(list)));
    }
  } catch (err) {
    return sendEngineFailure(res, err); // No such engine.
  }
  body.then(
    (bytes) => sendJsonBytes(res, 200, bytes),
    (err: unknown) => sendEngineFailure(res, err),
  );
}
