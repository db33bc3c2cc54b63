import type http from 'node:http';
import { engineQuerySchema } from '../../lib/protocol/engines';
import { imageIdParamSchema } from '../../lib/protocol/images';
import type { ContainerSummary } from '../../lib/protocol/containers';
import type { ImageList } from '../../lib/protocol/images';
import type { KnownLists } from '../engine/api/images';
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
    const engine = hubs.engine(query.data.engine);
    detail = knownLists(hubs, query.data.engine).then((known) => engine.images.inspect(id.data, known));
  } catch (err) {
    return sendEngineFailure(res, err); // No such engine.
  }
  detail.then(
    (d) => sendJsonBytes(res, 200, Buffer.from(JSON.stringify(d))),
    (err: unknown) => sendEngineFailure(res, err),
  );
}

/**
 * The image and container lists the engine's hub keeps between events, when someone is watching the
 * engine (else none: the detail reads them itself). Coherent with the engine's events, so a detail
 * opened right after a build or a commit sees the new image; one the lists do not have yet is read afresh.
 */
async function knownLists(hubs: EngineHubs, engine: string | undefined): Promise<KnownLists | undefined> {
  const hub = hubs.peek(engine);
  if (!hub) return undefined;
  try {
    const [images, containers] = await Promise.all([hub.images.list(false).get(), hub.list.get()]);
    return { images: (JSON.parse(images.toString()) as ImageList).images, containers: JSON.parse(containers.toString()) as ContainerSummary[] };
  } catch {
    return undefined; // the detail's own reads then say what is wrong, in their words
  }
}
