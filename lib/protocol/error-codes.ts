// Zod-free on purpose: the browser's fetch wrapper needs the codes, not the schema library.

/** Machine-readable error codes. The UI switches on these, never on message text. */
export const errorCodes = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'engine_unreachable',
  'engine_error',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
}

export const httpStatusForCode: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  engine_unreachable: 503,
  engine_error: 502,
  internal: 500,
};
