import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { audit, AUDIT_ID_HEADER, summariseForAudit, takeAuditDetail } from './audit';

const MAX_TARGET = 128;

/** `/api/<collection>/<target>/…`: the second segment names what was acted on. */
function targetOf(pathname: string): string | undefined {
  const seg = pathname.split('/')[3];
  if (!seg) return undefined;
  let decoded = seg;
  try {
    decoded = decodeURIComponent(seg);
  } catch {
    // Keep it encoded: it is only a note.
  }
  return decoded.length > MAX_TARGET ? `${decoded.slice(0, MAX_TARGET)}…` : decoded;
}

export interface AuditedRequest {
  /** The server is done with the request (answered, failed or refused), whether or not the client stayed. */
  settled(): void;
}

const NOT_AUDITED: AuditedRequest = { settled: () => undefined };

/**
 * Writes an audit entry for every non-GET/HEAD request to /api when its response finishes, refused
 * ones included. Call before the gate answers, and before credentials are stripped (`who` is taken
 * now). Route handlers add a body summary via `noteAuditDetail` and their status via
 * `noteAuditOutcome`.
 *
 * A client that goes away mid-request (tab closed during a slow stop) does not cancel the change:
 * the engine call runs on. The entry then waits until the server has `settled()` the request and
 * records how it really ended, marked `clientGone`, so the user finds the result when they return.
 */
export function auditMutations(req: IncomingMessage, res: ServerResponse, who: () => string): AuditedRequest {
  // Only a client could have put it there. (Deleting an absent key would still cost every request.)
  if (req.headers[AUDIT_ID_HEADER] !== undefined) delete req.headers[AUDIT_ID_HEADER];
  const method = (req.method ?? 'GET').toUpperCase();
  const target = req.url ?? '';
  if (method === 'GET' || method === 'HEAD' || !target.startsWith('/api/')) return NOT_AUDITED;
  let url: URL;
  try {
    url = new URL(target, 'http://x');
  } catch {
    return NOT_AUDITED;
  }
  const id = crypto.randomUUID();
  req.headers[AUDIT_ID_HEADER] = id;
  const actor = who();
  const remote = req.socket.remoteAddress ?? 'unknown';
  const query = url.searchParams.size ? summariseForAudit(Object.fromEntries(url.searchParams)) : undefined;
  let written = false;
  let settled = false;
  let clientGone = false;
  /** The client left while a (streamed) answer was being sent: whatever it carried was cut short. */
  let cutMidAnswer = false;
  const write = () => {
    if (written) return;
    written = true;
    const note = takeAuditDetail(id);
    const detail = query || note?.detail !== undefined ? { ...(query ? { query } : {}), ...(note?.detail !== undefined ? { body: note.detail } : {}) } : undefined;
    // Without an answer sent, only the handler knows the result; none noted means it never ran to the end.
    const status = clientGone ? (note?.status ?? 0) : res.statusCode;
    audit({
      who: actor,
      remote,
      method,
      route: url.pathname.slice(0, 300),
      target: targetOf(url.pathname),
      action: note?.action,
      detail,
      status,
      ...(cutMidAnswer ? { outcome: 'aborted' as const } : {}),
      ...(clientGone ? { clientGone: true } : {}),
    });
  };
  res.once('finish', write);
  res.once('close', () => {
    if (res.writableFinished) return write();
    clientGone = true;
    cutMidAnswer = res.headersSent;
    if (settled) write();
  });
  return {
    settled: () => {
      settled = true;
      if (clientGone) write();
    },
  };
}
