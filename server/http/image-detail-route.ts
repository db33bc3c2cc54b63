import type http from 'node:http';
import { engineQuerySchema } from '../../lib/protocol/engines';
import { imageIdParamSchema } from '../../lib/protocol/images';
import type { EngineHubs } from '../hub/engine-hubs';
import { describeZodError } from '../validation';
import { sendApiError, sendEngineFailure, sendJsonBytes } from './respond';

/**
 * Only id-shaped segments: `/api/images/layers`, `/api/images/get` (save) and whatever else lives
 * beside the ids go on to their own routes; a malformed id goes to Next, which has no GET for it.
 */
const DETAIL_PATH = /^\/api\/images\/((?:sha256(?::|%3[Aa]))?[a-f0-9]{12,64})(?:\?.*)?$/;

/** `GET /api/images/<id>` (the image detail). */
export function isImageDetailRequest(req: http.IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false; // DELETE (rmi) goes through Next, with its audit
  return DETAIL_PATH.test(req.url ?? '');
}

/**
 * `GET /api/images/<id>[?engine=<name>]`: inspect + history + layers with what shares them + what
 * removing it frees + the containers using it (`ImagesApi.inspect`), answered by the custom server
 * before Next: the engine's part is a few parallel reads, and Next's routing cost several times
 * that on a loaded machine (BENCHMARKS.md, figure 13). The request has already passed the gate.
 */
export function serveImageDetail(req: http.IncomingMessage, res: http.ServerResponse, hubs: EngineHubs): void {
  const url = new URL(req.url ?? '/', 'http://dockside');
  const id = imageIdParamSchema.safeParse(decodeURIComponent(DETAIL_PATH.exec(url.pathname)?.[1] ?? ''));
  if (!id.success) return sendApiError(res, 400, { code: 'bad_request', message: describeZodError(id.error) });
  const query = engineQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) return sendApiError(res, 400, { code: 'bad_request', message: describeZodError(query.error) });
  let detail: Promise<unknown>;
  try {
    detail = hubs.engine(query.data.engine).images.inspect(id.data);
  } catch (err) {
    return sendEngineFailure(res, err); // No such engine.
  }
  detail.then(
    (d) => sendJsonBytes(res, 200, Buffer.from(JSON.stringify(d))),
    (err: unknown) => sendEngineFailure(res, err),
  );
}
