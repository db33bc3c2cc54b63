import type { AuditEntry } from '../protocol/audit';

/** "session:ab12cd…" → "Browser session ab12cd": what a person recognises (the raw value goes in a tooltip). */
export function describeWho(who: string): string {
  if (who.startsWith('session:')) return `Browser session ${who.slice('session:'.length, 'session:'.length + 6)}`;
  if (who === 'bearer') return 'API token';
  if (who === 'anonymous') return 'Anyone (--no-auth)';
  if (who === 'unauthenticated') return 'Not signed in';
  return who;
}

/**
 * The audit entry that removed a container through Dockside, if the log has one: a successful
 * DELETE of /api/containers/<ref> whose ref is the container's id (or a prefix of it, 12+ chars)
 * or its name. Entries are newest first, so the first match is the latest removal.
 */
export function findRemoval(entries: readonly AuditEntry[], container: { id: string; name: string }): AuditEntry | undefined {
  return entries.find(
    (e) =>
      e.method === 'DELETE' &&
      e.outcome === 'ok' &&
      e.route.startsWith('/api/containers/') &&
      !!e.target &&
      (e.target === container.name || (e.target.length >= 12 && container.id.startsWith(e.target))),
  );
}
