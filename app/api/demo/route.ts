import { removeDemoContainers } from '@/server/next-entry';
import { engineOf, noteAuditResult, route } from '@/server/route-kit';

/** DELETE: remove the sandbox's demo containers (label dockside.demo); the audit entry names them. */
export const DELETE = route(async (req) => {
  const result = await removeDemoContainers(engineOf(req));
  noteAuditResult(req, result);
  return result;
});
