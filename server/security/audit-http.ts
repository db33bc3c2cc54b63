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

/**
 * Writes an audit entry for every non-GET/HEAD request to /api when its response finishes (or the
 * client goes away), refused ones included. Call before the gate answers, and before credentials
 * are stripped (`who` is taken now). Route handlers add a body summary via `noteAuditDetail`.
 */
export function auditMutations(req: IncomingMessage, res: ServerResponse, who: () => string): void {
  delete req.headers[AUDIT_ID_HEADER];
  const method = (req.method ?? 'GET').toUpperCase();
  const target = req.url ?? '';
  if (method === 'GET' || method === 'HEAD' || !target.startsWith('/api/')) return;
  let url: URL;
  try {
    url = new URL(target, 'http://x');
  } catch {
    return;
  }
  const id = crypto.randomUUID();
  req.headers[AUDIT_ID_HEADER] = id;
  const actor = who();
  const remote = req.socket.remoteAddress ?? 'unknown';
  const query = url.searchParams.size ? summariseForAudit(Object.fromEntries(url.searchParams)) : undefined;
  let written = false;
  const write = (status: number) => {
    if (written) return;
    written = true;
    const note = takeAuditDetail(id);
    const detail = query || note?.detail !== undefined ? { ...(query ? { query } : {}), ...(note?.detail !== undefined ? { body: note.detail } : {}) } : undefined;
    audit({ who: actor, remote, method, route: url.pathname.slice(0, 300), target: targetOf(url.pathname), action: note?.action, detail, status });
  };
  res.once('finish', () => write(res.statusCode));
  res.once('close', () => write(res.writableFinished ? res.statusCode : 0));
}
