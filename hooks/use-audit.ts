'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { findRemoval } from '@/lib/format/audit';
import type { AuditEntry } from '@/lib/protocol/audit';

/** The newest audit entries, newest first (the audit page). */
export function useAuditLog(limit: number, enabled = true) {
  return useQuery({
    queryKey: ['audit', limit],
    queryFn: ({ signal }) => api<AuditEntry[]>(`/api/audit?limit=${limit}`, { signal }),
    enabled,
  });
}

/**
 * How many times, and how far apart, the audit log is read for a container that vanished. The engine's
 * destroy event reaches this page before the removing request's audit entry is written (that happens
 * when its answer has been sent), so a removal through Dockside may be read a moment too early.
 */
const REMOVAL_READS = 8;
const REMOVAL_READ_GAP_MS = 400;

/**
 * Who removed a container this page was showing: the audit entry of its removal through Dockside, or
 * `null` once the log has been read long enough to say it was removed elsewhere. `undefined` while
 * still looking.
 */
export function useRemovalRecord(container: { id: string; name: string }, gone: boolean): AuditEntry | null | undefined {
  const key = ['audit', 'removal', container.id];
  const reads = useQueryClient().getQueryState(key)?.dataUpdateCount ?? 0;
  const q = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api<AuditEntry[]>(`/api/audit?limit=200`, { signal }),
    enabled: gone,
    refetchInterval: (query) => (query.state.data && findRemoval(query.state.data, container)) || query.state.dataUpdateCount >= REMOVAL_READS ? false : REMOVAL_READ_GAP_MS,
  });
  // Read here so that each read re-renders (react-query re-renders only for what a render reads, and
  // an unchanged log keeps `data` as it was): the count above is then current when the last read lands.
  void q.dataUpdatedAt;
  if (!gone) return undefined;
  const found = q.data ? findRemoval(q.data, container) : undefined;
  if (found) return found;
  return q.error || reads >= REMOVAL_READS ? null : undefined;
}
