import { editEngineRequestSchema } from '@/lib/protocol/engine-address';
import { engineNameSchema } from '@/lib/protocol/engines';
import { auditSummaryOf, editEngine, removeEngine } from '@/server/next-entry';
import { jsonBody, noteAuditResult, parseOr400, route } from '@/server/route-kit';

type NameParams = { params: Promise<{ name: string }> };

/** PUT: changes an engine added in Dockside (checked first, like adding). TLS parts left out are kept. */
export const PUT = route(async (req, { params }: NameParams) => {
  const name = parseOr400(engineNameSchema, (await params).name);
  const body = await jsonBody(req, editEngineRequestSchema);
  noteAuditResult(req, auditSummaryOf(name, body));
  const saved = await editEngine(name, body);
  noteAuditResult(req, auditSummaryOf(name, body, saved));
  return saved;
});

/** DELETE: forgets an engine added in Dockside (409 for one from a docker context or the environment). */
export const DELETE = route(async (req, { params }: NameParams) => {
  const name = parseOr400(engineNameSchema, (await params).name);
  noteAuditResult(req, { name });
  await removeEngine(name);
});
