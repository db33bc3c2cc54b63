import type http from 'node:http';
import type { ApiError } from '../../lib/protocol/errors';

/** The cap on a JSON request body, as the Next route handlers have it (`server/route-kit.ts`). */
export const MAX_JSON_BODY = 64 * 1024;

/** A request refused before the engine saw it: its status and `{code, message}`. */
export class RequestFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(body.message);
  }
}

/**
 * A JSON request body for the routes the custom server answers itself, with the route handlers'
 * rules and words: 415 unless sent as application/json, 413 over `limit` (declared, or counted as it
 * arrives when chunked), 400 if it is not JSON or the connection closed mid-body.
 */
export async function readJsonBody(req: http.IncomingMessage, limit = MAX_JSON_BODY): Promise<unknown> {
  const tooLarge = () => new RequestFailure(413, { code: 'payload_too_large', message: `Request body over ${limit / 1024} KiB.` });
  if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge();
  if (!req.headers['content-type']?.startsWith('application/json')) throw new RequestFailure(415, { code: 'bad_request', message: 'Send the body as application/json.' });
  const text = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (err: RequestFailure) => {
      req.off('data', onData).off('end', onEnd).off('error', onClosed).off('aborted', onClosed);
      // Not destroyed: the answer still goes out on this socket (with Connection: close), then it closes.
      req.pause();
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) stop(tooLarge());
      else chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks).toString('utf8'));
    const onClosed = () => stop(new RequestFailure(400, { code: 'bad_request', message: 'The request body did not arrive whole: the connection closed.' }));
    req.on('data', onData).once('end', onEnd).once('error', onClosed).once('aborted', onClosed);
  });
  try {
    return JSON.parse(text);
  } catch {
    throw new RequestFailure(400, { code: 'bad_request', message: 'The body is not valid JSON.' });
  }
}
