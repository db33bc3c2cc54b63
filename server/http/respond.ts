import type http from 'node:http';
import { httpStatusForCode, type ApiError } from '../../lib/protocol/errors';
import { toEngineError } from '../engine/errors';
import { API_SECURITY_HEADERS } from '../security/headers';

// Responses for the few routes the custom server answers itself, shaped exactly as the Next
// route handlers' (`server/route-kit.ts`): JSON, never cached, errors as `{code, message}`.

const JSON_HEADERS = [...API_SECURITY_HEADERS, 'Content-Type', 'application/json', 'Cache-Control', 'no-store'];

/** The whole header block in one `writeHead`: these routes run before `applySecurityHeaders`. */
export function sendJsonBytes(res: http.ServerResponse, status: number, body: Buffer): void {
  res.writeHead(status, [...JSON_HEADERS, 'Content-Length', String(body.byteLength)]);
  res.end(body);
}

export function sendApiError(res: http.ServerResponse, status: number, error: ApiError): void {
  sendJsonBytes(res, status, Buffer.from(JSON.stringify(error)));
}

/** Engine failures keep the engine's own words and the status the route handlers would give. */
export function sendEngineFailure(res: http.ServerResponse, err: unknown): void {
  const e = toEngineError(err);
  sendApiError(res, httpStatusForCode[e.code], e.toJSON());
}
