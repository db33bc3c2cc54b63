import { Readable, Transform } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { containerRefSchema } from '@/lib/protocol/ids';
import { containerPathQuerySchema, MAX_UPLOAD_BYTES, uploadQuerySchema } from '@/lib/protocol/images';
import { formatBytes } from '@/lib/format/bytes';
import { EngineError } from '@/server/engine/errors';
import { engineOf, noteAuditResult, parseOr400, queryOf, route, type IdParams } from '@/server/route-kit';

/** GET ?path=/dir: the directory's entries (type, size, mode, link target; symlinks never followed). */
export const GET = route(async (req, { params }: IdParams) => {
  const id = parseOr400(containerRefSchema, (await params).id);
  return engineOf(req).images.listDirectory(id, parseOr400(containerPathQuerySchema, queryOf(req)).path);
});

/** PUT ?path=/dir&name=file, body = the file's bytes (Content-Length required): put one file into the container. */
export const PUT = route(async (req, { params }: IdParams) => {
  const id = parseOr400(containerRefSchema, (await params).id);
  const { path, name } = parseOr400(uploadQuerySchema, queryOf(req));
  const size = Number(req.headers.get('content-length') ?? NaN);
  if (!Number.isSafeInteger(size) || size < 0) throw new EngineError('bad_request', 'Send the file with a Content-Length.');
  if (size > MAX_UPLOAD_BYTES) throw new EngineError('payload_too_large', `Uploads are at most ${formatBytes(MAX_UPLOAD_BYTES)}.`);
  noteAuditResult(req, { action: 'upload', path, name, size });
  let seen = 0;
  const capped = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length;
      cb(seen > size ? new Error('The body is longer than its Content-Length.') : null, chunk);
    },
  });
  const body = req.body ? Readable.fromWeb(req.body as unknown as NodeWebStream).pipe(capped) : Readable.from([]);
  await engineOf(req).images.upload(id, path, { name, size, body });
});
