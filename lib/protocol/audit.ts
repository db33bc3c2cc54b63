import { z } from './z';

/**
 * One line of the audit log: who changed what, when, and how it ended. Never holds a secret:
 * request bodies are summarised with credentials, env values and long strings redacted.
 */
export const auditEntrySchema = z.object({
  time: z.string(),
  /** `session:<short hash>`, `bearer`, `anonymous` (--no-auth) or `unauthenticated`. */
  who: z.string(),
  remote: z.string(),
  /** HTTP method, or `WS` for a channel opened on the socket. */
  method: z.string(),
  /** Path without the query (`/api/containers/abc/actions`), or the channel kind for `WS`. */
  route: z.string(),
  target: z.string().optional(),
  action: z.string().optional(),
  /** The request body or channel parameters, summarised and redacted. */
  detail: z.unknown().optional(),
  /** HTTP status; absent for socket entries. 0 when the client went away before an answer. */
  status: z.number().int().optional(),
  outcome: z.enum(['ok', 'refused', 'failed', 'aborted', 'requested']),
  /**
   * The client went away before the answer (tab closed mid-request). The server still finished the
   * request: `status` and `outcome` say how it ended, and the user sees it here when they return.
   */
  clientGone: z.boolean().optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
