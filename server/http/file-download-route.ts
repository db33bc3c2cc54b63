import type http from 'node:http';
import { engineQuerySchema } from '../../lib/protocol/engines';
import { pipeBulk } from '../engine';
import { containerRefSchema } from '../../lib/protocol/ids';
import { downloadQuerySchema } from '../../lib/protocol/images';
import type { EngineHubs } from '../hub/engine-hubs';
import { describeZodError } from '../validation';
import { sendApiError, sendEngineFailure } from './respond';

const DOWNLOAD_PATH = /^\/api\/containers\/([^/?]+)\/files\/download\/?(?:\?.*)?$/;

/** `GET /api/containers/<ref>/files/download?path=…` (the Files tab's download). */
export function isFileDownloadRequest(req: http.IncomingMessage): boolean {
  return DOWNLOAD_PATH.test(req.url ?? '');
}

/** The attachment's name: the path's last segment, as a tar. */
function tarName(path: string): string {
  const base = path === '/' ? 'root' : path.slice(path.lastIndexOf('/') + 1);
  return `${base.replace(/[^\w.-]+/g, '_') || 'file'}.tar`;
}

/**
 * The engine's tar of a container path piped straight to the response, by the custom server: through
 * Next's web-stream response a 1 GiB file went at a quarter of `docker cp`'s rate (BENCHMARKS.md,
 * figure 15); here memory stays flat and the rate is the engine's. The request has passed the gate
 * (read-only mode refuses it there: it exports data) and had its security headers set.
 */
export async function serveFileDownload(req: http.IncomingMessage, res: http.ServerResponse, hubs: EngineHubs): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendApiError(res, 405, { code: 'bad_request', message: `${req.method} is not supported here; use GET.` });
  }
  const url = new URL(req.url ?? '/', 'http://dockside');
  const ref = containerRefSchema.safeParse(decodeURIComponent(DOWNLOAD_PATH.exec(url.pathname)?.[1] ?? ''));
  const query = downloadQuerySchema.extend(engineQuerySchema.shape).safeParse(Object.fromEntries(url.searchParams));
  if (!ref.success) return sendApiError(res, 400, { code: 'bad_request', message: describeZodError(ref.error) });
  if (!query.success) return sendApiError(res, 400, { code: 'bad_request', message: describeZodError(query.error) });
  const gone = new AbortController();
  res.once('close', () => res.writableFinished || gone.abort());
  let tar;
  try {
    tar = await hubs.engine(query.data.engine).images.download(ref.data, query.data.path, gone.signal);
  } catch (err) {
    return sendEngineFailure(res, err);
  }
  res.writeHead(200, {
    'Content-Type': 'application/x-tar',
    'Content-Disposition': `attachment; filename="${tarName(query.data.path)}"`,
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') {
    tar.destroy();
    return void res.end();
  }
  // A failure half-way ends the response early (the browser marks the download failed); nothing is left open.
  // pipeBulk: the engine's read buffers are reused once each chunk is written (bulk-http.ts, figure 15).
  pipeBulk(tar, res, () => undefined);
}
