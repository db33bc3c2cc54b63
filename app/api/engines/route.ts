import { addEngineRequestSchema } from '@/lib/protocol/engine-address';
import type { EngineInfo } from '@/lib/protocol/engines';
import { addEngine, auditSummaryOf, engineStatuses } from '@/server/next-entry';
import { jsonBody, noteAuditResult, route } from '@/server/route-kit';

/**
 * GET: every engine Dockside knows (the default one first), with where it comes from and its last
 * known status and round-trip time — at once: engines are checked in the background and what a
 * check finds reaches open tabs on the `engines` channel, so one hung engine never holds the list.
 */
export const GET = route(async (): Promise<EngineInfo[]> => engineStatuses().list());

/**
 * POST {name, address, tls?, acceptInsecure?, saveAnyway?}: adds an engine after it answered
 * (`/_ping`, `/version`), or stored anyway when asked. 409 for a name in use, 400 for plain TCP to
 * another machine without the risk accepted, 503 when it does not answer.
 */
export const POST = route(async (req) => {
  const body = await jsonBody(req, addEngineRequestSchema);
  // The audit entry gets this summary instead of the body: no PEM text, not even the public parts.
  noteAuditResult(req, auditSummaryOf(body.name, body));
  const saved = await addEngine(body);
  noteAuditResult(req, auditSummaryOf(body.name, body, saved));
  return saved;
});
