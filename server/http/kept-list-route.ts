import type http from 'node:http';
import type { z } from '../../lib/protocol/z';
import type { Engine } from '../engine';
import type { EngineHubs } from '../hub/engine-hubs';
import type { KeptList } from '../hub/kept-list';
import { describeZodError } from '../validation';
import { sendApiError, sendEngineFailure, sendJsonBytes } from './respond';

/** The few query strings the UI sends, validated once (bounded: other strings are just not kept). */
const MAX_PARSED_QUERIES = 16;

export interface KeptListRoute<Q extends { engine?: string }> {
  /** The route's query (with `engine`), validated by zod before anything else. */
  schema: z.ZodType<Q>;
  /** The engine's kept list for this query, or null when the query is one the kept list does not answer. */
  kept(hubs: EngineHubs, query: Q): KeptList | null;
  /** Everything else goes to the engine. */
  direct(engine: Engine, query: Q): Promise<unknown>;
}

/**
 * A list route answered by the custom server before Next (`GET /api/containers`, `GET /api/images`):
 * they are the calls every tab makes after every burst of engine events, and Next's routing alone
 * costs several times what the engine takes to answer (BENCHMARKS.md, figures 1 and 8). The common
 * form comes from the engine's event-coherent kept list while its hub runs (someone watches that
 * engine; the default engine's always runs); other forms, or an unwatched engine, go to the engine.
 * The request has already passed the gate (Host, auth).
 */
export function keptListRoute<Q extends { engine?: string }>(route: KeptListRoute<Q>) {
  const parsedQueries = new Map<string, ReturnType<typeof route.schema.safeParse>>();
  const parse = (target: string) => {
    let parsed = parsedQueries.get(target);
    if (!parsed) {
      parsed = route.schema.safeParse(Object.fromEntries(new URL(target, 'http://dockside').searchParams));
      if (parsedQueries.size < MAX_PARSED_QUERIES) parsedQueries.set(target, parsed);
    }
    return parsed;
  };

  return function serve(req: http.IncomingMessage, target: string, res: http.ServerResponse, hubs: EngineHubs): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendApiError(res, 405, { code: 'bad_request', message: `${req.method} is not supported here; use GET.` });
    }
    const parsed = parse(target);
    if (!parsed.success) return sendApiError(res, 400, { code: 'bad_request', message: describeZodError(parsed.error) });
    const query = parsed.data;
    const cache = route.kept(hubs, query);
    const kept = cache?.peek();
    if (kept) return sendJsonBytes(res, 200, kept);
    let body: Promise<Buffer>;
    try {
      body = cache ? cache.get() : route.direct(hubs.engine(query.engine), query).then((v) => Buffer.from(JSON.stringify(v)));
    } catch (err) {
      return sendEngineFailure(res, err); // No such engine.
    }
    body.then(
      (bytes) => sendJsonBytes(res, 200, bytes),
      (err: unknown) => sendEngineFailure(res, err),
    );
  };
}
