import 'server-only';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { ENGINE_QUERY_PARAM, engineNameSchema } from '../lib/protocol/engines';
import { httpStatusForCode, type ApiError } from '../lib/protocol/errors';
import { EngineError, getEngine, type Engine } from './engine';
import { AUDIT_ID_HEADER, noteAuditDetail, noteAuditOutcome } from './security/audit';
import { describeZodError } from './validation';

export const MAX_JSON_BODY = 64 * 1024;

class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(body.message);
  }
}

export function parseOr400<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new RequestError(400, { code: 'bad_request', message: describeZodError(r.error) });
  return r.data;
}

/** Reads a JSON body with a hard size cap (413), then validates it (400). */
export async function jsonBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  const declared = Number(req.headers.get('content-length') ?? 0);
  const tooLarge = new RequestError(413, { code: 'payload_too_large', message: `Request body over ${MAX_JSON_BODY / 1024} KiB.` });
  if (declared > MAX_JSON_BODY) throw tooLarge;
  if (!req.headers.get('content-type')?.startsWith('application/json')) {
    throw new RequestError(415, { code: 'bad_request', message: 'Send the body as application/json.' });
  }
  const text = await readCapped(req, MAX_JSON_BODY, tooLarge);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new RequestError(400, { code: 'bad_request', message: 'The body is not valid JSON.' });
  }
  const parsed = parseOr400(schema, data);
  // The audit entry for this request (written when the response finishes) gets a redacted summary.
  noteAuditDetail(req.headers.get(AUDIT_ID_HEADER), parsed);
  return parsed;
}

/** Reads the body but stops at `limit` bytes: a chunked body without Content-Length is capped too. */
async function readCapped(req: Request, limit: number, tooLarge: Error): Promise<string> {
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    // A client that closed mid-upload: nothing was done, and it is not a server fault worth logging.
    const { done, value } = await reader.read().catch(() => {
      throw new RequestError(400, { code: 'bad_request', message: 'The request body did not arrive whole: the connection closed.' });
    });
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Adds what a request without a body did (e.g. the names it removed) to its audit entry. */
export function noteAuditResult(req: Request, detail: unknown): void {
  noteAuditDetail(req.headers.get(AUDIT_ID_HEADER), detail);
}

export function queryOf(req: Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url).searchParams);
}

/**
 * The engine a request is for: `?engine=<name>` (validated: 400 if malformed, 404 if unknown), or
 * the default engine. Every engine route gets its engine here and nowhere else.
 */
export function engineOf(req: Request): Engine {
  const raw = new URL(req.url).searchParams.get(ENGINE_QUERY_PARAM);
  return getEngine(raw === null ? undefined : parseOr400(engineNameSchema, raw));
}

/** Wraps a handler: any EngineError or bad input becomes `{code, message}` with the right status. */
export function route<Ctx>(fn: (req: Request, ctx: Ctx) => Promise<unknown>) {
  const respond = async (req: Request, ctx: Ctx): Promise<Response> => {
    try {
      const result = await fn(req, ctx);
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? { ok: true }, { headers: { 'Cache-Control': 'no-store' } });
    } catch (err) {
      if (err instanceof RequestError) return NextResponse.json(err.body, { status: err.status });
      if (err instanceof EngineError) return NextResponse.json(err.toJSON(), { status: httpStatusForCode[err.code] });
      console.error('dockside: unexpected error in route', err);
      return NextResponse.json({ code: 'internal', message: 'Internal error.' } satisfies ApiError, { status: 500 });
    }
  };
  return async (req: Request, ctx: Ctx): Promise<Response> => {
    const response = await respond(req, ctx);
    // The audit entry records this even when the client is no longer there to receive it.
    noteAuditOutcome(req.headers.get(AUDIT_ID_HEADER), response.status);
    return response;
  };
}

/** Next passes dynamic params as a promise; this validates the container reference in one place. */
export type IdParams = { params: Promise<{ id: string }> };
