import { auditQuerySchema } from '@/lib/protocol/audit';
import { readAuditLog } from '@/server/next-entry';
import { parseOr400, queryOf, route } from '@/server/route-kit';

/** GET ?limit=N: the newest audit entries, newest first. */
export const GET = route(async (req) => readAuditLog(parseOr400(auditQuerySchema, queryOf(req)).limit));
