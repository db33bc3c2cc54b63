import { httpStatusForCode, type ApiError, type ErrorCode } from '../../lib/protocol/errors';
import { engineClient } from './client';

/** An error with a code the UI can switch on and a message a person understands. */
export class EngineError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }

  get httpStatus(): number {
    return httpStatusForCode[this.code];
  }

  toJSON(): ApiError {
    return { code: this.code, message: this.message };
  }
}

interface DockerodeError {
  statusCode?: number;
  code?: string;
  json?: { message?: string } | null;
  reason?: string;
  message?: string;
}

const unreachableCodes: Record<string, string> = {
  ENOENT: 'the socket does not exist',
  ECONNREFUSED: 'the connection was refused',
  EACCES: 'permission denied on the socket',
  ECONNRESET: 'the engine closed the connection',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENOTFOUND: 'the host name does not resolve',
  EPIPE: 'the engine closed the connection',
};

export function describeUnreachable(err: unknown): string | null {
  const code = (err as DockerodeError | undefined)?.code;
  if (!code || !(code in unreachableCodes)) return null;
  return `Cannot reach the Docker engine at ${engineClient().endpoint.label}: ${unreachableCodes[code]} (${code}).`;
}

/** The engine's own message, without dockerode's "(HTTP code 404) no such container - " prefix. */
function engineMessage(err: DockerodeError): string {
  const raw = err.json?.message ?? err.message ?? 'Unknown engine error';
  return raw.replace(/^\(HTTP code \d+\)\s*[^-]*-\s*/, '').trim();
}

/** Maps anything dockerode throws to an EngineError with the right code. */
export function toEngineError(err: unknown, what?: string): EngineError {
  if (err instanceof EngineError) return err;
  const unreachable = describeUnreachable(err);
  if (unreachable) return new EngineError('engine_unreachable', unreachable);
  const e = (err ?? {}) as DockerodeError;
  const message = engineMessage(e);
  switch (e.statusCode) {
    case 304:
      return new EngineError('conflict', what ? `${what}: nothing to do (already in that state).` : 'Already in that state.');
    case 400:
      return new EngineError('bad_request', message);
    case 404:
      return new EngineError('not_found', message);
    case 409:
      return new EngineError('conflict', message);
    case undefined:
      return new EngineError('internal', message);
    default:
      return new EngineError('engine_error', message);
  }
}

/** Runs an engine call and rethrows its failure as an EngineError. */
export async function engineCall<T>(fn: () => Promise<T>, what?: string): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toEngineError(err, what);
  }
}

/**
 * Plain reads (list, inspect, top) take the engine milliseconds. Past this deadline it is hung
 * (a wedged dockerd does happen) or drowning, and a page must get an answer it can show rather
 * than "Loading…" for ever.
 */
const READ_DEADLINE_MS = Number(process.env.DOCKSIDE_ENGINE_READ_DEADLINE_MS) || 15_000;

/** Reads that make the engine walk every container's layers (`size=1`) may take minutes on a big host. */
export const SIZE_WALK_DEADLINE_MS = 120_000;

/** Like `engineCall`, for a read that gives up (and closes its connection) after a deadline. */
export async function engineRead<T>(fn: (abortSignal: AbortSignal) => Promise<T>, what?: string, deadlineMs = READ_DEADLINE_MS): Promise<T> {
  const deadline = AbortSignal.timeout(deadlineMs);
  try {
    return await fn(deadline);
  } catch (err) {
    if (!deadline.aborted) throw toEngineError(err, what);
    throw new EngineError(
      'engine_unreachable',
      `The Docker engine at ${engineClient().endpoint.label} did not answer within ${deadlineMs / 1000} s: it is hung or overloaded.`,
    );
  }
}
