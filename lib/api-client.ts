import { apiPathForEngine } from './engine-scope';
import { errorCodes, type ApiError, type ErrorCode } from './protocol/error-codes';

/** A failed API call, with the server's code and a message meant for people. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    /** The form field the failure concerns, when the server says (e.g. the run form's `ports`). */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

/** The request failed because the engine does not answer (down, hung or gone), not because of what was asked. */
export const isEngineUnreachable = (err: unknown): boolean => err instanceof ApiRequestError && err.code === 'engine_unreachable';

export const CSRF_HEADER = 'x-dockside-csrf';

/**
 * fetch for our own API: JSON in and out, the anti-CSRF header on every call, errors as ApiRequestError.
 * Every call goes to the tab's current engine (`?engine=`, lib/engine-scope.ts) unless the path names one.
 */
export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = { [CSRF_HEADER]: '1', Accept: 'application/json' };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(apiPathForEngine(path), {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiRequestError(0, 'internal', 'Cannot reach the Dockside server. Is it still running?');
  }
  const text = await res.text();
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const body = data as Partial<ApiError> | undefined;
    const known = typeof body?.message === 'string' && (errorCodes as readonly string[]).includes(body.code ?? '');
    if (res.status === 401 && typeof window !== 'undefined' && !window.location.pathname.startsWith('/login')) {
      window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    }
    throw known
      ? new ApiRequestError(res.status, body!.code!, body!.message!, typeof (body as { field?: unknown }).field === 'string' ? (body as { field: string }).field : undefined)
      : new ApiRequestError(res.status, 'internal', `The server answered ${res.status} ${res.statusText}.`);
  }
  return data as T;
}
